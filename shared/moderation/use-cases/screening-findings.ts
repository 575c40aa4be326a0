import type { ReviewState } from '#shared/moderation/domain/index.ts';
import { hammingDistance, NEAR_DUPLICATE_DISTANCE } from '#shared/moderation/domain/simhash.ts';
import {
  applyRules,
  extractPaymentAccounts,
  extractPhones,
  extractUrls,
  identifiersToScreen,
  normaliseMediaHash,
  urlKeys,
  type BlocklistKind,
  type Identifiers,
} from '#shared/moderation/domain/screening.ts';
import { MAX_URL_KEY, paymentAccountKeyOf, phoneKeyOf } from '#shared/moderation/use-cases/blocklist-value-keys.ts';
import type { ReviewPersonalData } from '#shared/moderation/use-cases/personal-data.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';

type Ports = Pick<ModerationPorts, 'store' | 'pseudonyms'>;

/** The identifiers in a review, each once: media hashes, URLs given and in the text, phones and payment accounts in the text. */
const identifiersOf = (personal: ReviewPersonalData): Identifiers => {
  const text = personal.text ?? '';
  return {
    media_hash: [...new Set(personal.mediaHashes.map(normaliseMediaHash))],
    url: [...new Set([...personal.urls, ...extractUrls(text)])],
    phone: extractPhones(text),
    payment_account: extractPaymentAccounts(text),
  };
};

/** The value keys to look up on the blocklists: the media hashes, the URLs and their hosts, the pseudonyms of phones and payment accounts. */
const blocklistCandidates = async (ports: Ports, screened: Identifiers): Promise<Array<{ kind: BlocklistKind; valueKey: string }>> => [
  ...screened.media_hash.map((valueKey) => ({ kind: 'media_hash' as const, valueKey })),
  // Keys longer than any blocklist key cannot match, and would exceed a sort key.
  ...screened.url.flatMap((u) =>
    urlKeys(u)
      .filter((valueKey) => valueKey.length <= MAX_URL_KEY)
      .map((valueKey) => ({ kind: 'url' as const, valueKey })),
  ),
  // The pseudonyms are asked for together; the wiring limits the key calls in flight.
  ...(await Promise.all([
    ...screened.phone.map(async (p) => ({ kind: 'phone' as const, valueKey: await phoneKeyOf(ports, p) })),
    ...screened.payment_account.map(async (a) => ({ kind: 'payment_account' as const, valueKey: await paymentAccountKeyOf(ports, a) })),
  ])),
];

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
  const { screened, overCap } = identifiersToScreen(identifiersOf(personal));
  const [blocklistHits, nearDuplicateOf] = await Promise.all([
    blocklistCandidates(ports, screened).then((candidates) => ports.store.blocklists.hits(candidates)),
    nearestRemoved(ports, r),
  ]);
  return {
    blocklistHits,
    ruleHits: applyRules(personal.text ?? ''),
    ...(nearDuplicateOf && { nearDuplicateOf }),
    ...(overCap && { identifiersOverCap: true }),
  };
};
