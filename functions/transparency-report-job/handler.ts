import { transparencyReportJobHandlerFromEnvironment } from '#shared/transparency/wiring/transparency-report-job.ts';

export const handler = transparencyReportJobHandlerFromEnvironment();
