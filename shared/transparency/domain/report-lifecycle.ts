import { createHash } from 'node:crypto';
import type { QualitativeSections, ReportFigures, ReportVersion } from '#shared/transparency/domain/report.ts';

/**
 * The lifecycle of a quarter's transparency report. One draft per quarter: the compiled figures
 * (refreshed each time the quarter is compiled again) and the qualitative sections comms write,
 * saved over the revision they read. Publishing writes an immutable version; the first is
 * version 1, each correction the next number, superseding the one before and saying what it
 * changed. Publishing content already published as the latest version changes nothing.
 */

const reportLanguages = ['en', 'zh-CN'] as const;
export type ReportLanguage = (typeof reportLanguages)[number];

export interface ReportDraft {
  quarter: string;
  /** One more at each change of the figures or the qualitative sections (optimistic concurrency). */
  revision: number;
  figures: ReportFigures;
  qualitative: QualitativeSections;
  createdAt: string;
  updatedAt: string;
}

export type ReportRefusalReason = 'quarter-not-started' | 'revision-conflict' | 'incomplete-draft' | 'correction-required' | 'nothing-to-correct';

/** A rule of the report's lifecycle refuses the change; `reason` says which. */
export class ReportRefusal extends Error {
  override name = 'ReportRefusal';
  constructor(
    readonly reason: ReportRefusalReason,
    message: string,
  ) {
    super(message);
  }
}

/** JSON with every object's keys in code-point order at every depth: equal values, equal text. */
export const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(',')}}`;
  }
  return JSON.stringify(value);
};

/** `sha256:<hex>` of the canonical JSON of `{ figures, qualitative }`. */
export const reportContentHash = (content: Pick<ReportVersion, 'figures' | 'qualitative'>): string =>
  `sha256:${createHash('sha256').update(canonicalJson({ figures: content.figures, qualitative: content.qualitative }), 'utf8').digest('hex')}`;

/** Every leaf of a JSON value by its dotted path (`figures.customerService.received`, `qualitative.en.sections.0.body`). */
const leavesOf = (value: unknown, path: string, into: Map<string, string>): Map<string, string> => {
  if (value !== null && typeof value === 'object') {
    for (const [key, member] of Object.entries(value as Record<string, unknown>)) leavesOf(member, path ? `${path}.${key}` : key, into);
  } else {
    into.set(path, JSON.stringify(value));
  }
  return into;
};

/**
 * The paths where two contents differ, sorted (a value changed, added or gone): what a draft
 * changes of the latest version, for comms to say in the correction.
 */
export const changedPaths = (from: Pick<ReportVersion, 'figures' | 'qualitative'>, to: Pick<ReportVersion, 'figures' | 'qualitative'>): string[] => {
  const [before, after] = [from, to].map(({ figures, qualitative }) => leavesOf({ figures: { ...figures, compiledAt: null }, qualitative }, '', new Map()));
  const paths = new Set([...before!.keys(), ...after!.keys()]);
  return [...paths].filter((path) => before!.get(path) !== after!.get(path)).sort();
};

/** Qualitative sections not written yet: a summary to fill in each language. */
const emptyQualitative = (): QualitativeSections => ({ en: { summary: '', sections: [] }, 'zh-CN': { summary: '', sections: [] } });

/** The first draft of a quarter, from its compiled figures. */
export const newReportDraft = (figures: ReportFigures, now: Date): ReportDraft => ({
  quarter: figures.quarter,
  revision: 1,
  figures,
  qualitative: emptyQualitative(),
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
});

/** Figures equal but for the time they were compiled. */
const sameFigures = (a: ReportFigures, b: ReportFigures) => canonicalJson({ ...a, compiledAt: '' }) === canonicalJson({ ...b, compiledAt: '' });

/**
 * The draft with the figures compiled again, comms' text kept. When nothing but the compilation
 * time moved, the draft stays as it is (undefined: nothing to write), so that compiling a
 * published quarter again does not turn it into a correction.
 */
export const refreshDraftFigures = (draft: ReportDraft, figures: ReportFigures, now: Date): ReportDraft | undefined => {
  if (sameFigures(draft.figures, figures)) return undefined;
  return { ...draft, figures, revision: draft.revision + 1, updatedAt: now.toISOString() };
};

const revisionConflict = (draft: ReportDraft, readRevision: number) =>
  new ReportRefusal('revision-conflict', `The draft of ${draft.quarter} is at revision ${draft.revision}, not ${readRevision}: read it again.`);

/** The draft with comms' qualitative sections replaced, refused when it changed since `readRevision`. */
export const editQualitative = (draft: ReportDraft, qualitative: QualitativeSections, readRevision: number, now: Date): ReportDraft => {
  if (draft.revision !== readRevision) throw revisionConflict(draft, readRevision);
  return { ...draft, qualitative, revision: draft.revision + 1, updatedAt: now.toISOString() };
};

const isBlank = (text: string | undefined) => !text || text.trim() === '';

/**
 * What publishing the draft now does after `latest` (the quarter's newest version, if any):
 * `unchanged` when the draft's content is the latest version's (the same hash); else the next
 * version. Refused when the draft changed since `readRevision`, when a summary is missing in a
 * language, when a correction does not say what changed in both languages, or when a first
 * version names a correction.
 */
export const publishReportDraft = (
  draft: ReportDraft,
  latest: ReportVersion | undefined,
  request: { readRevision: number; correction?: Record<ReportLanguage, string> | undefined; now: Date },
): { kind: 'unchanged'; version: ReportVersion } | { kind: 'new'; version: ReportVersion } => {
  const contentHash = reportContentHash(draft);
  if (latest?.contentHash === contentHash) return { kind: 'unchanged', version: latest };
  if (draft.revision !== request.readRevision) throw revisionConflict(draft, request.readRevision);
  const missing = reportLanguages.filter((language) => isBlank(draft.qualitative[language].summary));
  if (missing.length > 0) throw new ReportRefusal('incomplete-draft', `Write the summary in ${missing.join(' and ')} before publishing.`);
  const { correction } = request;
  if (latest && (!correction || reportLanguages.some((language) => isBlank(correction[language])))) {
    throw new ReportRefusal('correction-required', `Version ${latest.version} is published: a correction says what changed, in en and zh-CN.`);
  }
  if (!latest && correction) throw new ReportRefusal('nothing-to-correct', `Nothing of ${draft.quarter} is published yet: the first version has no correction.`);
  return {
    kind: 'new',
    version: {
      quarter: draft.quarter,
      version: (latest?.version ?? 0) + 1,
      publishedAt: request.now.toISOString(),
      contentHash,
      supersedes: latest?.version ?? null,
      correction: latest && correction ? { en: correction.en.trim(), 'zh-CN': correction['zh-CN'].trim() } : null,
      figures: draft.figures,
      qualitative: draft.qualitative,
    },
  };
};
