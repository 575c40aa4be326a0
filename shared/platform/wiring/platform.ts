import { systemClock, type Clock } from '#shared/clock.ts';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { createTable } from '#shared/aws/table.ts';
import { readTableName } from '#shared/config.ts';
import { activePeopleFigures } from '#shared/figures/active-people.ts';
import { platformTables } from '#shared/manifest/platform.ts';
import type { ActivePeoplePorts } from '#shared/platform/active-people.ts';
import { createLogger } from '#shared/observability/logger.ts';
import { createPlatformHandler } from '#shared/platform/http/handlers.ts';

/** The item the synthetic probe reads: it need not exist, the read is what is checked. */
const PROBE_KEY = { pk: 'platform#synthetic-probe', sk: 'probe' };

/**
 * The platform function, from its environment: it holds no key material; its synthetic probe
 * reads one key of the figures table, where administrators also report the monthly active people.
 */
export const platformHandlerFromEnvironment = (env: NodeJS.ProcessEnv = process.env, clock: Clock = systemClock) => {
  const logger = createLogger('platform');
  const figuresTableName = readTableName(platformTables.figures, env);
  // The clients are created on first use: liveness and the OpenAPI document need none.
  let dynamo: ReturnType<typeof createDynamoClients> | undefined;
  const document = () => (dynamo ??= createDynamoClients()).document;
  let figures: ReturnType<typeof createTable> | undefined;
  const probeRead = async () => {
    figures ??= createTable(document(), figuresTableName);
    await figures.get(PROBE_KEY);
  };
  let activePeople: ActivePeoplePorts | undefined;
  const activePeoplePorts = () => {
    activePeople ??= { figures: activePeopleFigures(document(), figuresTableName), clock };
    return activePeople;
  };
  return createPlatformHandler({ logger, clock: systemClock, probeRead, activePeople: activePeoplePorts });
};
