import { privacyRequestsHandlerFromEnvironment } from '#shared/privacy/wiring/privacy-jobs.ts';

export const handler = privacyRequestsHandlerFromEnvironment();
