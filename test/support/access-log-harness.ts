import type { Clock } from '#shared/clock.ts';
import { accessLogApiHandlerFromEnvironment } from '#shared/access-log/wiring/access-log-api.ts';
import { invokeApi } from './events.ts';

/** The access-log function wired as its handler module wires it, on the local stack's access-log table. */
export const createAccessLogHarness = (options: { clock?: Clock; env?: NodeJS.ProcessEnv } = {}) =>
  invokeApi(accessLogApiHandlerFromEnvironment({ ...(options.clock && { clock: options.clock }), ...(options.env && { env: options.env }) }));
