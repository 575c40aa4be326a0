import { monthsOfQuarter } from '#shared/figures/periods.ts';
import type { ReportFigures } from '#shared/transparency/domain/report.ts';
import { quarterBounds } from '#shared/transparency/domain/report-quarter.ts';
import {
  customerServiceSection,
  dataUseSection,
  meanMonthlyActivePeople,
  satisfactionMonth,
  securitySection,
  trustAndSafetySection,
} from '#shared/transparency/domain/report-sections.ts';
import type { ReportSources } from '#shared/transparency/use-cases/report-sources.ts';

/**
 * The figures of a quarter's report, compiled from what the contexts keep: a few reads of counters
 * per context, the security programme's records and the privacy policy's versions, whatever the
 * activity of the quarter. `now` is when they were compiled. The privacy policy in force is the
 * one at the quarter's last instant; acknowledgements are the totals at compilation.
 */
export const compileReport = async (sources: ReportSources, quarter: string, now: Date): Promise<ReportFigures> => {
  const { start, end } = quarterBounds(quarter);
  const months = monthsOfQuarter(quarter);
  const period = { start: start.toISOString(), end: end.toISOString() };
  const [customerService, moderation, staffReads, activePeople, surveys, security, policy, acknowledgements, dataSubjectRequests] = await Promise.all([
    sources.quarterCounters('customer-service', quarter),
    sources.quarterCounters('moderation', quarter),
    sources.quarterCounters('access-log', quarter),
    sources.activePeopleBetween(months[0]!, months[2]!),
    sources.monthlySurveyResults(months[0]!, months[2]!),
    sources.securityFigures(quarter),
    sources.privacyPolicyAt(new Date(end.getTime() - 1)),
    sources.acknowledgementsByVersion(),
    sources.dataSubjectRequests(quarter),
  ]);
  return {
    quarter,
    period,
    compiledAt: now.toISOString(),
    customerService: customerServiceSection(quarter, customerService, meanMonthlyActivePeople(months, activePeople)),
    trustAndSafety: trustAndSafetySection(quarter, moderation),
    satisfaction: { months: surveys.map(satisfactionMonth) },
    security: securitySection(security),
    dataUse: dataUseSection({ period, staffReadCounters: staffReads, policy, acknowledgements, dataSubjectRequests }),
  };
};
