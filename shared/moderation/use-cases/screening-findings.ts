import type { ReviewState } from '#shared/moderation/domain/index.ts';
import { hammingDistance, NEAR_DUPLICATE_DISTANCE } from '#shared/moderation/domain/simhash.ts';
import {
  applyRules,
  extractPaymentAccounts,
  extractPhones,
  extractUrls,
  normaliseMediaHash,
  urlKeys,
  type BlocklistKind,
} from '#shared/moderation/domain/screening.ts';
import { MAX_URL_KEY, paymentAccountKeyOf, phoneKeyOf } from '#shared/moderation/use-cases/blocklist-value-keys.ts';
import type { ReviewPersonalData } from '#shared/moderation/use-cases/personal-data.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';

type Ports = Pick<ModerationPorts, 'store' | 'pseudonyms'>;

/** The value keys worth looking up on the blocklists: the media hashes, the URLs and their hosts, phones and payment accounts in the text. */
const blocklistCandidates = async (ports: Ports, personal: ReviewPersonalData): Promise<Array<{ kind: BlocklistKind; valueKey: string }>> => {
  const text = personal.text ?? '';
  return [
    ...personal.mediaHashes.map((h) => ({ kind: 'media_hash' as const, valueKey: normaliseMediaHash(h) })),
    // Keys longer than any blocklist key cannot match, and would exceed a sort key.
    ...[...personal.urls, ...extractUrls(text)].flatMap((u) =>
      urlKeys(u)
        .filter((valueKey) => valueKey.length <= MAX_URL_KEY)
        .map((valueKey) => ({ kind: 'url' as const, valueKey })),
    ),
    // Every pseudonym at once (each is a KMS call in AWS).
    ...(await Promise.all([
      ...extractPhones(text).map(async (p) => ({ kind: 'phone' as const, valueKey: await phoneKeyOf(ports, p) })),
      ...extractPaymentAccounts(text).map(async (a) => ({ kind: 'payment_account' as const, valueKey: await paymentAccountKeyOf(ports, a) })),
    ])),
  ];
};

/** The nearest removed content within the near-duplicate distance, other than the content itself. */
const nearestRemoved = async ({ store }: Ports, r: ReviewState) => {
  if (!r.simhash) return undefined;
  const hash = r.simhash;
  const nearest = (await store.nearDuplicates.candidates(hash))
    .filter((n) => n.contentId !== r.contentId)
    .map((n) => ({ contentId: n.contentId, distance: hammingDistance(n.hash, hash) }))
    .sort((a, b) => a.distance - b.distance)[0];
  return nearest && nearest.distance <= NEAR_DUPLICATE_DISTANCE ? nearest : undefined;
};

/** What screening finds in a review: blocklist hits, rule hits, and a near-duplicate of removed content. */
export const screeningFindings = async (ports: Ports, r: ReviewState, personal: ReviewPersonalData) => {
  const [blocklistHits, nearDuplicateOf] = await Promise.all([
    blocklistCandidates(ports, personal).then((candidates) => ports.store.blocklists.hits(candidates)),
    nearestRemoved(ports, r),
  ]);
  return { blocklistHits, ruleHits: applyRules(personal.text ?? ''), ...(nearDuplicateOf && { nearDuplicateOf }) };
};
