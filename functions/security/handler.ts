import { securityApiHandlerFromEnvironment } from '#shared/security/wiring/security-api.ts';

export const handler = securityApiHandlerFromEnvironment();
