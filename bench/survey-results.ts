/**
 * The cost of a month's survey results with few and with many responses. The results are read
 * from counters kept as responses arrive (one figures item for the month, one campaign item), so
 * the cost must not grow with the number of responses. DynamoDB Local reports consumed capacity
 * as DynamoDB would; every request the results read sends asks for it, through a middleware on
 * its own document client.
 *
 * Run alone: `npx tsx bench/survey-results.ts [responses...]` (default 100 and 100000); bench/run.ts
 * calls `measureSurveyResultsCost` the same way.
 */
import { fileURLToPath } from 'node:url';
import { CreateTableCommand, DeleteTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { tables } from '#infra/manifest.ts';
import { createTableInput, startDynamoDbLocal } from '#infra/local/dynamodb.ts';
import { createTable } from '#shared/aws/table.ts';
import { createFiguresStore, type Counters } from '#shared/figures/store.ts';
import { newCampaign } from '#shared/surveys/domain/campaigns.ts';
import { responseCounters, samplingCounters } from '#shared/surveys/domain/counters.ts';
import { builtInDefinitions } from '#shared/surveys/domain/definitions.ts';
import { newInvitation } from '#shared/surveys/domain/invitations.ts';
import { monthStart } from '#shared/surveys/domain/months.ts';
import { surveyPolicy } from '#shared/surveys/domain/policy.ts';
import { createCampaignStore } from '#shared/surveys/store/campaign-store.ts';
import { surveyResults } from '#shared/surveys/use-cases/survey-results.ts';
import { freePort, meteredDocumentClient, seedItems } from './dynamodb-meter.ts';

export interface SurveyResultsCost {
  responses: number;
  /** Capacity units the results read consumed (reads, tables and indexes). */
  capacityUnits: number;
  requests: number;
  /** The n the results reported: must equal `responses`. */
  reportedN: number;
  /** What computing the month by scanning the responses would read, for contrast. */
  scanReadUnits: number;
  seedMs: number;
  readMs: number;
}

const MONTH = '2026-11';

/**
 * Seeds `responses` answered invitations of one monthly campaign (the items the API would have
 * written) and the month's counters those responses add up to, computed by the same domain code.
 */
const seed = async (document: DynamoDBDocumentClient, names: { surveys: string; figures: string }, responses: number) => {
  const definition = builtInDefinitions.monthly;
  const opened = monthStart(MONTH);
  const campaign = newCampaign('monthly', MONTH, 1, surveyPolicy, opened);
  const figures = createFiguresStore(document, names.figures, 'surveys');
  await createCampaignStore(document, createTable(document, names.surveys)).create(campaign);
  const totals: Counters = {};
  const add = (counters: Counters) => {
    for (const [k, v] of Object.entries(counters)) totals[k] = (totals[k] ?? 0) + v;
  };
  let state = 42;
  const random = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const items = Array.from({ length: responses }, (_, i) => {
    const answers = { satisfaction: random() < 0.9 ? 4 + Math.floor(random() * 2) : 1 + Math.floor(random() * 3), recommend: Math.floor(random() * 11) };
    const invitation = { ...newInvitation(campaign, `user-${i}`, opened, surveyPolicy), status: 'responded' as const, revision: 1, respondedAt: opened.toISOString(), scored: answers };
    add(samplingCounters('monthly', true, true));
    add(responseCounters(invitation, definition, answers));
    return { pk: `USER#${invitation.userId}`, sk: `INVITE#${invitation.id}`, entity: 'invitation', ...invitation };
  });
  await seedItems(document, names.surveys, items);
  await document.send(new TransactWriteCommand({ TransactItems: figures.periodUpdates(opened, totals, ['month', 'quarter']) }));
};

const scanReadUnits = async (document: DynamoDBDocumentClient, tableName: string) => {
  let units = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await document.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start, ReturnConsumedCapacity: 'TOTAL', ProjectionExpression: 'pk' }));
    units += page.ConsumedCapacity?.CapacityUnits ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return units;
};

export const measureSurveyResultsCost = async (
  database: { client: DynamoDBClient; endpoint: string },
  options: { responses: number; log: (line: string) => void },
): Promise<SurveyResultsCost> => {
  const { client } = database;
  const suffix = `${options.responses}-${Date.now()}`;
  const names = { surveys: `bench-surveys-${suffix}`, figures: `bench-figures-${suffix}` };
  await client.send(new CreateTableCommand(createTableInput(tables.surveys, names.surveys)));
  await client.send(new CreateTableCommand(createTableInput(tables.figures, names.figures)));
  try {
    const plain = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
    options.log(`Survey results: seeding ${options.responses.toLocaleString('en-GB')} responses...`);
    const seedStart = performance.now();
    await seed(plain, names, options.responses);
    const seedMs = performance.now() - seedStart;

    const { document, meter } = meteredDocumentClient(database.endpoint);
    const figures = createFiguresStore(document, names.figures, 'surveys');
    const campaigns = createCampaignStore(document, createTable(document, names.surveys));
    const read = surveyResults({ figures, campaigns, policy: surveyPolicy });
    const readStart = performance.now();
    const results = await read({ roles: ['comms'] }, { kind: 'monthly', from: MONTH, to: MONTH });
    const readMs = performance.now() - readStart;
    const reportedN = results.months[0]!.csat.n;
    if (reportedN !== options.responses) throw new Error(`The results report ${reportedN} responses; ${options.responses} were seeded`);
    return {
      responses: options.responses,
      capacityUnits: meter.capacityUnits,
      requests: meter.requests,
      reportedN,
      scanReadUnits: await scanReadUnits(plain, names.surveys),
      seedMs,
      readMs,
    };
  } finally {
    await client.send(new DeleteTableCommand({ TableName: names.surveys })).catch(() => undefined);
    await client.send(new DeleteTableCommand({ TableName: names.figures })).catch(() => undefined);
  }
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sizes = process.argv.slice(2).map(Number);
  const runs = sizes.length > 0 ? sizes : [100, 100_000];
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const database = await startDynamoDbLocal({ port: await freePort() });
  try {
    const results: SurveyResultsCost[] = [];
    for (const responses of runs) results.push(await measureSurveyResultsCost(database, { responses, log }));
    console.log('| Responses | Capacity units (results read) | Requests | Scan would read | Read ms |');
    console.log('|---|---|---|---|---|');
    for (const r of results) {
      console.log(`| ${r.responses.toLocaleString('en-GB')} | ${r.capacityUnits} | ${r.requests} | ${r.scanReadUnits} | ${r.readMs.toFixed(1)} |`);
    }
    const ratio = results[results.length - 1]!.capacityUnits / results[0]!.capacityUnits;
    console.log(`Capacity ratio ${results[results.length - 1]!.responses.toLocaleString('en-GB')} / ${results[0]!.responses}: ${ratio.toFixed(2)}`);
  } finally {
    await database.stop();
  }
}
