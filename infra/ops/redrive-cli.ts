/**
 * `npm run redrive -- <queue> [--max <n>] [--stage local|dev|prod]`: moves the messages of the
 * queue's dead-letter queue back to the queue and prints what it did as JSON.
 * `npm run redrive -- outbox <customer-service|moderation|surveys> [--stage local|dev|prod]`: releases the
 * context's quarantined outbox items to its relay (infra/ops/outbox-release.ts).
 *
 * - local (default): against the running `npm start` (fauxqs), by receive → send → delete.
 * - dev/prod: against the deployed stage, with the AWS credentials and region of the environment;
 *   SQS's message move task, or the same loop when `--max` limits the count.
 *
 * Exit codes: 0 done, 1 the stack is not running or a message could not be moved, 2 usage error.
 */
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { queues } from '#infra/manifest.ts';
import { DEFAULT_REGION, LOCAL_CREDENTIALS } from '#infra/local/aws.ts';
import { dlqName } from '#infra/local/sqs.ts';
import { LocalStackNotRunningError, readRunningEndpoints } from '#infra/local/run-job.ts';
import { REPOSITORY_ROOT } from '#infra/local/paths.ts';
import { parseDeployStage } from '#infra/stacks/deploy-stage.ts';
import { stackName } from '#infra/stacks/user-protection.ts';
import { findDeployedTableName, outboxTables, parseOutboxContext, releaseOutbox, type OutboxReleaseResult } from '#infra/ops/outbox-release.ts';
import {
  describeRedrive,
  findDeployedQueueUrl,
  parseMax,
  parseQueueName,
  redriveByLoop,
  redriveByMoveTask,
  RedriveUsageError,
  type RedriveResult,
} from '#infra/ops/redrive.ts';

const usage = `usage: npm run redrive -- <queue> [--max <n>] [--stage local|dev|prod]
       npm run redrive -- outbox <${Object.keys(outboxTables).join('|')}> [--stage local|dev|prod]\nqueues: ${Object.values(queues)
  .map((q) => q.localName)
  .join(', ')}`;

/** Releases a context's quarantined outbox items, locally or in a deployed stage. */
const releaseOutboxOf = async (context: string | undefined, stage: string | undefined): Promise<OutboxReleaseResult> => {
  const outbox = parseOutboxContext(context);
  const definition = outboxTables[outbox];
  if (stage === 'local') {
    const endpoints = await readRunningEndpoints(process.env.LOCAL_STACK_ROOT ?? REPOSITORY_ROOT);
    return releaseOutbox(new DynamoDBClient({ endpoint: endpoints.dynamodb, region: DEFAULT_REGION, credentials: LOCAL_CREDENTIALS }), outbox, definition.localName);
  }
  if (stage !== 'dev' && stage !== 'prod') throw new RedriveUsageError(`--stage must be local, dev or prod; got "${stage}"`);
  const dynamodb = new DynamoDBClient({});
  return releaseOutbox(dynamodb, outbox, await findDeployedTableName(dynamodb, stackName(parseDeployStage(stage), 'Stateful'), definition));
};

const run = async (): Promise<RedriveResult | OutboxReleaseResult> => {
  const { values, positionals } = parseArgs({
    options: { max: { type: 'string' }, stage: { type: 'string', default: 'local' } },
    allowPositionals: true,
  });
  if (positionals[0] === 'outbox' && positionals.length === 2) return releaseOutboxOf(positionals[1], values.stage);
  if (positionals.length !== 1) throw new RedriveUsageError('Name exactly one queue');
  const queue = parseQueueName(positionals[0]);
  const max = parseMax(values.max);
  const definition = queues[queue];

  if (values.stage === 'local') {
    const endpoints = await readRunningEndpoints(process.env.LOCAL_STACK_ROOT ?? REPOSITORY_ROOT);
    const sqs = new SQSClient({
      endpoint: endpoints.sqs,
      region: DEFAULT_REGION,
      credentials: LOCAL_CREDENTIALS,
      // fauxqs's queue URLs name a host that does not resolve: send every request to the endpoint.
      useQueueUrlAsEndpoint: false,
    });
    const urlOf = async (QueueName: string) => (await sqs.send(new GetQueueUrlCommand({ QueueName }))).QueueUrl!;
    return redriveByLoop({
      sqs,
      queue,
      queueUrl: await urlOf(definition.localName),
      deadLetterQueueUrl: await urlOf(dlqName(definition)),
      ...(max !== undefined && { max }),
    });
  }

  if (values.stage !== 'dev' && values.stage !== 'prod') throw new RedriveUsageError(`--stage must be local, dev or prod; got "${values.stage}"`);
  const stage = parseDeployStage(values.stage);
  const sqs = new SQSClient({});
  const queueUrl = await findDeployedQueueUrl(sqs, stackName(stage, 'Stateful'), definition);
  const redrive = await describeRedrive(sqs, queueUrl);
  if (max !== undefined) return redriveByLoop({ sqs, queue, queueUrl, deadLetterQueueUrl: redrive.deadLetterQueueUrl, max });
  return redriveByMoveTask({ sqs, queue, ...redrive });
};

const main = async (): Promise<{ code: number; stdout?: string; stderr?: string }> => {
  try {
    const result = await run();
    return { code: result.failed > 0 ? 1 : 0, stdout: JSON.stringify(result, null, 2) };
  } catch (error) {
    if (error instanceof RedriveUsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      return { code: 2, stderr: `${(error as Error).message}\n${usage}` };
    }
    if (error instanceof LocalStackNotRunningError) return { code: 1, stderr: error.message };
    return { code: 1, stderr: `redrive failed: ${(error as Error)?.name}: ${(error as Error)?.message}` };
  }
};

const { code, stdout, stderr } = await main();
if (stderr) process.stderr.write(`${stderr}\n`);
// Exit once the output is flushed: the SDK client's open sockets would otherwise hold the process.
process.stdout.write(stdout === undefined ? '' : `${stdout}\n`, () => process.exit(code));
