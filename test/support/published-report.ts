import { randomUUID } from 'node:crypto';
import { fixedClock } from '#shared/clock.ts';
import type { ReportVersion } from '#shared/transparency/domain/report.ts';
import { createTransparencyReportsHarness, type TransparencyReportsHarness } from './transparency-reports-harness.ts';

/**
 * A quarter's report compiled by the job, written and published by comms through the reports
 * function, on a table of its own: what the format and page tests read back.
 */
export const publishedReport = async (
  quarter = '2026-Q4',
): Promise<{ harness: TransparencyReportsHarness; version: ReportVersion }> => {
  const clock = fixedClock(new Date('2027-01-01T06:00:00.000Z'));
  const harness = await createTransparencyReportsHarness({ clock });
  const comms = { sub: `comms-${randomUUID().slice(0, 8)}`, role: 'comms' as const };
  await harness.runJob(clock.now(), quarter);
  const qualitative = {
    en: { summary: 'A quiet quarter: *most* promises kept.', sections: [{ heading: 'Complaints', body: 'Most were answered within a day.' }] },
    'zh-CN': { summary: '平静的一个季度：大部分承诺已兑现。', sections: [{ heading: '投诉', body: '大多数在一天内得到答复。' }] },
  };
  const pathParameters = { quarter };
  await harness.invoke({ routeKey: 'PUT /v1/transparency/reports/drafts/{quarter}', caller: comms, pathParameters, body: { qualitative, revision: 1 } });
  const published = await harness.invoke({ routeKey: 'POST /v1/transparency/reports/drafts/{quarter}/publish', caller: comms, pathParameters, body: { revision: 2 } });
  if (published.status !== 201) throw new Error(`The report was not published: ${published.status} ${published.text}`);
  return { harness, version: published.body?.version as ReportVersion };
};
