import type { Logger } from '@aws-lambda-powertools/logger';
import type { Clock } from '#shared/clock.ts';
import {
  chunksOf,
  isRetryable,
  quarantineErrorsOf,
  retryAfterMs,
  retryDelayMs,
  submissionMetrics,
  submissionPolicy,
  verdictOfRefusal,
  verdictsOfBatchRefusal,
  type StatementVerdict,
} from '#shared/moderation/domain/statement-submission.ts';
import { MAX_STATEMENTS_PER_REQUEST, toTransparencyStatement } from '#shared/moderation/domain/transparency-db.ts';
import type { StatementSubmissionStore } from '#shared/moderation/store/statement-submissions.ts';
import type { TransparencyDatabaseAnswer, TransparencyDatabaseApi } from '#shared/moderation/transparency-database/client.ts';

export interface SubmissionPorts {
  submissions: Pick<StatementSubmissionStore, 'pending' | 'statements' | 'markSubmitted' | 'quarantine'>;
  /** Undefined when no database is configured: the job then sends nothing. */
  api: TransparencyDatabaseApi | undefined;
  clock: Clock;
  sleep: (milliseconds: number) => Promise<void>;
  count: (metric: string, value: number) => void;
  logger: Pick<Logger, 'info' | 'warn'>;
}

/** What one run did; counts and puids only (statements hold no personal data, and neither does this). */
export interface SubmissionReport {
  enabled: boolean;
  pending: number;
  submitted: number;
  /** Refused as duplicates: the database already held them (an earlier run's request it accepted). */
  duplicates: number;
  quarantined: number;
  requests: number;
  retries: number;
  /** The run stopped waiting (the database asked for more time than the run had left); the rest wait for the next run. */
  deferred: boolean;
}

/** The database kept failing (or refused the request itself): the run fails, and its alarm fires. */
export class TransparencyDatabaseUnavailableError extends Error {
  override name = 'TransparencyDatabaseUnavailableError';
}
/** Waiting any longer would outlast the run: what is not sent stays pending. */
class SubmissionDeferred extends Error {}

type TransparencyStatement = ReturnType<typeof toTransparencyStatement>;
type Run = SubmissionPorts & { api: TransparencyDatabaseApi; report: SubmissionReport; deadline: number };

/** One request, tried again with backoff while the database is busy or failing; a 2xx or a 422 is its answer. */
const send = async (run: Run, request: () => Promise<TransparencyDatabaseAnswer>): Promise<TransparencyDatabaseAnswer> => {
  for (let attempt = 1; ; attempt += 1) {
    run.report.requests += 1;
    const answer = await request();
    if ((answer.status >= 200 && answer.status < 300) || answer.status === 422) return answer;
    if (!isRetryable(answer.status) || attempt >= submissionPolicy.maxAttempts) {
      throw new TransparencyDatabaseUnavailableError(`The Transparency Database answered ${answer.status} (try ${attempt})`);
    }
    const now = run.clock.now();
    const delay = retryDelayMs(attempt, retryAfterMs(answer.retryAfter, now));
    if (now.getTime() + delay > run.deadline) throw new SubmissionDeferred();
    run.report.retries += 1;
    await run.sleep(delay);
  }
};

const recordSubmitted = async (run: Run, statements: readonly TransparencyStatement[]) => {
  let recorded = 0;
  for (const s of statements) if (await run.submissions.markSubmitted(s.puid, run.clock.now(), false)) recorded += 1;
  run.report.submitted += recorded;
  run.count(submissionMetrics.submitted, recorded);
};

const recordVerdicts = async (run: Run, verdicts: ReadonlyMap<string, StatementVerdict>) => {
  for (const [puid, verdict] of verdicts) {
    if (verdict.kind === 'duplicate') {
      if (await run.submissions.markSubmitted(puid, run.clock.now(), true)) run.report.duplicates += 1;
      continue;
    }
    const errors = quarantineErrorsOf(verdict.errors);
    if (await run.submissions.quarantine(puid, run.clock.now(), errors)) {
      run.report.quarantined += 1;
      run.count(submissionMetrics.quarantined, 1);
      run.logger.warn('Statement of reasons refused by the Transparency Database: quarantined', { puid, fields: Object.keys(errors) });
    }
  }
};

/** One statement on its own: its own verdict. */
const submitOne = async (run: Run, statement: TransparencyStatement) => {
  const answer = await send(run, () => run.api.postStatement(statement));
  if (answer.status === 422) await recordVerdicts(run, new Map([[statement.puid, verdictOfRefusal(answer.errors ?? {})]]));
  else await recordSubmitted(run, [statement]);
};

/**
 * A batch: the database creates all of it or none. When it refuses, the statements it names are
 * recorded (duplicates as submitted, the invalid quarantined) and the others are sent again
 * without them; if its errors name no statement, each is sent alone to learn which is at fault.
 */
const submitBatch = async (run: Run, statements: readonly TransparencyStatement[]) => {
  let remaining = statements;
  while (remaining.length > 0) {
    const batch = remaining;
    const answer = await send(run, () => run.api.postStatements(batch));
    if (answer.status !== 422) return recordSubmitted(run, batch);
    const { verdicts, attributed } = verdictsOfBatchRefusal(
      batch.map((s) => s.puid),
      answer.errors ?? {},
    );
    if (!attributed) {
      for (const statement of batch) await submitOne(run, statement);
      return;
    }
    await recordVerdicts(run, verdicts);
    remaining = batch.filter((s) => !verdicts.has(s.puid));
  }
};

/**
 * DSA Art. 24(5): sends every statement of reasons not yet sent to the Commission's Transparency
 * Database, oldest first, at most 100 per request, each exactly once as far as the database is
 * concerned (its puid is the key: a repeat is refused as a duplicate and recorded as sent). A
 * statement the database refuses as invalid is quarantined with its errors and never sent again
 * by the job. Without a configured database it records that it is disabled and sends nothing.
 */
export const submitStatements = async (ports: SubmissionPorts): Promise<SubmissionReport> => {
  const report: SubmissionReport = { enabled: true, pending: 0, submitted: 0, duplicates: 0, quarantined: 0, requests: 0, retries: 0, deferred: false };
  if (!ports.api) {
    ports.count(submissionMetrics.disabled, 1);
    ports.logger.warn('No Transparency Database is configured: statements of reasons are not being submitted');
    return { ...report, enabled: false };
  }
  const run: Run = { ...ports, api: ports.api, report, deadline: ports.clock.now().getTime() + submissionPolicy.runBudgetMs };
  const puids = await ports.submissions.pending(submissionPolicy.maxStatementsPerRun);
  report.pending = puids.length;
  try {
    for (const chunk of chunksOf(puids, MAX_STATEMENTS_PER_REQUEST)) {
      const statements = await ports.submissions.statements(chunk);
      await submitBatch(run, statements.map(toTransparencyStatement));
    }
  } catch (error) {
    if (!(error instanceof SubmissionDeferred)) throw error;
    report.deferred = true;
    ports.logger.info('The Transparency Database asked to wait longer than this run has left: the rest waits for the next run');
  }
  return report;
};
