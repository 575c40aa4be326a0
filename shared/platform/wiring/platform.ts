import { systemClock } from '#shared/clock.ts';
import { createLogger } from '#shared/observability/logger.ts';
import { createPlatformHandler } from '#shared/platform/http/handlers.ts';

/** The platform function, from its environment: it holds no key and reads no table. */
export const platformHandlerFromEnvironment = () => createPlatformHandler({ logger: createLogger('platform'), clock: systemClock });
