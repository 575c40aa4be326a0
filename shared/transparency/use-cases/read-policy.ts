import { problems } from '#shared/http/problem.ts';
import { diffPolicyText } from '#shared/transparency/domain/policy-diff.ts';
import { type PolicyLanguage, type PolicyVersion, policyTimeline, type VersionStatus } from '#shared/transparency/domain/privacy-policy.ts';
import type { VersionSummary } from '#shared/transparency/store/policy-store.ts';
import type { TransparencyApiPorts } from '#shared/transparency/use-cases/ports.ts';

/**
 * The public reads of the privacy policy: anyone, without an account. What they show is the
 * published text and its dates and hash; never who wrote or published it, nor the draft.
 */

type Ports = Pick<TransparencyApiPorts, 'store' | 'clock'>;

const summaryView = (version: VersionSummary, status: VersionStatus) => ({
  number: version.number,
  status,
  effectiveDate: version.effectiveDate,
  publishedAt: version.publishedAt,
  supersedes: version.supersedes,
  contentHash: version.contentHash,
  summaryOfChanges: version.summaryOfChanges,
});

const versionView = (version: PolicyVersion, status: VersionStatus, language: PolicyLanguage) => ({
  ...summaryView(version, status),
  language,
  markdown: version.text[language],
  html: version.html[language],
});

const timelineNow = async (ports: Ports) => {
  const summaries = await ports.store.versionSummaries();
  return { summaries, ...policyTimeline(summaries, ports.clock.now()) };
};

/** The version in force, in `language`, and the next one if it is announced; 404 while none is in force. */
export const policyInForce = async (ports: Ports, language: PolicyLanguage) => {
  const { inForce, upcoming } = await timelineNow(ports);
  const version = inForce && (await ports.store.getVersion(inForce.number));
  if (!version) throw problems.notFound('No version of the privacy policy is in force yet.');
  return { ...versionView(version, 'in-force', language), upcoming: upcoming ? summaryView(upcoming, 'upcoming') : null };
};

/** Every published version, newest first, with which is in force and which is next. */
export const listVersions = async (ports: Ports) => {
  const { summaries, inForce, upcoming, statusOf } = await timelineNow(ports);
  return {
    items: summaries.map((summary) => summaryView(summary, statusOf(summary))),
    inForce: inForce?.number ?? null,
    upcoming: upcoming?.number ?? null,
  };
};

const publishedVersion = async (ports: Ports, number: number): Promise<PolicyVersion> => {
  const version = await ports.store.getVersion(number);
  if (!version) throw problems.notFound(`No published version ${number}.`);
  return version;
};

/** One published version, in `language`. */
export const readVersion = async (ports: Ports, number: number, language: PolicyLanguage) => {
  const version = await publishedVersion(ports, number);
  const { statusOf } = await timelineNow(ports);
  return versionView(version, statusOf(version), language);
};

/**
 * What changed from version `from` to version `number` in `language`: the line diff of the two
 * texts as hunks, and the summary of changes of each version in between (the later included).
 */
export const diffVersions = async (ports: Ports, number: number, from: number, language: PolicyLanguage) => {
  if (from >= number) throw problems.validation([{ in: 'query', path: 'from', message: `Must be an earlier version than ${number}` }]);
  const [newer, older] = [await publishedVersion(ports, number), await publishedVersion(ports, from)];
  const { summaries } = await timelineNow(ports);
  return {
    language,
    from,
    to: number,
    hunks: diffPolicyText(older.text[language], newer.text[language]),
    changes: summaries
      .filter((summary) => summary.number > from && summary.number <= number)
      .sort((a, b) => a.number - b.number)
      .map((summary) => ({ number: summary.number, effectiveDate: summary.effectiveDate, summaryOfChanges: summary.summaryOfChanges[language] })),
  };
};

/** A version just published (or published before) without its text, with its status now (what a publication answers). */
export const describePublished = async (ports: Ports, version: PolicyVersion) => {
  const summaries = await ports.store.versionSummaries();
  // The listing is eventually consistent: a version published a moment ago may be missing from it.
  const all = summaries.some((summary) => summary.number === version.number) ? summaries : [...summaries, version];
  return summaryView(version, policyTimeline(all, ports.clock.now()).statusOf(version));
};
