import { securityAuditHandlerFromEnvironment } from '#shared/security/wiring/security-audit.ts';

export const handler = securityAuditHandlerFromEnvironment();
