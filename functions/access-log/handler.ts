import { accessLogApiHandlerFromEnvironment } from '#shared/access-log/wiring/access-log-api.ts';

export const handler = accessLogApiHandlerFromEnvironment();
