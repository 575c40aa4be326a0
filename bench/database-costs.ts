import { startDynamoDbLocal } from '#infra/local/dynamodb.ts';
import { contentReviewTable, measureContentReviewThroughput } from './content-review-throughput.ts';
import { freePort } from './dynamodb-meter.ts';
import type { Section } from './section.ts';
import { measureSurveyResultsCost, type SurveyResultsCost } from './survey-results.ts';
import { measureSweepCapacity, type SweepCapacity } from './sweep-capacity.ts';
import { fixed, formatTable, thousands } from './table.ts';

/**
 * What reaches DynamoDB, on one DynamoDB Local:
 * - SLA sweep capacity with 100 and with 100,000 open complaints, 50 of them due, and with 500
 *   due. Target: the cost follows the number due, not the number open (ratio 100,000 / 100 open <= 1.1).
 * - Survey results: the capacity of reading a month's results with 100 and 100,000 responses.
 *   Target: the same cost (ratio <= 1.1), because results are kept as responses arrive.
 * - Content review: reviews per second through the local queue, poller and worker, next to a
 *   bare receive-and-delete loop on the same queue (informative: no target).
 */

const SWEEP_OPEN = Number(process.env.BENCH_SWEEP_OPEN ?? 100_000);
const SWEEP_RATIO_TARGET = 1.1;
/** (open, due): few and many open with the same number due, then ten times as many due. */
const SWEEP_RUNS = [
  { open: 100, due: 50 },
  { open: SWEEP_OPEN, due: 50 },
  { open: 1_000, due: 500 },
] as const;
const SURVEY_RUNS = [100, Number(process.env.BENCH_SURVEY_RESPONSES ?? 100_000)] as const;
const SURVEY_RATIO_TARGET = 1.1;

/** The SLA sweep, the survey results and the content-review worker, on one DynamoDB Local. */
const measureDatabaseCosts = async (log: (line: string) => void) => {
  const database = await startDynamoDbLocal({ port: await freePort() });
  try {
    const sweeps: SweepCapacity[] = [];
    for (const run of SWEEP_RUNS) sweeps.push(await measureSweepCapacity(database, { ...run, log }));
    const surveys: SurveyResultsCost[] = [];
    for (const responses of SURVEY_RUNS) surveys.push(await measureSurveyResultsCost(database, { responses, log }));
    const contentReview = await measureContentReviewThroughput(database, { log });
    return { sweeps, surveys, contentReview };
  } finally {
    await database.stop();
  }
};
const surveyRatio = (results: readonly SurveyResultsCost[]) => results[1]!.capacityUnits / results[0]!.capacityUnits;

const surveyTable = (results: readonly SurveyResultsCost[]): string =>
  formatTable(
    [
      { header: 'Responses' },
      { header: 'Capacity units (results read)', align: 'right' },
      { header: 'Requests', align: 'right' },
      { header: 'A scan would read', align: 'right' },
      { header: 'Read ms', align: 'right' },
    ],
    results.map((r) => [thousands(r.responses), fixed(r.capacityUnits), thousands(r.requests), fixed(r.scanReadUnits), fixed(r.readMs)]),
  );

/** Capacity with many open over capacity with few open, the number due being the same. */
const sweepRatio = (results: readonly SweepCapacity[]) => results[1]!.capacityUnits / results[0]!.capacityUnits;

const sweepTable = (results: readonly SweepCapacity[]): string =>
  formatTable(
    [
      { header: 'Open complaints' },
      { header: 'Due', align: 'right' },
      { header: 'Capacity units', align: 'right' },
      { header: 'Requests', align: 'right' },
      { header: 'Per due complaint', align: 'right' },
      { header: 'Sweep ms', align: 'right' },
    ],
    results.map((r) => [
      thousands(r.open),
      thousands(r.due),
      fixed(r.capacityUnits),
      thousands(r.requests),
      fixed(r.capacityUnits / r.due, 2),
      fixed(r.sweepMs, 0),
    ]),
  );

const verdict = (pass: boolean) => (pass ? 'PASS' : 'FAIL');

export const databaseSection: Section = async ({ log }) => {
  const { sweeps, surveys, contentReview } = await measureDatabaseCosts(log);
  const ratio = sweepRatio(sweeps);
  const surveysRatio = surveyRatio(surveys);
  return {
    lines: [
      'SLA sweep: DynamoDB capacity of one sweep on DynamoDB Local (ReturnConsumedCapacity on every request), 2 breaches per due complaint',
      sweepTable(sweeps),
      `Ratio ${thousands(SWEEP_RUNS[1].open)} open / ${thousands(SWEEP_RUNS[0].open)} open, ${SWEEP_RUNS[0].due} due: ${fixed(ratio, 3)}  target <= ${SWEEP_RATIO_TARGET}: ${verdict(ratio <= SWEEP_RATIO_TARGET)}`,
      '',
      "Survey results: DynamoDB capacity of reading one month's results (counters kept as responses arrive)",
      surveyTable(surveys),
      `Ratio ${thousands(SURVEY_RUNS[1])} / ${thousands(SURVEY_RUNS[0])} responses: ${fixed(surveysRatio, 3)}  target <= ${SURVEY_RATIO_TARGET}: ${verdict(surveysRatio <= SURVEY_RATIO_TARGET)}`,
      '',
      `Content review: ${contentReview.messages} reviews per repetition through the local queue, the poller and the worker, next to a bare receive-and-delete loop on the same queue (medians of ${contentReview.repetitions})`,
      contentReviewTable(contentReview),
      `Worker / bare loop: ${fixed(contentReview.ratio, 3)} (screening outcomes: ${JSON.stringify(contentReview.outcomes)})`,
    ],
    targets: { sweepOpenRatio: SWEEP_RATIO_TARGET, surveyResponsesRatio: SURVEY_RATIO_TARGET },
    results: {
      slaSweep: { runs: sweeps, openRatio: ratio, pass: ratio <= SWEEP_RATIO_TARGET },
      surveyResults: { runs: surveys, responsesRatio: surveysRatio, pass: surveysRatio <= SURVEY_RATIO_TARGET },
      contentReview,
    },
    meta: {},
  };
};
