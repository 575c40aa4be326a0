import { privacyApiHandlerFromEnvironment } from '#shared/privacy/wiring/privacy-api.ts';

export const handler = privacyApiHandlerFromEnvironment();
