import type { ReportVersion } from '#shared/transparency/domain/report.ts';

/**
 * A published report cut into the parts of the quantitative template of Implementing Regulation
 * (EU) 2024/2835 (1.1 identification to 1.8 active recipients; 1.7 is for very large platforms
 * only), then the platform's own parts. Each part is a table with the template's headings; every
 * figure cell names the path of its value in the report's JSON, so that a reader (or a test) can
 * tie each number back to the JSON.
 */

/** A cell: a figure with the JSON path it was read from, or a label or a sum (no path). */
export interface ReportCell {
  value: string | number | boolean | null;
  /** Where the value is in the `ReportVersion` JSON (`figures.trustAndSafety.notices.total`). */
  path?: string;
}

export interface ReportPart {
  id: ReportPartId;
  title: string;
  columns: string[];
  rows: ReportCell[][];
}

export const reportPartIds = ['1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.8', 'customer-service', 'satisfaction', 'security', 'data-use', 'rewards'] as const;
export type ReportPartId = (typeof reportPartIds)[number];

/** Who publishes the report and for which service: the template's identification. */
const reportIdentity = { provider: 'User-protection platform', service: 'User-protection platform' };

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** The path of `key` under `base`: `base.key`, or `base["a key"]` when the key is not an identifier. */
export const childPath = (base: string, key: string | number): string =>
  typeof key === 'number' ? `${base}[${key}]` : IDENTIFIER.test(key) ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`;

const label = (value: string): ReportCell => ({ value });
const figure = (value: ReportCell['value'], path: string): ReportCell => ({ value, path });

/** The value at `path` of `version` (a path as `childPath` writes them); undefined where there is none. */
export const valueAt = (version: ReportVersion, path: string): unknown => {
  const tokens = path.match(/[A-Za-z_$][\w$]*|\[\d+\]|\["(?:[^"\\]|\\.)*"\]/g) ?? [];
  let value: unknown = version;
  for (const token of tokens) {
    const key = token.startsWith('[') ? (JSON.parse(token.slice(1, -1)) as string | number) : token;
    value = (value as Record<string | number, unknown> | null)?.[key];
  }
  return value;
};

const at = (version: ReportVersion, path: string): ReportCell => figure(valueAt(version, path) as ReportCell['value'], path);

/** One row per key of a count map: `[breakdown, key, count]`. */
const rowsOf = (version: ReportVersion, breakdown: string, path: string, counts: Record<string, number>): ReportCell[][] =>
  Object.keys(counts).map((key) => [label(breakdown), label(key), at(version, childPath(path, key))]);

/** A row of the platform's own parts: measure, breakdown, item, value. */
const measure = (version: ReportVersion, name: string, breakdown: string, item: string, path: string): ReportCell[] => [
  label(name),
  label(breakdown),
  label(item),
  at(version, path),
];
const measuresOf = (version: ReportVersion, name: string, breakdown: string, path: string, counts: Record<string, number>) =>
  Object.keys(counts).map((key) => measure(version, name, breakdown, key, childPath(path, key)));

const MEASURE_COLUMNS = ['Measure', 'Breakdown', 'Item', 'Value'];
const F = 'figures';
const TS = `${F}.trustAndSafety`;

const identification = (v: ReportVersion): ReportPart => ({
  id: '1.1',
  title: 'Report identification',
  columns: ['Provider name', 'Service name', 'Reporting period start', 'Reporting period end', 'Publication date', 'Report version', 'Replaces version', 'Content hash', 'Figures compiled at'],
  rows: [
    [
      label(reportIdentity.provider),
      label(reportIdentity.service),
      at(v, `${F}.period.start`),
      at(v, `${F}.period.end`),
      at(v, 'publishedAt'),
      at(v, 'version'),
      at(v, 'supersedes'),
      at(v, 'contentHash'),
      at(v, `${F}.compiledAt`),
    ],
  ],
});

const memberStateOrders = (v: ReportVersion): ReportPart => {
  const orders = v.figures.trustAndSafety.authorityOrders;
  const path = `${TS}.authorityOrders`;
  const blank = [label(''), label('')];
  return {
    id: '1.2',
    title: 'Orders from Member State authorities (Art. 15(1)(a))',
    columns: ['Breakdown', 'Item', 'Number of orders', 'Median time to confirm receipt (hours)', 'Median time to give effect (hours)'],
    rows: [
      [label('type_of_order'), label('act_against_illegal_content'), at(v, `${path}.received.act`), ...blank],
      [label('type_of_order'), label('provide_information'), at(v, `${path}.received.provideInformation`), ...blank],
      ...rowsOf(v, 'member_state', `${path}.byMemberState`, orders.byMemberState).map((row) => [...row, ...blank]),
      ...rowsOf(v, 'category', `${path}.byCategory`, orders.byCategory).map((row) => [...row, ...blank]),
      [
        label('total'),
        label('all'),
        { value: orders.received.act + orders.received.provideInformation },
        at(v, `${path}.medianHoursToConfirm`),
        at(v, `${path}.medianHoursToGiveEffect`),
      ],
    ],
  };
};

const notices = (v: ReportVersion): ReportPart => {
  const { byCategory, bySource } = v.figures.trustAndSafety.notices;
  const path = `${TS}.notices`;
  const blank = [label(''), label('')];
  return {
    id: '1.3',
    title: 'Notices received under Art. 16 (Art. 15(1)(b))',
    columns: ['Breakdown', 'Item', 'Number of notices', 'Submitted by trusted flaggers', 'Median time to take action (minutes)'],
    rows: [
      ...rowsOf(v, 'category', `${path}.byCategory`, byCategory).map((row) => [...row, ...blank]),
      ...rowsOf(v, 'source', `${path}.bySource`, bySource).map((row) => [...row, ...blank]),
      [label('total'), label('all'), at(v, `${path}.total`), at(v, `${path}.byTrustedFlaggers`), at(v, `${path}.medianMinutesToAction`)],
    ],
  };
};

const decisions = (v: ReportVersion): ReportPart => {
  const path = `${TS}.decisions`;
  const blank = [label(''), label(''), label(''), label('')];
  return {
    id: '1.4',
    title: 'Content moderation decisions by type of restriction (Art. 15(1)(c))',
    columns: [
      'Breakdown',
      'Item',
      'Number of decisions',
      'On the basis of law',
      'On the basis of terms and conditions',
      'Decided solely by automated means',
      'Share decided solely by automated means',
    ],
    rows: [
      ...rowsOf(v, 'type_of_restriction', `${path}.byRestriction`, v.figures.trustAndSafety.decisions.byRestriction).map((row) => [...row, ...blank]),
      [
        label('total'),
        label('all'),
        at(v, `${path}.total`),
        at(v, `${path}.onLegalGround`),
        at(v, `${path}.onTermsGround`),
        at(v, `${path}.automatedOnly`),
        at(v, `${path}.automatedOnlyShare`),
      ],
    ],
  };
};

const complaints = (v: ReportVersion): ReportPart => {
  const path = `${TS}.appeals`;
  const outcomes = ['upheld', 'partly_reversed', 'reversed'] as const;
  return {
    id: '1.5',
    title: 'Internal complaints (Art. 20) and suspensions (Art. 23) (Art. 15(1)(d), 24(1))',
    columns: ['Breakdown', 'Item', 'Number', 'Median time to decide (hours)'],
    rows: [
      [label('complaints_received'), label('all'), at(v, `${path}.received`), at(v, `${path}.medianHoursToDecide`)],
      ...outcomes.map((outcome) => [label('complaint_outcome'), label(outcome), at(v, `${path}.outcomes.${outcome}`), label('')]),
      [label('article_23_suspensions'), label('all'), at(v, `${TS}.suspensions`), label('')],
    ],
  };
};

const automatedMeans = (v: ReportVersion): ReportPart => ({
  id: '1.6',
  title: 'Automated means of moderation and their accuracy (Art. 15(1)(e))',
  columns: ['Automated means', 'Purpose', 'Language', 'Items screened', 'Precision', 'Recall', 'Decisions solely by automated means', 'Share decided solely by automated means'],
  rows: [
    [
      label('screening'),
      label('Flags content and notices for priority human review'),
      label('all'),
      at(v, `${TS}.screening.screened`),
      at(v, `${TS}.screening.precision`),
      at(v, `${TS}.screening.recall`),
      at(v, `${TS}.decisions.automatedOnly`),
      at(v, `${TS}.decisions.automatedOnlyShare`),
    ],
  ],
});

const activeRecipients = (v: ReportVersion): ReportPart => ({
  id: '1.8',
  title: 'Average monthly active recipients (Art. 24(2))',
  columns: ['Reporting period start', 'Reporting period end', 'Average monthly active recipients'],
  rows: [[at(v, `${F}.period.start`), at(v, `${F}.period.end`), at(v, `${F}.customerService.monthlyActivePeople`)]],
});

const customerService = (v: ReportVersion): ReportPart => {
  const cs = v.figures.customerService;
  const p = `${F}.customerService`;
  const m = (name: string, breakdown: string, item: string, path: string) => measure(v, name, breakdown, item, `${p}.${path}`);
  return {
    id: 'customer-service',
    title: 'Customer service: complaints and the 24-hour promise',
    columns: MEASURE_COLUMNS,
    rows: [
      ...measuresOf(v, 'complaints_received', 'channel', `${p}.receivedByChannel`, cs.receivedByChannel),
      ...measuresOf(v, 'complaints_received', 'category', `${p}.receivedByCategory`, cs.receivedByCategory),
      m('complaints_received', 'total', 'all', 'received'),
      m('monthly_active_people', 'total', 'all', 'monthlyActivePeople'),
      m('complaints_per_thousand_active_people', 'total', 'all', 'complaintsPerThousandActivePeople'),
      m('first_response_within_24_hours', 'result', 'met', 'answeredWithin24Hours.met'),
      m('first_response_within_24_hours', 'result', 'missed', 'answeredWithin24Hours.missed'),
      m('first_response_within_24_hours', 'share', 'met', 'answeredWithin24Hours.share'),
      m('first_response_minutes', 'statistic', 'median', 'firstResponseMinutes.median'),
      m('first_response_minutes', 'statistic', 'p90', 'firstResponseMinutes.p90'),
      ...measuresOf(v, 'service_level_breaches', 'target', `${p}.breaches`, cs.breaches),
      m('complaints_resolved', 'total', 'all', 'resolved'),
      m('complaints_resolved_late', 'total', 'all', 'resolvedLate'),
      m('resolution_hours', 'statistic', 'median', 'resolutionHours.median'),
      m('resolution_hours', 'statistic', 'p90', 'resolutionHours.p90'),
    ],
  };
};

const satisfaction = (v: ReportVersion): ReportPart => ({
  id: 'satisfaction',
  title: 'Satisfaction by month, against the 90% target',
  columns: ['Month', 'Responses', 'Score', 'Interval lower bound', 'Interval upper bound', 'Target', 'Verdict'],
  rows: v.figures.satisfaction.months.map((month, index) => {
    const path = childPath(`${F}.satisfaction.months`, index);
    return [
      at(v, `${path}.month`),
      at(v, `${path}.responses`),
      at(v, `${path}.score`),
      month.interval ? at(v, `${path}.interval.lower`) : label(''),
      month.interval ? at(v, `${path}.interval.upper`) : label(''),
      at(v, `${path}.target`),
      at(v, `${path}.verdict`),
    ];
  }),
});

const security = (v: ReportVersion): ReportPart => {
  const s = v.figures.security;
  const p = `${F}.security`;
  const m = (name: string, breakdown: string, item: string, path: string) => measure(v, name, breakdown, item, `${p}.${path}`);
  return {
    id: 'security',
    title: 'Security: audits, findings, incidents and education',
    columns: MEASURE_COLUMNS,
    rows: [
      ...(['scheduled', 'completed', 'onDemand', 'failed', 'onSchedule'] as const).map((key) => m('audits', 'status', key, `audits.${key}`)),
      ...measuresOf(v, 'findings_opened', 'severity', `${p}.findings.opened`, s.findings.opened),
      ...measuresOf(v, 'findings_resolved', 'severity', `${p}.findings.resolved`, s.findings.resolved),
      ...measuresOf(v, 'findings_overdue', 'severity', `${p}.findings.overdue`, s.findings.overdue),
      m('findings_reopened', 'total', 'all', 'findings.reopened'),
      m('median_days_to_fix', 'total', 'all', 'findings.medianDaysToFix'),
      ...measuresOf(v, 'incidents', 'category', `${p}.incidents.byCategory`, s.incidents.byCategory),
      m('incidents', 'total', 'all', 'incidents.total'),
      m('incidents_per_million_active_people', 'total', 'all', 'incidents.ratePerMillionActivePeople'),
      ...(['campaigns', 'reached', 'delivered', 'readShare'] as const).map((key) => m('education', 'measure', key, `education.${key}`)),
    ],
  };
};

const dataUse = (v: ReportVersion): ReportPart => {
  const d = v.figures.dataUse;
  const p = `${F}.dataUse`;
  const categoryRows = d.categories.flatMap((category, index) => {
    const path = childPath(`${p}.categories`, index);
    return [
      [label('data_category_purposes'), label('category'), label(category.category), figure(category.purposes.join('; '), `${path}.purposes`)],
      measure(v, 'data_category_legal_basis', 'category', category.category, `${path}.legalBasis`),
      measure(v, 'data_category_retention', 'category', category.category, `${path}.retention`),
    ];
  });
  const changeRows = d.privacyPolicy.changes.flatMap((change, index) => {
    const path = childPath(`${p}.privacyPolicy.changes`, index);
    const version = String(change.version);
    return [
      measure(v, 'privacy_policy_version_published_at', 'version', version, `${path}.publishedAt`),
      measure(v, 'privacy_policy_version_effective_at', 'version', version, `${path}.effectiveAt`),
      measure(v, 'privacy_policy_version_summary', 'version', version, `${path}.summary.en`),
    ];
  });
  return {
    id: 'data-use',
    title: 'Data use: personal data processed, staff accesses, requests and the privacy policy',
    columns: MEASURE_COLUMNS,
    rows: [
      ...categoryRows,
      ...measuresOf(v, 'staff_accesses', 'role', `${p}.staffAccesses.byRole`, d.staffAccesses.byRole),
      ...measuresOf(v, 'staff_accesses', 'resource_kind', `${p}.staffAccesses.byResourceKind`, d.staffAccesses.byResourceKind),
      measure(v, 'staff_accesses', 'total', 'all', `${p}.staffAccesses.total`),
      ...measuresOf(v, 'data_subject_requests', 'kind', `${p}.dataSubjectRequests`, d.dataSubjectRequests ?? {}),
      measure(v, 'privacy_policy_version_in_force', 'total', 'all', `${p}.privacyPolicy.versionInForce`),
      ...changeRows,
      ...measuresOf(v, 'privacy_policy_acknowledgements', 'version', `${p}.privacyPolicy.acknowledgements`, d.privacyPolicy.acknowledgements),
    ],
  };
};

const rewards = (v: ReportVersion): ReportPart => ({
  id: 'rewards',
  title: 'Rewards for valid reports',
  columns: MEASURE_COLUMNS,
  rows: (['granted', 'cancelled', 'points'] as const).map((key) => measure(v, 'rewards', 'measure', key, `${TS}.rewards.${key}`)),
});

const builders: Record<ReportPartId, (version: ReportVersion) => ReportPart> = {
  '1.1': identification,
  '1.2': memberStateOrders,
  '1.3': notices,
  '1.4': decisions,
  '1.5': complaints,
  '1.6': automatedMeans,
  '1.8': activeRecipients,
  'customer-service': customerService,
  satisfaction,
  security,
  'data-use': dataUse,
  rewards,
};

/** One part of the report. */
export const reportPart = (version: ReportVersion, id: ReportPartId): ReportPart => builders[id](version);

/** Every part, in the template's order, then the platform's own. */
export const reportParts = (version: ReportVersion): ReportPart[] => reportPartIds.map((id) => builders[id](version));
