import { authorizerHandlerFromEnvironment } from '#shared/platform/wiring/authorizer.ts';

export const handler = authorizerHandlerFromEnvironment();
