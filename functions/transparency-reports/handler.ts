import { transparencyReportsApiHandlerFromEnvironment } from '#shared/transparency/wiring/transparency-reports-api.ts';

export const handler = transparencyReportsApiHandlerFromEnvironment();
