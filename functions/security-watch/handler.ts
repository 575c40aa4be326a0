import { securityWatchHandlerFromEnvironment } from '#shared/security/wiring/security-watch.ts';

export const handler = securityWatchHandlerFromEnvironment();
