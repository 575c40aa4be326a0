import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { ProblemError } from '#shared/http/problem.ts';
import type { ReportVersion } from '#shared/transparency/domain/report.ts';
import { partCsv, reportCsv } from '#shared/transparency/domain/report-csv.ts';
import { reportPartIds } from '#shared/transparency/domain/report-parts.ts';
import { reportHtml } from '#shared/transparency/http/report-html.ts';
import { negotiateReport } from '#shared/transparency/http/report-representation.ts';
import { ReportVersionSchema, reportJsonSchema } from '#shared/transparency/http/report-schemas.ts';
import { reportVersionFixture } from '../support/report-version-fixture.ts';
import { apiEvent } from './support/api-event.ts';

/** RFC 4180 records: fields split on commas outside quotes, `""` inside quotes is a quote, CRLF ends a record. */
const parseCsv = (text: string): string[][] => {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') record.push(field), (field = '');
    else if (char === '\r' && text[i + 1] === '\n') record.push(field), records.push(record), (record = []), (field = ''), i++;
    else field += char;
  }
  expect(field === '' && record.length === 0, 'the last record ends with CRLF').toBe(true);
  return records;
};

/** The value at a `data-figure` path (`figures.a.b`, `x[0]`, `m["a key"]`), resolved here independently of the page's code. */
const valueAtPath = (root: unknown, path: string): unknown =>
  [...path.matchAll(/\.?([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g)].reduce<unknown>((value, [, name, index, quoted]) => {
    const key = name ?? (index !== undefined ? Number(index) : (JSON.parse(quoted!) as string));
    return (value as Record<string | number, unknown>)[key];
  }, root);

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
const validateReport = ajv.compile(reportJsonSchema());

describe('the JSON Schema of a published report', () => {
  it('admits a published version, as zod does', () => {
    const sample = reportVersionFixture();
    expect(validateReport(sample), ajv.errorsText(validateReport.errors)).toBe(true);
    expect(ReportVersionSchema.parse(sample)).toEqual(sample);
    expect(reportJsonSchema()).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema' });
  });

  it.each([
    ['a figure missing', (v: ReportVersion) => delete (v.figures.trustAndSafety as Partial<typeof v.figures.trustAndSafety>).suspensions],
    ['a negative count', (v: ReportVersion) => (v.figures.customerService.received = -1)],
    ['a share above 1', (v: ReportVersion) => (v.figures.trustAndSafety.screening.precision = 1.5)],
    ['a count as text', (v: ReportVersion) => ((v.figures.security.incidents as unknown as { total: string }).total = '3')],
    ['a field the report does not have', (v: ReportVersion) => ((v as unknown as Record<string, unknown>).authorEmail = 'a@example.com')],
    ['a malformed quarter', (v: ReportVersion) => (v.quarter = '2026-Q5')],
    ['a language missing', (v: ReportVersion) => delete (v.qualitative as Partial<ReportVersion['qualitative']>)['zh-CN']],
  ])('refuses a report with %s', (_, breakIt) => {
    const broken = reportVersionFixture();
    breakIt(broken);
    expect(validateReport(broken)).toBe(false);
  });
});

describe('the CSV parts, laid out like the 2024/2835 quantitative template', () => {
  const version = reportVersionFixture();
  const part = (id: (typeof reportPartIds)[number]) => parseCsv(partCsv(version, id));
  const rowsOf = (records: string[][], breakdown: string) => records.filter((record) => record[0] === breakdown);

  it('heads each part with the template’s headings', () => {
    expect(part('1.1')[0]).toEqual([
      'Provider name', 'Service name', 'Reporting period start', 'Reporting period end', 'Publication date', 'Report version', 'Replaces version', 'Content hash', 'Figures compiled at',
    ]);
    expect(part('1.3')[0]).toEqual(['Breakdown', 'Item', 'Number of notices', 'Submitted by trusted flaggers', 'Median time to take action (minutes)']);
    expect(part('1.5')[0]).toEqual(['Breakdown', 'Item', 'Number', 'Median time to decide (hours)']);
    expect(part('1.6')[0]).toEqual(['Automated means', 'Purpose', 'Language', 'Items screened', 'Precision', 'Recall', 'Decisions solely by automated means', 'Share decided solely by automated means']);
    expect(part('1.8')[0]).toEqual(['Reporting period start', 'Reporting period end', 'Average monthly active recipients']);
  });

  it('has one row per category, zero or not, and totals equal to the JSON', () => {
    const notices = part('1.3');
    const { byCategory, total, byTrustedFlaggers, medianMinutesToAction } = version.figures.trustAndSafety.notices;
    expect(rowsOf(notices, 'category').map((row) => [row[1], Number(row[2])])).toEqual(Object.entries(byCategory));
    expect(rowsOf(notices, 'total')).toEqual([['total', 'all', String(total), String(byTrustedFlaggers), String(medianMinutesToAction)]]);
    expect(rowsOf(notices, 'category').reduce((sum, row) => sum + Number(row[2]), 0)).toBe(total);

    const decisions = part('1.4');
    const d = version.figures.trustAndSafety.decisions;
    expect(rowsOf(decisions, 'type_of_restriction').map((row) => row[1])).toEqual(Object.keys(d.byRestriction));
    expect(rowsOf(decisions, 'total')[0]!.slice(2).map(Number)).toEqual([d.total, d.onLegalGround, d.onTermsGround, d.automatedOnly, d.automatedOnlyShare]);

    const complaints = part('1.5');
    const a = version.figures.trustAndSafety.appeals;
    expect(rowsOf(complaints, 'complaints_received')).toEqual([['complaints_received', 'all', String(a.received), String(a.medianHoursToDecide)]]);
    expect(rowsOf(complaints, 'complaint_outcome').map((row) => [row[1], Number(row[2])])).toEqual(Object.entries(a.outcomes));
    expect(rowsOf(complaints, 'article_23_suspensions')[0]![2]).toBe(String(version.figures.trustAndSafety.suspensions));

    const orders = version.figures.trustAndSafety.authorityOrders;
    expect(rowsOf(part('1.2'), 'total')[0]!.slice(2)).toEqual([String(orders.received.act + orders.received.provideInformation), String(orders.medianHoursToConfirm), '']);
    expect(part('1.8')[1]).toEqual([version.figures.period.start, version.figures.period.end, String(version.figures.customerService.monthlyActivePeople)]);
    expect(part('satisfaction').slice(1).map((row) => row[0])).toEqual(version.figures.satisfaction.months.map((month) => month.month));
  });

  it('quotes fields as RFC 4180 says, and reads them back as written', () => {
    const text = partCsv(version, 'data-use');
    expect(text).toContain('"24 months after the complaint is closed, then ""erased""\r\nunless a dispute is open"');
    expect(text.replace(/"[^"]*(?:""[^"]*)*"/g, '').split('\r\n').every((line) => !line.includes('\n'))).toBe(true);
    const retention = parseCsv(text).find((row) => row[0] === 'data_category_retention' && row[2] === 'complaint-text');
    expect(retention?.[3]).toBe(version.figures.dataUse.categories[1]!.retention);
    expect(parseCsv(text).find((row) => row[0] === 'data_category_purposes' && row[2] === 'complaint-text')?.[3]).toBe(
      'answering complaints; statistics, without names',
    );
  });

  it('puts every part in one file, each after its header row, every line led by its part and as wide as the widest', () => {
    const records = parseCsv(reportCsv(version));
    const headers = records.filter((record) => record[0] === 'part');
    expect(headers.map((header) => header[1])).toEqual(reportPartIds.map((id) => parseCsv(partCsv(version, id))[0]![0]));
    expect(new Set(records.map((record) => record.length)).size).toBe(1);
    for (const id of reportPartIds) {
      const own = parseCsv(partCsv(version, id));
      const start = records.findIndex((record, index) => record[0] === 'part' && records[index + 1]?.[0] === id);
      const block = records.slice(start, start + own.length).map((record) => record.slice(1, 1 + own[0]!.length));
      expect(block, id).toEqual(own);
      expect(records.filter((record) => record[0] === id)).toHaveLength(own.length - 1);
    }
  });
});

describe('choosing the representation of a public read', () => {
  const read = (quarter: string, headers: Record<string, string> = {}, version?: string) =>
    negotiateReport(
      apiEvent({
        routeKey: version ? 'GET /v1/transparency/reports/{quarter}/versions/{version}' : 'GET /v1/transparency/reports/{quarter}',
        pathParameters: { quarter, ...(version && { version }) },
        headers,
      }),
    );
  const refusal = (act: () => unknown) => {
    try {
      act();
    } catch (error) {
      return error instanceof ProblemError ? [error.problem.status, error.problem.type] : error;
    }
    return 'answered';
  };

  it('takes the extension first, then Accept, and JSON when Accept says nothing', () => {
    expect(read('2026-Q4.csv', { accept: 'text/html' })).toMatchObject({ quarter: '2026-Q4', format: 'csv' });
    expect(read('2026-Q4.html').format).toBe('html');
    expect(read('2026-Q4.json').format).toBe('json');
    expect(read('2026-Q4', { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' }).format).toBe('html');
    expect(read('2026-Q4', { accept: 'text/csv;q=0.5, application/json;q=0.4' }).format).toBe('csv');
    expect(read('2026-Q4', { accept: '*/*' }).format).toBe('json');
    expect(read('2026-Q4').format).toBe('json');
    expect(read('2026-Q4', {}, '2.html')).toMatchObject({ quarter: '2026-Q4', version: 2, format: 'html' });
  });

  it('answers 406 for an unknown extension or an Accept that admits none, and 400 for a malformed quarter', () => {
    expect(refusal(() => read('2026-Q4.xml'))).toEqual([406, 'urn:user-protection:problem:not-acceptable']);
    expect(refusal(() => read('2026-Q4', { accept: 'image/png' }))).toEqual([406, 'urn:user-protection:problem:not-acceptable']);
    expect(refusal(() => read('2026-Q5.csv'))).toEqual([400, 'urn:user-protection:problem:validation-failed']);
  });

  it('chooses the page’s language by lang, else Accept-Language', () => {
    expect(read('2026-Q4.html', { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' }).language).toBe('zh-CN');
    expect(read('2026-Q4.html', { 'accept-language': 'fr, en;q=0.5' }).language).toBe('en');
  });
});

describe('the public page of a report version', () => {
  const version = reportVersionFixture();
  const html = reportHtml(version, 'en', '/v1/transparency/reports/2026-Q4/versions/2');
  const figures = [...html.matchAll(/<data data-figure="([^"]+)" value="([^"]*)">([^<]*)<\/data>/g)].map(([, path, value, shown]) => ({
    path: path!.replaceAll('&quot;', '"'),
    value: value!,
    shown: shown!,
  }));

  it('sets its language, and shows every number with its path in the JSON and the JSON’s value', () => {
    expect(html).toMatch(/^<!doctype html><html lang="en">/);
    expect(reportHtml(version, 'zh-CN', '/x')).toMatch(/^<!doctype html><html lang="zh-CN">/);
    expect(figures.length).toBeGreaterThan(60);
    for (const { path, value } of figures) {
      const expected = valueAtPath(version, path);
      expect(value === '' ? null : Number(value), path).toBe(expected);
    }
    const paths = figures.map((figure) => figure.path);
    expect(paths).toContain('figures.trustAndSafety.notices.byCategory.STATEMENT_CATEGORY_PROTECTION_OF_MINORS');
    expect(paths).toContain('figures.satisfaction.months[2].score');
    expect(figures.find((figure) => figure.path === 'figures.customerService.answeredWithin24Hours.share')?.shown).toBe('83.3%');
  });

  it('draws each chart as an SVG named for assistive technology, beside a table of its numbers', () => {
    const charts = [...html.matchAll(/<svg role="img" aria-label="([^"]+)"[\s\S]*?<\/svg>/g)];
    expect(charts.map(([, name]) => name)).toContain('Notices received by category');
    expect(charts).toHaveLength(9);
    for (const [svg] of charts) expect(svg).toMatch(/<path d="M[^"]+"[^>]*fill="#1f5fa8"/);
    expect(html.match(/<figure /g)).toHaveLength(9);
  });

  it('states the reporting period by its first and last day', () => {
    expect(html).toContain('<time datetime="2026-10-01">2026-10-01</time> – <time datetime="2026-12-31">2026-12-31</time>');
  });

  it('says when the figures were compiled, and that they are to date when the quarter was still under way', () => {
    const underWay = { ...version, figures: { ...version.figures, compiledAt: '2026-12-06T12:00:00.000Z' } };
    const final = { ...version, figures: { ...version.figures, compiledAt: '2027-01-01T06:00:00.000Z' } };

    expect(reportHtml(underWay, 'en', '/x')).toMatch(/<time datetime="2026-12-06T12:00:00.000Z">2026-12-06 12:00 UTC<\/time> \(the quarter was still under way/);
    expect(reportHtml(underWay, 'zh-CN', '/x')).toContain('统计时本季度尚未结束');
    expect(reportHtml(final, 'en', '/x')).toContain('<time datetime="2027-01-01T06:00:00.000Z">2027-01-01 06:00 UTC</time></dd>');
  });

  it('renders comms’ Markdown sanitised: no script, no javascript: link', () => {
    expect(html).toContain('<em>most</em>');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('<strong>now</strong>');
  });
});
