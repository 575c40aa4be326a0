import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { systemClock, type Clock } from '#shared/clock.ts';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { createTable } from '#shared/aws/table.ts';
import { readTableName } from '#shared/config.ts';
import { activePeopleFigures } from '#shared/figures/active-people.ts';
import { platformTables } from '#shared/manifest/platform.ts';
import type { ActivePeoplePorts } from '#shared/platform/active-people.ts';
import { createLogger } from '#shared/observability/logger.ts';
import { createPlatformHandler } from '#shared/platform/http/handlers.ts';
import { cachedReadiness, checkReadiness, type ReadinessClients, readReadinessTargets } from '#shared/platform/readiness.ts';

/** How long one readiness answer is served before the dependencies are asked again. */
const READINESS_TTL_MS = 10_000;
/** A dependency that has not answered by then counts as failing (the function's timeout is 5 s). */
const READINESS_CHECK_TIMEOUT_MS = 2_000;
/** The item the synthetic probe reads: it need not exist, the read is what is checked. */
const PROBE_KEY = { pk: 'platform#synthetic-probe', sk: 'probe' };

/**
 * The describe calls through the AWS SDK, loaded on the first readiness probe: liveness and the
 * OpenAPI document (most of this function's calls) do not run the SQS and KMS clients' modules.
 * They are imported by name in a module of their own, so the bundle keeps only the three commands
 * (an `import()` of a package itself keeps the whole package: 45 KiB more to parse at each start).
 */
const readinessClients = async (dynamodb: DynamoDBClient): Promise<ReadinessClients> =>
  (await import('#shared/platform/wiring/readiness-clients.ts')).createReadinessClients(dynamodb);

/**
 * The platform function, from its environment: it holds no key material; its readiness checks
 * describe the tables, queues and keys the stack names in READINESS_TARGETS, and its synthetic
 * probe reads one key of the figures table.
 */
export const platformHandlerFromEnvironment = (env: NodeJS.ProcessEnv = process.env, clock: Clock = systemClock) => {
  const logger = createLogger('platform');
  const targets = readReadinessTargets(env);
  const figuresTableName = readTableName(platformTables.figures, env);
  // Clients are created on first use, one DynamoDB client for the readiness checks, the probe and
  // the active people: serving the OpenAPI document needs none.
  let dynamo: ReturnType<typeof createDynamoClients> | undefined;
  const dynamoClients = () => (dynamo ??= createDynamoClients());
  let clients: Promise<ReadinessClients> | undefined;
  let figures: ReturnType<typeof createTable> | undefined;
  const readiness = cachedReadiness(async () => {
    clients ??= readinessClients(dynamoClients().client);
    return checkReadiness(targets, await clients, {
      now: () => systemClock.now(),
      timeoutMs: READINESS_CHECK_TIMEOUT_MS,
      onFailure: (check, error) => logger.warn('readiness check failing', { check, error }),
    });
  }, READINESS_TTL_MS);
  const probeRead = async () => {
    figures ??= createTable(dynamoClients().document, figuresTableName);
    await figures.get(PROBE_KEY);
  };
  let activePeople: ActivePeoplePorts | undefined;
  const activePeoplePorts = () => {
    activePeople ??= { figures: activePeopleFigures(dynamoClients().document, figuresTableName), clock };
    return activePeople;
  };
  return createPlatformHandler({ logger, clock: systemClock, readiness, probeRead, activePeople: activePeoplePorts });
};
