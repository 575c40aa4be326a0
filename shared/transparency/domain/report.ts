/**
 * The quarterly transparency report: what it states, section by section. The figures are compiled
 * from what each context keeps (counters written as events happen, the security programme's
 * records, the privacy policy's versions), never by scanning tables; comms staff add the
 * qualitative sections and publish. Holds counts, shares and ids of public things only: no
 * person's id, contact or free text written by a person.
 *
 * Counts keyed by a named value (a channel, a category) hold every value of the list, zero or not.
 */

/** A count of a kind with its share of the whole, where a share means something. */
interface ShareWithCounts {
  met: number;
  missed: number;
  /** met / (met + missed); null when there was nothing to count. */
  share: number | null;
}

interface Minutes {
  median: number | null;
  p90: number | null;
}

export interface CustomerServiceSection {
  received: number;
  receivedByChannel: Record<string, number>;
  receivedByCategory: Record<string, number>;
  /** The mean of the quarter's months' active people (reported by the platform); null when a month was not reported. */
  monthlyActivePeople: number | null;
  /** Complaints received per thousand monthly active people; null without active people. */
  complaintsPerThousandActivePeople: number | null;
  /** The promise: a first response within 24 hours. */
  answeredWithin24Hours: ShareWithCounts;
  firstResponseMinutes: Minutes;
  /** Breaches of the service-level targets: the total and per target. */
  breaches: Record<string, number>;
  resolved: number;
  resolvedLate: number;
  /** From filing to resolution, in hours (histogram upper edges). */
  resolutionHours: Minutes;
}

/** Member State orders (DSA Art. 15(1)(a), template 1.2), from the register of authority orders. */
export interface AuthorityOrdersSection {
  /** Orders to act against illegal content, and orders to provide information. */
  received: { act: number; provideInformation: number };
  byMemberState: Record<string, number>;
  byCategory: Record<string, number>;
  /** Median hours from receipt to confirming it, and to giving effect; null when none was. */
  medianHoursToConfirm: number | null;
  medianHoursToGiveEffect: number | null;
}

export interface TrustAndSafetySection {
  authorityOrders: AuthorityOrdersSection;
  notices: {
    total: number;
    byCategory: Record<string, number>;
    /** Of the total, submitted by trusted flaggers. */
    byTrustedFlaggers: number;
    bySource: Record<string, number>;
    medianMinutesToAction: number | null;
  };
  decisions: {
    total: number;
    byRestriction: Record<string, number>;
    onLegalGround: number;
    onTermsGround: number;
    automatedOnly: number;
    /** automatedOnly / total; null without decisions. */
    automatedOnlyShare: number | null;
  };
  screening: { screened: number; precision: number | null; recall: number | null };
  appeals: {
    received: number;
    outcomes: Record<'upheld' | 'partly_reversed' | 'reversed', number>;
    medianHoursToDecide: number | null;
  };
  /** Art. 23 suspensions of people who misuse the notice system. */
  suspensions: number;
  rewards: { granted: number; cancelled: number; points: number };
}

export interface SatisfactionMonth {
  month: string;
  responses: number;
  /** The CSAT score (share of 4 and 5) and its 95% Wilson interval; null without answers. */
  score: number | null;
  interval: { lower: number; upper: number } | null;
  target: number;
  verdict: 'met' | 'not-met' | 'not-enough-responses';
}

export interface SecuritySection {
  audits: { scheduled: number; completed: number; onDemand: number; failed: number; onSchedule: boolean };
  findings: {
    opened: Record<string, number>;
    resolved: Record<string, number>;
    overdue: Record<string, number>;
    reopened: number;
    medianDaysToFix: number | null;
  };
  incidents: {
    total: number;
    byCategory: Record<string, number>;
    /** Incidents per million monthly active people; null without active people. */
    ratePerMillionActivePeople: number | null;
  };
  education: { campaigns: number; reached: number; delivered: number; readShare: number | null };
}

export interface DataCategoryUse {
  /** A category of personal data the platform processes (`contact-details`, `complaint-text`, ...). */
  category: string;
  purposes: string[];
  legalBasis: string;
  /** How long it is kept, in words a reader understands (`24 months after the complaint is closed`). */
  retention: string;
}

export interface DataUseSection {
  categories: DataCategoryUse[];
  /** Staff reads of personal data in the quarter, by the role read under and the kind of data opened. */
  staffAccesses: { total: number; byRole: Record<string, number>; byResourceKind: Record<string, number> };
  /**
   * Requests from people about their data made in the quarter (`export.requested`, `erasure.completed-on-time`,
   * `export.median-hours-to-complete`, ...); null in versions compiled before that capability existed.
   */
  dataSubjectRequests: Record<string, number> | null;
  privacyPolicy: {
    /** The version in force at the quarter's end; null before the first took effect. */
    versionInForce: number | null;
    /** Versions published in the quarter, with their summary of changes. */
    changes: Array<{ version: number; publishedAt: string; effectiveAt: string; summary: Record<'en' | 'zh-CN', string> }>;
    acknowledgements: Record<string, number>;
  };
}

/** Everything the report states in numbers, for one calendar quarter (UTC). */
export interface ReportFigures {
  quarter: string;
  period: { start: string; end: string };
  /** When the figures were compiled: a quarter's figures can still move until its last events are counted. */
  compiledAt: string;
  customerService: CustomerServiceSection;
  trustAndSafety: TrustAndSafetySection;
  satisfaction: { months: SatisfactionMonth[] };
  security: SecuritySection;
  dataUse: DataUseSection;
}

/** The qualitative sections comms write, in both languages of the platform. */
export type QualitativeSections = Record<'en' | 'zh-CN', { summary: string; sections: Array<{ heading: string; body: string }> }>;

/**
 * A published version of a quarter's report: immutable once written. A correction is a new
 * version that supersedes the one before it and says what changed.
 */
export interface ReportVersion {
  quarter: string;
  /** 1 for the first publication of the quarter, then one more per correction. */
  version: number;
  publishedAt: string;
  /** `sha256:<hex>` of the canonical JSON of `figures` and `qualitative`: equal contents, equal hash. */
  contentHash: string;
  /** The version this one replaces; null for the first. */
  supersedes: number | null;
  /** What a correction changed, in both languages; null for the first version. */
  correction: Record<'en' | 'zh-CN', string> | null;
  figures: ReportFigures;
  qualitative: QualitativeSections;
}
