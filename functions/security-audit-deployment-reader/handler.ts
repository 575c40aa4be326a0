import { deploymentReaderHandlerFromEnvironment } from '#shared/security/wiring/security-audit-deployment-reader.ts';

export const handler = deploymentReaderHandlerFromEnvironment();
