import type { ReportVersion } from '#shared/transparency/domain/report.ts';
import { reportFiguresFixture } from './report-figures-fixture.ts';

/**
 * A published version of a quarter's report as the lifecycle stores it, on the figures fixture,
 * with texts that CSV must quote (commas, quotes, line breaks) and Markdown that must not pass as
 * HTML: the sample of the format tests.
 */
export const reportVersionFixture = (quarter = '2026-Q4'): ReportVersion => {
  const figures = reportFiguresFixture(quarter);
  figures.dataUse.categories.push({
    category: 'complaint-text',
    purposes: ['answering complaints', 'statistics, without names'],
    legalBasis: 'contract',
    retention: '24 months after the complaint is closed, then "erased"\r\nunless a dispute is open',
  });
  figures.trustAndSafety.notices.byCategory = {
    STATEMENT_CATEGORY_SCAMS_AND_FRAUD: 4,
    STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH: 3,
    STATEMENT_CATEGORY_PROTECTION_OF_MINORS: 0,
  };
  figures.security.findings.medianDaysToFix = null;
  return {
    quarter,
    version: 2,
    publishedAt: '2027-01-05T09:30:00.000Z',
    contentHash: `sha256:${'0123456789abcdef'.repeat(4)}`,
    supersedes: 1,
    correction: { en: 'Two late complaints are **now** counted.', 'zh-CN': '现已计入两起较晚的投诉。' },
    figures,
    qualitative: {
      en: {
        summary: 'We kept *most* promises. <script>alert("x")</script> [more](javascript:alert(1))',
        sections: [{ heading: 'Complaints', body: '- answered within a day\n- resolved within a week' }],
      },
      'zh-CN': { summary: '我们兑现了**大部分**承诺。', sections: [{ heading: '投诉', body: '大多数在一天内得到答复。' }] },
    },
  };
};
