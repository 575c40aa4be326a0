import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { createSqsClient } from '#shared/aws/sqs.ts';
import { systemClock } from '#shared/clock.ts';
import { createLogger } from '#shared/observability/logger.ts';
import { createReadinessHandler } from '#shared/platform/http/readiness-handler.ts';
import { cachedReadiness, checkReadiness, type ReadinessClients, readReadinessTargets } from '#shared/platform/readiness.ts';

/** How long one readiness answer is served before the dependencies are asked again. */
const READINESS_TTL_MS = 10_000;
/** A dependency that has not answered by then counts as failing (the function's timeout is 5 s). */
const READINESS_CHECK_TIMEOUT_MS = 2_000;

/** The describe calls behind the readiness checks, through the AWS SDK. */
const readinessClients = (): ReadinessClients => {
  const dynamodb = new DynamoDBClient({});
  const sqs = createSqsClient();
  const kms = new KMSClient({});
  return {
    tableStatus: async (tableName) => (await dynamodb.send(new DescribeTableCommand({ TableName: tableName }))).Table?.TableStatus,
    queueAnswers: async (queueUrl) => {
      await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
    },
    keyState: async (keyArn) => (await kms.send(new DescribeKeyCommand({ KeyId: keyArn }))).KeyMetadata?.KeyState,
  };
};

/**
 * The readiness function, from its environment: it describes the tables, queues and keys the
 * stack names in READINESS_TARGETS, with no permission beyond those describe calls.
 */
export const readinessHandlerFromEnvironment = (env: NodeJS.ProcessEnv = process.env) => {
  const logger = createLogger('readiness');
  const targets = readReadinessTargets(env);
  const clients = readinessClients();
  const readiness = cachedReadiness(
    () =>
      checkReadiness(targets, clients, {
        now: () => systemClock.now(),
        timeoutMs: READINESS_CHECK_TIMEOUT_MS,
        onFailure: (check, error) => logger.warn('readiness check failing', { check, error }),
      }),
    READINESS_TTL_MS,
  );
  return createReadinessHandler({ logger, readiness });
};
