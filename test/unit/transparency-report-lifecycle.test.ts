import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  changedPaths,
  editQualitative,
  newReportDraft,
  publishReportDraft,
  type ReportDraft,
  ReportRefusal,
  refreshDraftFigures,
  reportContentHash,
} from '#shared/transparency/domain/report-lifecycle.ts';
import { hasQuarterEnded, quarterBounds, quarterEndedBefore } from '#shared/transparency/domain/report-quarter.ts';
import type { QualitativeSections } from '#shared/transparency/domain/report.ts';
import { reportFiguresFixture } from '../support/report-figures-fixture.ts';

const compiledAt = new Date('2027-01-01T06:00:00Z');
const later = new Date('2027-01-05T10:00:00Z');
const qualitative: QualitativeSections = {
  en: { summary: 'A quiet quarter.', sections: [{ heading: 'Complaints', body: 'Fewer than before.' }] },
  'zh-CN': { summary: '平静的一个季度。', sections: [{ heading: '投诉', body: '比以前少。' }] },
};
const correction = { en: 'Two late complaints counted.', 'zh-CN': '计入两起迟到的投诉。' };

const writtenDraft = (): ReportDraft => editQualitative(newReportDraft(reportFiguresFixture('2026-Q4'), compiledAt), qualitative, 1, later);
const refusalOf = (act: () => unknown) => {
  try {
    act();
  } catch (error) {
    if (error instanceof ReportRefusal) return error.reason;
    throw error;
  }
  return 'none';
};

describe('the quarters of the report', () => {
  it('bounds a quarter in UTC and knows whether it has ended', () => {
    // Act + Assess
    expect(quarterBounds('2026-Q4')).toEqual({ start: new Date('2026-10-01T00:00:00Z'), end: new Date('2027-01-01T00:00:00Z') });
    expect(hasQuarterEnded('2026-Q4', new Date('2026-12-31T23:59:59.999Z'))).toBe(false);
    expect(hasQuarterEnded('2026-Q4', new Date('2027-01-01T00:00:00Z'))).toBe(true);
  });

  it('names the quarter just ended at the schedule’s time', () => {
    // Act + Assess
    expect(quarterEndedBefore(new Date('2027-01-01T06:00:00Z'))).toBe('2026-Q4');
    expect(quarterEndedBefore(new Date('2026-07-01T06:00:00Z'))).toBe('2026-Q2');
    expect(quarterEndedBefore(new Date('2026-05-15T12:00:00Z'))).toBe('2026-Q1');
  });
});

describe('the content hash', () => {
  it('is the SHA-256 of the canonical JSON: the order of keys does not matter, a figure does', () => {
    // Prepare
    const figures = reportFiguresFixture('2026-Q4');
    const reordered = Object.fromEntries(Object.entries(figures).reverse()) as typeof figures;

    // Act
    const hash = reportContentHash({ figures, qualitative });

    // Assess
    expect(hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(reportContentHash({ figures: reordered, qualitative })).toBe(hash);
    expect(reportContentHash({ figures: reportFiguresFixture('2026-Q4', { complaints: 13 }), qualitative })).not.toBe(hash);
    expect(reportContentHash({ figures, qualitative: { ...qualitative, en: { ...qualitative.en, summary: 'Another.' } } })).not.toBe(hash);
  });

  it('writes canonical JSON with sorted keys at every depth and arrays in their order', () => {
    // Act + Assess
    expect(canonicalJson({ b: [2, { d: 1, c: null }], a: 'x', skipped: undefined })).toBe('{"a":"x","b":[2,{"c":null,"d":1}]}');
  });
});

describe('what a draft changes of the latest version', () => {
  it('names each path that differs, figures and text, apart from the compilation time', () => {
    // Prepare
    const published = writtenDraft();
    const later = {
      figures: reportFiguresFixture('2026-Q4', { complaints: 14, compiledAt: '2027-02-01T00:00:00.000Z' }),
      qualitative: { ...qualitative, 'zh-CN': { ...qualitative['zh-CN'], sections: [] } },
    };

    // Act + Assess
    expect(changedPaths(published, later)).toEqual([
      'figures.customerService.complaintsPerThousandActivePeople',
      'figures.customerService.received',
      'figures.customerService.receivedByCategory.payment',
      'figures.customerService.receivedByChannel.web',
      'qualitative.zh-CN.sections.0.body',
      'qualitative.zh-CN.sections.0.heading',
    ]);
    expect(changedPaths(published, { ...published, figures: { ...published.figures, compiledAt: '2027-03-01T00:00:00.000Z' } })).toEqual([]);
  });
});

describe('the draft', () => {
  it('keeps comms’ text when compiled again, and stays as it is when only the compilation time moved', () => {
    // Prepare
    const draft = writtenDraft();

    // Act
    const sameFigures = refreshDraftFigures(draft, reportFiguresFixture('2026-Q4', { compiledAt: later.toISOString() }), later);
    const moved = refreshDraftFigures(draft, reportFiguresFixture('2026-Q4', { complaints: 14 }), later);

    // Assess
    expect(sameFigures).toBeUndefined();
    expect(moved).toMatchObject({ revision: draft.revision + 1, qualitative, figures: { customerService: { received: 14 } } });
  });

  it('refuses an edit over a revision that is not the draft’s', () => {
    // Act + Assess
    expect(refusalOf(() => editQualitative(writtenDraft(), qualitative, 1, later))).toBe('revision-conflict');
  });
});

describe('publication', () => {
  it('publishes the first version with the hash of its content, superseding nothing', () => {
    // Prepare
    const draft = writtenDraft();

    // Act
    const published = publishReportDraft(draft, undefined, { readRevision: draft.revision, now: later });

    // Assess
    expect(published).toEqual({
      kind: 'new',
      version: {
        quarter: '2026-Q4',
        version: 1,
        publishedAt: later.toISOString(),
        contentHash: reportContentHash(draft),
        supersedes: null,
        correction: null,
        figures: draft.figures,
        qualitative,
      },
    });
  });

  it('changes nothing when the draft is what the latest version shows, whatever revision is named', () => {
    // Prepare
    const draft = writtenDraft();
    const first = publishReportDraft(draft, undefined, { readRevision: draft.revision, now: later }).version;

    // Act
    const again = publishReportDraft(draft, first, { readRevision: 1, now: new Date('2027-02-01T00:00:00Z') });

    // Assess
    expect(again).toEqual({ kind: 'unchanged', version: first });
  });

  it('publishes a correction as the next version, superseding the latest and saying what changed', () => {
    // Prepare
    const draft = writtenDraft();
    const first = publishReportDraft(draft, undefined, { readRevision: draft.revision, now: later }).version;
    const corrected = refreshDraftFigures(draft, reportFiguresFixture('2026-Q4', { complaints: 14 }), later) as ReportDraft;

    // Act
    const published = publishReportDraft(corrected, first, { readRevision: corrected.revision, correction, now: later });

    // Assess
    expect(published.kind).toBe('new');
    expect(published.version).toMatchObject({ version: 2, supersedes: 1, correction, contentHash: reportContentHash(corrected) });
    expect(published.version.contentHash).not.toBe(first.contentHash);
  });

  it('refuses a correction that does not say what changed in both languages, and a correction of nothing', () => {
    // Prepare
    const draft = writtenDraft();
    const first = publishReportDraft(draft, undefined, { readRevision: draft.revision, now: later }).version;
    const corrected = refreshDraftFigures(draft, reportFiguresFixture('2026-Q4', { complaints: 14 }), later) as ReportDraft;
    const publish = (latest: typeof first | undefined, change?: typeof correction) =>
      refusalOf(() => publishReportDraft(corrected, latest, { readRevision: corrected.revision, correction: change, now: later }));

    // Act + Assess
    expect(publish(first)).toBe('correction-required');
    expect(publish(first, { en: 'Two late complaints.', 'zh-CN': '  ' })).toBe('correction-required');
    expect(publish(undefined, correction)).toBe('nothing-to-correct');
  });

  it('refuses a draft without a summary in each language, and one changed since the revision read', () => {
    // Prepare
    const untouched = newReportDraft(reportFiguresFixture('2026-Q4'), compiledAt);
    const draft = writtenDraft();

    // Act + Assess
    expect(refusalOf(() => publishReportDraft(untouched, undefined, { readRevision: 1, now: later }))).toBe('incomplete-draft');
    expect(refusalOf(() => publishReportDraft(draft, undefined, { readRevision: 1, now: later }))).toBe('revision-conflict');
  });
});
