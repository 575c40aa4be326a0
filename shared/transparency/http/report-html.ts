import type { PolicyLanguage } from '#shared/transparency/domain/privacy-policy.ts';
import { escapeHtml } from '#shared/http/html.ts';
import { renderPolicyMarkdown } from '#shared/transparency/domain/markdown.ts';
import type { ReportVersion } from '#shared/transparency/domain/report.ts';
import { childPath, valueAt } from '#shared/transparency/domain/report-parts.ts';
import { barChartSvg } from '#shared/transparency/http/report-charts.ts';
import { type FigureKey, type ReportPageText, reportPageText } from '#shared/transparency/http/report-page-text.ts';

/**
 * The public page of a published report version: server-rendered HTML that needs no script. Each
 * chart (inline SVG) stands beside a table of the same numbers, and every number on the page is a
 * `<data>` element whose `value` is the figure as the JSON holds it and whose `data-figure` is its
 * path in the JSON, so that a reader, a scraper or a test can tie what is shown to the data.
 * The qualitative sections are comms' Markdown, rendered and sanitised.
 */

/** Counts and measures as written; shares (0 to 1) as percentages. */
type Kind = 'number' | 'share';

interface Page {
  version: ReportVersion;
  language: PolicyLanguage;
  text: ReportPageText;
}

/** A number of the report at `path`, formatted for the page's language. */
const figure = (page: Page, path: string, kind: Kind = 'number'): string => {
  const value = valueAt(page.version, path);
  const attributes = `data-figure="${escapeHtml(path)}"`;
  if (typeof value !== 'number') return `<data ${attributes} value="">${escapeHtml(page.text.notMeasured)}</data>`;
  const format =
    kind === 'share'
      ? new Intl.NumberFormat(page.language, { style: 'percent', maximumFractionDigits: 1 })
      : new Intl.NumberFormat(page.language, { maximumFractionDigits: 2 });
  return `<data ${attributes} value="${value}">${escapeHtml(format.format(value))}</data>`;
};

/** A key as a reader sees it: `STATEMENT_CATEGORY_SCAMS_AND_FRAUD` → `Scams and fraud`. */
const readable = (key: string) => {
  const words = key.replace(/^STATEMENT_CATEGORY_/, '').replace(/[_-]+/g, ' ').toLowerCase().trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** A table of key figures: a row per figure, its name and its value. */
const keyFigures = (page: Page, rows: Array<[FigureKey, string, Kind?]>): string => {
  const body = rows
    .map(([name, path, kind]) => `<tr><th scope="row">${escapeHtml(page.text.figures[name])}</th><td>${figure(page, path, kind)}</td></tr>`)
    .join('');
  return `<table class="key-figures"><caption>${escapeHtml(page.text.keyFigures)}</caption><tbody>${body}</tbody></table>`;
};

/** A chart of a map of counts (or shares) at `path`, and the table of the same numbers. */
const chartOf = (page: Page, title: string, path: string, options: { percent?: boolean } = {}): string => {
  const counts = (valueAt(page.version, path) ?? {}) as Record<string, number | null>;
  const keys = Object.keys(counts);
  const svg = barChartSvg(title, keys.map((key) => ({ label: readable(key), value: counts[key] ?? null })), options);
  const rows = keys
    .map((key) => `<tr><th scope="row">${escapeHtml(readable(key))}</th><td>${figure(page, childPath(path, key), options.percent ? 'share' : 'number')}</td></tr>`)
    .join('');
  const id = `chart-${path.replace(/\W+/g, '-')}`;
  const head = `<thead><tr><th scope="col">${escapeHtml(page.text.item)}</th><th scope="col">${escapeHtml(options.percent ? page.text.share : page.text.number)}</th></tr></thead>`;
  return (
    `<figure class="chart-figure" aria-labelledby="${id}"><figcaption id="${id}">${escapeHtml(title)}</figcaption>` +
    `<div class="chart">${svg}</div><table>${head}<tbody>${rows}</tbody></table></figure>`
  );
};

const section = (id: string, title: string, content: string) => `<section id="${id}" aria-labelledby="${id}-title"><h2 id="${id}-title">${escapeHtml(title)}</h2>${content}</section>`;

const customerService = (page: Page) => {
  const p = 'figures.customerService';
  return section(
    'customer-service',
    page.text.sections.customerService,
    keyFigures(page, [
      ['received', `${p}.received`],
      ['monthlyActivePeople', `${p}.monthlyActivePeople`],
      ['complaintsPerThousandActivePeople', `${p}.complaintsPerThousandActivePeople`],
      ['answeredWithin24HoursShare', `${p}.answeredWithin24Hours.share`, 'share'],
      ['answeredWithin24HoursMet', `${p}.answeredWithin24Hours.met`],
      ['answeredWithin24HoursMissed', `${p}.answeredWithin24Hours.missed`],
      ['firstResponseMedian', `${p}.firstResponseMinutes.median`],
      ['firstResponseP90', `${p}.firstResponseMinutes.p90`],
      ['resolved', `${p}.resolved`],
      ['resolvedLate', `${p}.resolvedLate`],
      ['resolutionMedian', `${p}.resolutionHours.median`],
    ]) +
      chartOf(page, page.text.charts.complaintsByChannel, `${p}.receivedByChannel`) +
      chartOf(page, page.text.charts.complaintsByCategory, `${p}.receivedByCategory`),
  );
};

const trustAndSafety = (page: Page) => {
  const p = 'figures.trustAndSafety';
  return section(
    'trust-and-safety',
    page.text.sections.trustAndSafety,
    keyFigures(page, [
      ['noticesTotal', `${p}.notices.total`],
      ['byTrustedFlaggers', `${p}.notices.byTrustedFlaggers`],
      ['medianMinutesToAction', `${p}.notices.medianMinutesToAction`],
      ['decisionsTotal', `${p}.decisions.total`],
      ['onLegalGround', `${p}.decisions.onLegalGround`],
      ['onTermsGround', `${p}.decisions.onTermsGround`],
      ['automatedOnlyShare', `${p}.decisions.automatedOnlyShare`, 'share'],
      ['screened', `${p}.screening.screened`],
      ['precision', `${p}.screening.precision`, 'share'],
      ['recall', `${p}.screening.recall`, 'share'],
      ['appealsReceived', `${p}.appeals.received`],
      ['medianHoursToDecide', `${p}.appeals.medianHoursToDecide`],
      ['suspensions', `${p}.suspensions`],
      ['ordersToAct', `${p}.authorityOrders.received.act`],
      ['ordersToProvideInformation', `${p}.authorityOrders.received.provideInformation`],
      ['rewardsGranted', `${p}.rewards.granted`],
      ['rewardsCancelled', `${p}.rewards.cancelled`],
    ]) +
      chartOf(page, page.text.charts.noticesByCategory, `${p}.notices.byCategory`) +
      chartOf(page, page.text.charts.decisionsByRestriction, `${p}.decisions.byRestriction`) +
      chartOf(page, page.text.charts.appealOutcomes, `${p}.appeals.outcomes`),
  );
};

/** Each month's score as a chart, and the table of the months with their intervals and verdicts. */
const satisfaction = (page: Page) => {
  const { months } = page.version.figures.satisfaction;
  const title = page.text.charts.satisfactionByMonth;
  const svg = barChartSvg(title, months.map((month) => ({ label: month.month, value: month.score })), { percent: true });
  const c = page.text.satisfactionColumns;
  const head = [c.month, c.responses, c.score, c.lower, c.upper, c.verdict].map((name) => `<th scope="col">${escapeHtml(name)}</th>`).join('');
  const rows = months
    .map((month, index) => {
      const p = childPath('figures.satisfaction.months', index);
      const bounds = ['lower', 'upper'].map((bound) => `<td>${figure(page, `${p}.interval.${bound}`, 'share')}</td>`).join('');
      return (
        `<tr><th scope="row">${escapeHtml(month.month)}</th><td>${figure(page, `${p}.responses`)}</td><td>${figure(page, `${p}.score`, 'share')}</td>` +
        `${bounds}<td>${escapeHtml(month.verdict)}</td></tr>`
      );
    })
    .join('');
  const chart =
    `<figure class="chart-figure" aria-labelledby="chart-satisfaction"><figcaption id="chart-satisfaction">${escapeHtml(title)}</figcaption>` +
    `<div class="chart">${svg}</div><table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></figure>`;
  return section('satisfaction', page.text.sections.satisfaction, chart);
};

const security = (page: Page) => {
  const p = 'figures.security';
  return section(
    'security',
    page.text.sections.security,
    keyFigures(page, [
      ['auditsScheduled', `${p}.audits.scheduled`],
      ['auditsCompleted', `${p}.audits.completed`],
      ['findingsReopened', `${p}.findings.reopened`],
      ['medianDaysToFix', `${p}.findings.medianDaysToFix`],
      ['incidentsTotal', `${p}.incidents.total`],
      ['incidentRate', `${p}.incidents.ratePerMillionActivePeople`],
      ['campaigns', `${p}.education.campaigns`],
      ['reached', `${p}.education.reached`],
      ['readShare', `${p}.education.readShare`, 'share'],
    ]) +
      chartOf(page, page.text.charts.findingsOpened, `${p}.findings.opened`) +
      chartOf(page, page.text.charts.incidentsByCategory, `${p}.incidents.byCategory`),
  );
};

const dataUse = (page: Page) => {
  const p = 'figures.dataUse';
  const c = page.text.dataCategoryColumns;
  const head = [c.category, c.purposes, c.legalBasis, c.retention].map((name) => `<th scope="col">${escapeHtml(name)}</th>`).join('');
  const rows = page.version.figures.dataUse.categories
    .map(
      (category) =>
        `<tr><th scope="row">${escapeHtml(category.category)}</th><td>${escapeHtml(category.purposes.join(', '))}</td>` +
        `<td>${escapeHtml(category.legalBasis)}</td><td>${escapeHtml(category.retention)}</td></tr>`,
    )
    .join('');
  return section(
    'data-use',
    page.text.sections.dataUse,
    `<table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>` +
      keyFigures(page, [
        ['staffAccessesTotal', `${p}.staffAccesses.total`],
        ['versionInForce', `${p}.privacyPolicy.versionInForce`],
      ]) +
      chartOf(page, page.text.charts.staffAccessesByRole, `${p}.staffAccesses.byRole`),
  );
};

/** Comms' summary and sections in the page's language, and what a correction changed. */
const qualitative = (page: Page) => {
  const { summary, sections } = page.version.qualitative[page.language];
  const correction = page.version.correction
    ? `<aside class="correction"><h2>${escapeHtml(page.text.correction)}</h2>${renderPolicyMarkdown(page.version.correction[page.language])}</aside>`
    : '';
  const bodies = sections
    .map((part, index) => section(`section-${index + 1}`, part.heading, `<div class="prose">${renderPolicyMarkdown(part.body)}</div>`))
    .join('');
  return `${correction}${section('summary', page.text.summary, `<div class="prose">${renderPolicyMarkdown(summary)}</div>`)}${bodies}`;
};

/** The reporting period by its first and last day (its `end` is the first instant after it). */
const periodShown = ({ start, end }: { start: string; end: string }) => {
  const lastDay = new Date(Date.parse(end) - 1).toISOString().slice(0, 10);
  return `<time datetime="${escapeHtml(start.slice(0, 10))}">${escapeHtml(start.slice(0, 10))}</time> – <time datetime="${escapeHtml(lastDay)}">${escapeHtml(lastDay)}</time>`;
};

/** When the figures were compiled, and for a quarter still under way at that time, that they are to date. */
const compiledAt = ({ version, text }: Page) => {
  const at = version.figures.compiledAt;
  const time = `<time datetime="${escapeHtml(at)}">${escapeHtml(at.slice(0, 16).replace('T', ' '))} UTC</time>`;
  return at < version.figures.period.end ? `${time} (${escapeHtml(text.quarterUnderWay)})` : time;
};

const header = (page: Page, links: { json: string; csv: string; other: string }) => {
  const { version, text } = page;
  const facts: Array<[string, string]> = [
    [text.period, periodShown(version.figures.period)],
    [text.compiledAt, compiledAt(page)],
    [text.version, figure(page, 'version')],
    [text.publishedAt, `<time datetime="${escapeHtml(version.publishedAt)}">${escapeHtml(version.publishedAt.slice(0, 16).replace('T', ' '))} UTC</time>`],
    ...(version.supersedes === null ? [] : ([[text.supersedes, figure(page, 'supersedes')]] as Array<[string, string]>)),
    [text.contentHash, `<code>${escapeHtml(version.contentHash)}</code>`],
  ];
  const other = text.otherLanguage;
  return (
    `<header><p class="language"><a href="${escapeHtml(links.other)}" hreflang="${other.language}" lang="${other.language}">${escapeHtml(other.label)}</a></p>` +
    `<h1>${escapeHtml(text.title(version.quarter))}</h1>` +
    `<dl>${facts.map(([name, value]) => `<dt>${escapeHtml(name)}</dt><dd>${value}</dd>`).join('')}</dl>` +
    `<p>${escapeHtml(text.downloads)}: <a href="${escapeHtml(links.json)}" type="application/json">JSON</a> · <a href="${escapeHtml(links.csv)}" type="text/csv">CSV</a></p></header>`
  );
};

const STYLE =
  'body{font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a;background:#fff;max-width:60rem;margin:0 auto;padding:1rem}' +
  'a{color:#0b4f9c}table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #999;padding:.25rem .5rem;text-align:left}' +
  'td data{font-variant-numeric:tabular-nums}dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dd{margin:0}' +
  'figure{margin:1.5rem 0}figcaption{font-weight:600}.chart svg{max-width:100%;height:auto}.correction{border-left:4px solid #b35c00;padding-left:1rem}';

/** The whole page of `version` in `language`; `base` is the version's own path without an extension. */
export const reportHtml = (version: ReportVersion, language: PolicyLanguage, base: string): string => {
  const text = reportPageText[language];
  const page: Page = { version, language, text };
  const links = { json: `${base}.json`, csv: `${base}.csv`, other: `${base}.html?lang=${text.otherLanguage.language}` };
  const main = [qualitative(page), customerService(page), trustAndSafety(page), satisfaction(page), security(page), dataUse(page)].join('');
  return (
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(`${text.title(version.quarter)} · ${text.version} ${version.version}`)}</title><style>${STYLE}</style></head>` +
    `<body>${header(page, links)}<main>${main}</main></body></html>`
  );
};
