import { createHash } from 'node:crypto';

/**
 * The privacy policy's versions. Comms write a draft (the text in every language, the day it is
 * to take effect, and a summary of what changed), edit it as often as they like, and publish it:
 * it becomes version n (the previous number plus one), immutable, with a hash of its content,
 * the time of publication and the version it supersedes. The version in force is the latest
 * published one whose effective day has come; a later one is announced and takes effect on its day.
 *
 * A new version must give people notice: its effective day is at least `minNoticeDays` days
 * (of 24 hours) after its publication, and after the effective day of the version it supersedes,
 * so that the versions take effect in the order of their numbers. The first version supersedes
 * nothing and nobody is yet bound by a policy, so it needs no notice (it may take effect the day
 * it is published).
 */

export const policyLanguages = ['en', 'zh-CN'] as const;
export type PolicyLanguage = (typeof policyLanguages)[number];

/** A text in every language of the policy. */
export type Localized = Record<PolicyLanguage, string>;

/** What comms write: the same in a draft and, frozen, in a version. */
export interface PolicyContent {
  /** Markdown, per language. */
  text: Localized;
  /** The day the version takes effect (`YYYY-MM-DD`), from 00:00 UTC. */
  effectiveDate: string;
  summaryOfChanges: Localized;
}

export interface PolicyDraft extends PolicyContent {
  id: string;
  status: 'draft' | 'published';
  /** Counts the saves: an edit names the revision it read, so that two editors do not overwrite each other. */
  revision: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  /** Once published: the version it became. */
  publishedAs?: number;
}

export interface PolicyVersion extends PolicyContent {
  number: number;
  /**
   * The texts rendered from Markdown and sanitised when the version was published: what its
   * public pages show, never rendered again (a renderer upgrade cannot change a published version).
   */
  html: Localized;
  /** `sha256:<hex>` of the content (texts, effective date, summary), as published. */
  contentHash: string;
  publishedAt: string;
  publishedBy: string;
  /** The draft it was published from. */
  draftId: string;
  /** The version it replaces; null for the first. */
  supersedes: number | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export type RefusalReason = 'already-published' | 'revision-conflict' | 'insufficient-notice' | 'effective-date-order' | 'not-in-force';

/** A rule of the policy's lifecycle refuses the change; `reason` says which. */
export class PolicyRefusal extends Error {
  override name = 'PolicyRefusal';
  constructor(
    readonly reason: RefusalReason,
    message: string,
  ) {
    super(message);
  }
}

/** The instant a version takes effect: 00:00 UTC of its effective day. */
const effectiveInstant = (content: Pick<PolicyContent, 'effectiveDate'>): Date => new Date(`${content.effectiveDate}T00:00:00.000Z`);

/** The hash of a version's content: SHA-256 of its canonical JSON (keys in a fixed order). */
export const contentHashOf = (content: PolicyContent): string => {
  const canonical = JSON.stringify([
    content.effectiveDate,
    policyLanguages.map((language) => [language, content.text[language], content.summaryOfChanges[language]]),
  ]);
  return `sha256:${createHash('sha256').update(canonical, 'utf8').digest('hex')}`;
};

/** A new draft. */
export const newDraft = (id: string, content: PolicyContent, by: string, now: Date): PolicyDraft => ({
  id,
  status: 'draft',
  revision: 1,
  ...content,
  createdAt: now.toISOString(),
  createdBy: by,
  updatedAt: now.toISOString(),
  updatedBy: by,
});

/** The draft with its content replaced; refused once published or when someone saved it since `readRevision`. */
export const editDraft = (draft: PolicyDraft, content: PolicyContent, readRevision: number, by: string, now: Date): PolicyDraft => {
  if (draft.status !== 'draft') throw new PolicyRefusal('already-published', `This draft was published as version ${draft.publishedAs}; a published version cannot change. Write a new draft.`);
  if (draft.revision !== readRevision) {
    throw new PolicyRefusal('revision-conflict', `The draft was saved since revision ${readRevision} (now ${draft.revision}); read it again and reapply the edit.`);
  }
  return { ...draft, ...content, revision: draft.revision + 1, updatedAt: now.toISOString(), updatedBy: by };
};

/**
 * The version a draft becomes when published now, after `latest` (the newest published version,
 * if any), and the draft as it is then. Refused when the draft is published already, when the
 * notice is too short, or when it would take effect no later than `latest`.
 */
export const publishDraft = (
  draft: PolicyDraft,
  latest: PolicyVersion | undefined,
  options: { by: string; now: Date; minNoticeDays: number; render: (text: Localized) => Localized },
): { version: PolicyVersion; draft: PolicyDraft } => {
  if (draft.status !== 'draft') throw new PolicyRefusal('already-published', `This draft was published already, as version ${draft.publishedAs}.`);
  const { now, minNoticeDays } = options;
  const effective = effectiveInstant(draft).getTime();
  if (latest) {
    if (effective - now.getTime() < minNoticeDays * DAY_MS) {
      throw new PolicyRefusal(
        'insufficient-notice',
        `A new version takes effect at least ${minNoticeDays} days after it is published: choose an effective date on or after ${earliestEffectiveDate(now, minNoticeDays)}.`,
      );
    }
    if (draft.effectiveDate <= latest.effectiveDate) {
      throw new PolicyRefusal('effective-date-order', `Version ${latest.number} takes effect on ${latest.effectiveDate}; a later version must take effect after it.`);
    }
  } else if (draft.effectiveDate < now.toISOString().slice(0, 10)) {
    throw new PolicyRefusal('insufficient-notice', 'The first version cannot take effect before the day it is published.');
  }
  const number = (latest?.number ?? 0) + 1;
  const content: PolicyContent = { text: draft.text, effectiveDate: draft.effectiveDate, summaryOfChanges: draft.summaryOfChanges };
  const version: PolicyVersion = {
    number,
    ...content,
    html: options.render(content.text),
    contentHash: contentHashOf(content),
    publishedAt: now.toISOString(),
    publishedBy: options.by,
    draftId: draft.id,
    supersedes: latest?.number ?? null,
  };
  return { version, draft: { ...draft, status: 'published', publishedAs: number, updatedAt: now.toISOString(), updatedBy: options.by } };
};

/** The first effective date a version published at `now` may have: `minNoticeDays` days later, rounded up to a whole day (UTC). */
export const earliestEffectiveDate = (now: Date, minNoticeDays: number): string =>
  new Date(Math.ceil((now.getTime() + minNoticeDays * DAY_MS) / DAY_MS) * DAY_MS).toISOString().slice(0, 10);

export type VersionStatus = 'in-force' | 'upcoming' | 'superseded';

/**
 * Where the published versions stand at `now`: the one in force (the newest whose effective day
 * has come), the next one to take effect (announced, not yet in force), and each version's status.
 */
export const policyTimeline = <V extends Pick<PolicyVersion, 'number' | 'effectiveDate'>>(versions: readonly V[], now: Date) => {
  const byNumber = [...versions].sort((a, b) => a.number - b.number);
  const inForce = byNumber.filter((v) => effectiveInstant(v).getTime() <= now.getTime()).at(-1);
  const upcoming = byNumber.find((v) => effectiveInstant(v).getTime() > now.getTime() && v.number > (inForce?.number ?? 0));
  const statusOf = (version: Pick<PolicyVersion, 'number' | 'effectiveDate'>): VersionStatus => {
    if (inForce && version.number === inForce.number) return 'in-force';
    return effectiveInstant(version).getTime() > now.getTime() ? 'upcoming' : 'superseded';
  };
  return { inForce, upcoming, statusOf };
};
