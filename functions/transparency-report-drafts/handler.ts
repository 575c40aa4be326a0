import { transparencyReportDraftsApiHandlerFromEnvironment } from '#shared/transparency/wiring/transparency-report-drafts-api.ts';

export const handler = transparencyReportDraftsApiHandlerFromEnvironment();
