import { privacyRetentionHandlerFromEnvironment } from '#shared/privacy/wiring/privacy-jobs.ts';

export const handler = privacyRetentionHandlerFromEnvironment();
