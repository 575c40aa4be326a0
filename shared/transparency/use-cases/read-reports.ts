import { problems } from '#shared/http/problem.ts';
import type { ReportVersion } from '#shared/transparency/domain/report.ts';
import type { PublishedQuarter } from '#shared/transparency/store/report-store.ts';
import type { ReportPorts } from '#shared/transparency/use-cases/report-ports.ts';

/**
 * The public reads of the published reports: anyone, without an account. Only published versions
 * are shown, never a draft nor who published.
 */

type Ports = Pick<ReportPorts, 'reports'>;

/** Every published quarter with its latest version, newest quarter first. */
export const listPublishedReports = async (ports: Ports): Promise<{ items: PublishedQuarter[] }> => ({
  items: await ports.reports.publishedQuarters(),
});

/** The latest version of a quarter; 404 while none is published. */
export const latestReport = async (ports: Ports, quarter: string): Promise<ReportVersion> => {
  const version = await ports.reports.latestVersion(quarter);
  if (!version) throw problems.notFound(`No report of ${quarter} is published.`);
  return version;
};

/** One version of a quarter's report, superseded or not. */
export const reportVersion = async (ports: Ports, quarter: string, number: number): Promise<ReportVersion> => {
  const version = await ports.reports.getVersion(quarter, number);
  if (!version) throw problems.notFound(`No version ${number} of the report of ${quarter}.`);
  return version;
};
