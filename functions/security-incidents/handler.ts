import { incidentApiHandlerFromEnvironment } from '#shared/security/wiring/security-incidents.ts';

export const handler = incidentApiHandlerFromEnvironment();
