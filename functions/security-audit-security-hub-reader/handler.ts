import { securityHubReaderHandlerFromEnvironment } from '#shared/security/wiring/security-audit-security-hub-reader.ts';

export const handler = securityHubReaderHandlerFromEnvironment();
