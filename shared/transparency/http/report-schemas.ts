import * as z from 'zod/mini';
import { meta } from '#shared/zod.ts';
import type { ReportVersion } from '#shared/transparency/domain/report.ts';
import { ReportedQuarter } from '#shared/transparency/http/report-api-schemas.ts';

/**
 * The published transparency report as a zod schema: the body of the JSON representation in the
 * OpenAPI document, and (through `z.toJSONSchema`) the public JSON Schema of the report. The check
 * at the bottom makes it a compile error for this schema and `ReportVersion` to drift apart.
 * No function loads this module: the report pages serve the JSON Schema `npm run openapi` wrote
 * from it (report-json-schema.generated.ts), so they do not build its 150 schemas at every start.
 */

const Count = z.int().check(z.minimum(0));
const Share = meta(z.nullable(z.number().check(z.minimum(0), z.maximum(1))), {
  description: 'Between 0 and 1; null when there was nothing to count',
});
const Median = meta(z.nullable(z.number().check(z.minimum(0))), { description: 'null when there was nothing to measure' });
const Instant = z.iso.datetime({ offset: true });
const CountsByName = meta(z.record(z.string(), Count), { description: 'A count for every value of the list, zero or not' });
const bothLanguages = <S extends z.ZodMiniType>(text: S) => z.strictObject({ en: text, 'zh-CN': text });

const ShareWithCounts = z.strictObject({ met: Count, missed: Count, share: Share });
const Minutes = z.strictObject({ median: Median, p90: Median });

const CustomerService = z.strictObject({
  received: Count,
  receivedByChannel: CountsByName,
  receivedByCategory: CountsByName,
  monthlyActivePeople: z.nullable(z.number().check(z.minimum(0))),
  complaintsPerThousandActivePeople: z.nullable(z.number().check(z.minimum(0))),
  answeredWithin24Hours: ShareWithCounts,
  firstResponseMinutes: Minutes,
  breaches: CountsByName,
  resolved: Count,
  resolvedLate: Count,
  resolutionHours: Minutes,
});

const AuthorityOrders = z.strictObject({
  received: z.strictObject({ act: Count, provideInformation: Count }),
  byMemberState: CountsByName,
  byCategory: CountsByName,
  medianHoursToConfirm: Median,
  medianHoursToGiveEffect: Median,
});

const TrustAndSafety = z.strictObject({
  authorityOrders: AuthorityOrders,
  notices: z.strictObject({
    total: Count,
    byCategory: CountsByName,
    byTrustedFlaggers: Count,
    bySource: CountsByName,
    medianMinutesToAction: Median,
  }),
  decisions: z.strictObject({
    total: Count,
    byRestriction: CountsByName,
    onLegalGround: Count,
    onTermsGround: Count,
    automatedOnly: Count,
    automatedOnlyShare: Share,
  }),
  screening: z.strictObject({ screened: Count, precision: Share, recall: Share }),
  appeals: z.strictObject({
    received: Count,
    outcomes: z.strictObject({ upheld: Count, partly_reversed: Count, reversed: Count }),
    medianHoursToDecide: Median,
  }),
  suspensions: Count,
  rewards: z.strictObject({ granted: Count, cancelled: Count, points: Count }),
});

const SatisfactionMonth = z.strictObject({
  month: z.string().check(z.regex(/^\d{4}-\d{2}$/)),
  responses: Count,
  score: Share,
  interval: z.nullable(
    z.strictObject({ lower: z.number().check(z.minimum(0), z.maximum(1)), upper: z.number().check(z.minimum(0), z.maximum(1)) }),
  ),
  target: z.number().check(z.minimum(0), z.maximum(1)),
  verdict: z.enum(['met', 'not-met', 'not-enough-responses']),
});

const Security = z.strictObject({
  audits: z.strictObject({ scheduled: Count, completed: Count, onDemand: Count, failed: Count, onSchedule: z.boolean() }),
  findings: z.strictObject({
    opened: CountsByName,
    resolved: CountsByName,
    overdue: CountsByName,
    reopened: Count,
    medianDaysToFix: Median,
  }),
  incidents: z.strictObject({ total: Count, byCategory: CountsByName, ratePerMillionActivePeople: z.nullable(z.number().check(z.minimum(0))) }),
  education: z.strictObject({ campaigns: Count, reached: Count, delivered: Count, readShare: Share }),
});

const DataUse = z.strictObject({
  categories: z.array(z.strictObject({ category: z.string(), purposes: z.array(z.string()), legalBasis: z.string(), retention: z.string() })),
  staffAccesses: z.strictObject({ total: Count, byRole: CountsByName, byResourceKind: CountsByName }),
  dataSubjectRequests: z.nullable(CountsByName),
  privacyPolicy: z.strictObject({
    versionInForce: z.nullable(z.int().check(z.minimum(1))),
    changes: z.array(
      z.strictObject({ version: z.int().check(z.minimum(1)), publishedAt: Instant, effectiveAt: z.string(), summary: bothLanguages(z.string()) }),
    ),
    acknowledgements: CountsByName,
  }),
});

export const ReportFiguresSchema = meta(
  z.strictObject({
    quarter: ReportedQuarter,
    period: z.strictObject({ start: Instant, end: Instant }),
    compiledAt: Instant,
    customerService: CustomerService,
    trustAndSafety: TrustAndSafety,
    satisfaction: z.strictObject({ months: z.array(SatisfactionMonth) }),
    security: Security,
    dataUse: DataUse,
  }),
  { id: 'TransparencyReportFigures', description: 'Everything the report states in numbers, for one calendar quarter (UTC)' },
);

export const QualitativeSectionsSchema = meta(
  bothLanguages(z.strictObject({ summary: z.string(), sections: z.array(z.strictObject({ heading: z.string(), body: z.string() })) })),
  { id: 'TransparencyReportQualitative', description: 'The sections comms write, in Markdown, in both languages' },
);

export const ReportVersionSchema = meta(
  z.strictObject({
    quarter: ReportedQuarter,
    version: meta(z.int().check(z.minimum(1)), { description: '1 for the first publication of the quarter, then one more per correction' }),
    publishedAt: Instant,
    contentHash: meta(z.string().check(z.regex(/^sha256:[0-9a-f]{64}$/)), {
      description: 'SHA-256 of the canonical JSON of figures and qualitative',
    }),
    supersedes: meta(z.nullable(z.int().check(z.minimum(1))), { description: 'The version this one replaces; null for the first' }),
    correction: meta(z.nullable(bothLanguages(z.string())), { description: 'What a correction changed; null for the first version' }),
    figures: ReportFiguresSchema,
    qualitative: QualitativeSectionsSchema,
  }),
  { id: 'TransparencyReportVersion', description: 'A published, immutable version of a quarterly transparency report' },
);

/** The public JSON Schema (draft 2020-12) of a published report, served at `/v1/transparency/reports/schema`. */
export const reportJsonSchema = () => ({
  ...z.toJSONSchema(ReportVersionSchema, { target: 'draft-2020-12', io: 'output' }),
  title: 'Quarterly transparency report (one published version)',
});

/** Where `npm run openapi` writes the report's JSON Schema the report pages serve. */
export const GENERATED_REPORT_JSON_SCHEMA_FILE = 'shared/transparency/http/report-json-schema.generated.ts';

/** The generated module: the JSON Schema as the JSON text the route answers. */
export const reportJsonSchemaModule = (): string =>
  [
    '// Generated by `npm run openapi` from the report\'s zod schema (shared/transparency/http/report-schemas.ts). Do not edit.',
    '/** The JSON Schema of a published report (draft 2020-12), as JSON text. */',
    `export const reportJsonSchemaText = ${JSON.stringify(JSON.stringify(reportJsonSchema()))};`,
    '',
  ].join('\n');

/** The path of a public read of a report: the quarter, with an optional extension naming the format. */
export const ReportReadPathSchema = z.strictObject({
  quarter: meta(z.string().check(z.regex(/^\d{4}-Q[1-4](?:\.[A-Za-z0-9]+)?$/)), {
    description: 'A quarter (2026-Q4), optionally with the format as extension: 2026-Q4.json, 2026-Q4.csv, 2026-Q4.html (another is a 406)',
  }),
});
export const ReportVersionReadPathSchema = z.strictObject({
  quarter: ReportedQuarter,
  version: meta(z.string().check(z.regex(/^\d{1,6}(?:\.[A-Za-z0-9]+)?$/)), {
    description: 'The version’s number, optionally with the format as extension: 2, 2.json, 2.csv, 2.html',
  }),
});
/** Compiles only while the schema's output and `ReportVersion` are assignable both ways. */
type MutuallyAssignable<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
true satisfies MutuallyAssignable<z.output<typeof ReportVersionSchema>, ReportVersion>;
