/**
 * How statements of reasons are handed to the Commission's Transparency Database (DSA Art.
 * 24(5)), as pure decisions: batches, when to try again, and what a refusal means for each
 * statement. The database's own rules decide what is valid; the platform never quarantines a
 * statement on its copy of those rules, only on the database's answer.
 */

/** The database's 422 `errors` map: field (or `statements.<index>.<field>`) -> messages. */
export type ApiErrors = Record<string, string[]>;

/** What a refusal says of one statement: already in the database (a success), or invalid. */
export type StatementVerdict = { kind: 'duplicate' } | { kind: 'invalid'; errors: ApiErrors };

export const submissionPolicy = {
  /** Tries of one request refused as busy (429) or failing (5xx, no answer) before the run gives up. */
  maxAttempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  /** Statements one run takes from the pending ones; the rest wait for the next run. */
  maxStatementsPerRun: 2_000,
  /** A run starts no request it could not finish waiting for within this budget (the function's timeout is longer). */
  runBudgetMs: 240_000,
} as const;

/** A quarantine record keeps the database's answer, bounded: it is for an operator to read, not a dump. */
const QUARANTINE_LIMITS = { fields: 20, messages: 5, characters: 300 } as const;

export const chunksOf = <T>(items: readonly T[], size: number): T[][] => {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
};

/** Metrics of the submission job (Powertools, dimensions `stage` and `function`); the alarm watches the quarantine. */
export const submissionMetrics = {
  submitted: 'StatementsSubmitted',
  quarantined: 'StatementsQuarantined',
  disabled: 'TransparencyDatabaseDisabled',
} as const;

/** The status of a request that got no answer (network error, timeout). */
export const NO_ANSWER = 0;

/** Busy, failing or unreachable: worth another try later. Any other refusal is an answer. */
export const isRetryable = (status: number): boolean => status === NO_ANSWER || status === 429 || status >= 500;

/**
 * `Retry-After` as milliseconds from `now`: delta-seconds or an HTTP date; undefined when absent
 * or unreadable (the backoff then decides).
 */
export const retryAfterMs = (header: string | null | undefined, now: Date): number | undefined => {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
};

/**
 * The pause before try `attempt + 1`: what the server asked for, else exponential backoff with
 * jitter (half the step plus a random half, so clients that failed together spread out).
 */
export const retryDelayMs = (attempt: number, serverAsked: number | undefined, random: () => number = Math.random): number => {
  if (serverAsked !== undefined) return serverAsked;
  const step = Math.min(submissionPolicy.maxDelayMs, submissionPolicy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(step / 2 + random() * (step / 2));
};

const isDuplicateOnly = (errors: ApiErrors): boolean => {
  const fields = Object.keys(errors);
  return fields.length === 1 && fields[0] === 'puid' && (errors.puid ?? []).every((message) => /not unique/i.test(message));
};

/** A refused single statement (`POST /api/v1/statement`): a duplicate puid means it is already in. */
export const verdictOfRefusal = (errors: ApiErrors): StatementVerdict =>
  isDuplicateOnly(errors) ? { kind: 'duplicate' } : { kind: 'invalid', errors };

const BATCH_ERROR_KEY = /^statements\.(\d+)\.(.+)$/;

/**
 * A refused batch: the database refuses all of it for any statement it refuses, naming each one
 * by its index. The verdict of each statement it named; `attributed` is false when some error
 * names no statement of the batch, and the batch has to be sent one statement at a time to learn
 * which ones are at fault.
 */
export const verdictsOfBatchRefusal = (puids: readonly string[], errors: ApiErrors): { verdicts: Map<string, StatementVerdict>; attributed: boolean } => {
  const byIndex = new Map<number, ApiErrors>();
  let attributed = true;
  for (const [key, messages] of Object.entries(errors)) {
    const match = BATCH_ERROR_KEY.exec(key);
    const index = match ? Number(match[1]) : -1;
    if (!match || index >= puids.length) {
      attributed = false;
      continue;
    }
    const own = byIndex.get(index) ?? {};
    own[match[2]!] = messages;
    byIndex.set(index, own);
  }
  const verdicts = new Map<string, StatementVerdict>();
  for (const [index, own] of byIndex) verdicts.set(puids[index]!, verdictOfRefusal(own));
  return { verdicts, attributed: attributed && verdicts.size > 0 };
};

/** The database's errors as kept with a quarantined statement: field names and messages, bounded. */
export const quarantineErrorsOf = (errors: ApiErrors): ApiErrors =>
  Object.fromEntries(
    Object.entries(errors)
      .slice(0, QUARANTINE_LIMITS.fields)
      .map(([field, messages]) => [
        field.slice(0, QUARANTINE_LIMITS.characters),
        (Array.isArray(messages) ? messages : [String(messages)]).slice(0, QUARANTINE_LIMITS.messages).map((m) => String(m).slice(0, QUARANTINE_LIMITS.characters)),
      ]),
  );

/** A quarantine an operator ended: who released the statement, when, and what the database had said. */
export interface QuarantineRelease {
  releasedAt: string;
  releasedBy: string;
  quarantinedAt: string;
  apiErrors: ApiErrors;
}

/**
 * How often one statement may be released from quarantine. A statement refused this often is not
 * waiting for a fix of the data; and each release keeps the database's errors on the record (up to
 * some 36 KB), so a bound also keeps the record far from DynamoDB's 400 KB item limit.
 */
export const MAX_QUARANTINE_RELEASES = 5;

/** The record of releasing a quarantined statement, to keep with it once it goes back to the pending ones. */
export const quarantineReleaseOf = (quarantine: { quarantinedAt: string; apiErrors: ApiErrors }, staffId: string, now: Date): QuarantineRelease => ({
  releasedAt: now.toISOString(),
  releasedBy: staffId,
  quarantinedAt: quarantine.quarantinedAt,
  apiErrors: quarantine.apiErrors,
});
