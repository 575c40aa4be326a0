import { keysAndFindingsReaderHandlerFromEnvironment } from '#shared/security/wiring/security-audit-keys-and-findings-reader.ts';

export const handler = keysAndFindingsReaderHandlerFromEnvironment();
