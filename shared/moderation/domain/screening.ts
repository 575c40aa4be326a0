import { domainToASCII } from 'node:url';
import type { NoticeCategory } from '#shared/moderation/domain/taxonomy.ts';

/**
 * Automated screening before publication, pure: what the worker found (blocklist hits, rule
 * hits, near-duplicates of removed content) becomes approve, hold or human review. Known-bad
 * matches hold the content for a moderator's confirmation; weaker signals send it to human
 * review; nothing is published until one of the three is decided.
 */

export const blocklistKinds = ['media_hash', 'url', 'phone', 'payment_account'] as const;
export type BlocklistKind = (typeof blocklistKinds)[number];

interface RuleHit {
  rule: string;
  category: NoticeCategory;
}

/** Scam and false-advertising patterns; each names the category it points to. */
const rules: ReadonlyArray<{ id: string; category: NoticeCategory; pattern: RegExp }> = [
  { id: 'guaranteed-returns', category: 'fraud_or_scam', pattern: /\b(guaranteed|risk[- ]free)\b.{0,40}\b(returns?|profits?|income)\b/i },
  { id: 'double-your-money', category: 'fraud_or_scam', pattern: /\b(double|triple|10x)\s+your\s+(money|crypto|bitcoin|investment)\b/i },
  { id: 'gift-card-payment', category: 'fraud_or_scam', pattern: /\b(pay|send|buy)\b.{0,30}\b(gift ?cards?|itunes cards?|steam cards?)\b/i },
  { id: 'crypto-giveaway', category: 'fraud_or_scam', pattern: /\b(send|transfer)\b.{0,30}\b(btc|eth|bitcoin|ethereum|usdt)\b.{0,40}\b(back|return|double)\b/i },
  { id: 'urgent-account-verification', category: 'fraud_or_scam', pattern: /\b(verify|confirm)\s+your\s+(account|password|card)\b.{0,40}\b(within|immediately|or (it|your account) will be)\b/i },
  { id: 'miracle-cure', category: 'false_advertising', pattern: /\b(miracle|100% (cure|effective)|cures? (cancer|diabetes|covid))\b/i },
  { id: 'rapid-weight-loss', category: 'false_advertising', pattern: /\blose\s+\d{2,}\s*(kg|kilos?|lbs?|pounds)\s+in\s+\d+\s*(days?|weeks?)\b/i },
  { id: 'fake-scarcity', category: 'false_advertising', pattern: /\bonly\s+\d+\s+left\b.{0,40}\b(\d+\s*(minutes?|seconds?))\b/i },
];

export const applyRules = (text: string): RuleHit[] =>
  rules.filter((r) => r.pattern.test(text)).map((r) => ({ rule: r.id, category: r.category }));

/* Extraction of the identifiers worth checking against the blocklists. */

const PHONE = /(?:\+|00)?\d[\d ().-]{6,18}\d/g;
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g;
const CARD = /\b(?:\d[ -]?){13,19}\b/g;

export const normalisePhone = (raw: string) => {
  const digits = raw.replace(/[^\d+]/g, '').replace(/^00/, '+');
  return digits.startsWith('+') ? digits : `+${digits}`;
};
export const normalisePaymentAccount = (raw: string) => raw.replace(/[\s-]/g, '').toUpperCase();
/** Characters a URI never needs to escape (RFC 3986 2.3): an escape of one is the character itself. */
const UNRESERVED = /^[A-Za-z0-9._~-]$/;

/** Percent-escapes of unreserved characters decoded (`%7E` → `~`), the others in upper case (`%2f` → `%2F`). */
const normalisePercentEscapes = (path: string) =>
  path.replace(/%([0-9A-Fa-f]{2})/g, (_escape, hex: string) => {
    const char = String.fromCharCode(Number.parseInt(hex, 16));
    return UNRESERVED.test(char) ? char : `%${hex.toUpperCase()}`;
  });

/** A host as a blocklist holds it: lower case, no trailing dot, IDN as punycode, no `www.`. Undefined if it is no valid host. */
const normaliseHost = (hostname: string): string | undefined => {
  const bare = hostname.toLowerCase().replace(/\.+$/, '');
  const ascii = bare.startsWith('[') ? bare : domainToASCII(bare);
  return ascii === '' ? undefined : ascii.replace(/^www\./, '');
};

/**
 * The form a URL is matched in, the same for the blocklist's entries and the screened values:
 * the normalised host and the path (percent-escapes normalised, no trailing slash); the scheme,
 * port, query and fragment do not count.
 */
export const normaliseUrl = (raw: string): string | undefined => {
  try {
    const url = new URL(raw.trim());
    const host = normaliseHost(url.hostname);
    if (!host) return undefined;
    const path = normalisePercentEscapes(url.pathname).replace(/\/+$/, '');
    return `${host}${path}`;
  } catch {
    return undefined;
  }
};
/** The registrable host and its parents (`a.b.example.com` → also `b.example.com`, `example.com`). */
export const urlKeys = (raw: string): string[] => {
  const normal = normaliseUrl(raw);
  if (!normal) return [];
  const host = normal.split('/')[0]!;
  const labels = host.split('.');
  const hosts = labels.slice(0, -1).map((_, i) => labels.slice(i).join('.'));
  return [...new Set([normal, ...hosts])];
};
export const normaliseMediaHash = (raw: string) => raw.trim().toLowerCase();

const luhn = (digits: string) => {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
};

export const extractPhones = (text: string) =>
  [...new Set((text.match(PHONE) ?? []).map(normalisePhone).filter((p) => p.replace(/\D/g, '').length >= 8))];
export const extractPaymentAccounts = (text: string) => [
  ...new Set([
    ...(text.toUpperCase().match(IBAN) ?? []).map(normalisePaymentAccount),
    ...(text.match(CARD) ?? []).map(normalisePaymentAccount).filter(luhn),
  ]),
];
export const extractUrls = (text: string) => [...new Set(text.match(/https?:\/\/[^\s<>"')]+/gi) ?? [])];

/** The identifiers of one post to look up on the blocklists, by kind. */
export type Identifiers = Record<BlocklistKind, string[]>;

/**
 * At most this many identifiers of one post are looked up (each a read, phones and accounts a
 * key call too). A post with more is screened on its first ones and sent to human review.
 */
const MAX_IDENTIFIERS_SCREENED = 100;

/**
 * The identifiers screened: all of them up to the cap; beyond it, taken from each kind in turn,
 * so that a flood of one kind (a hundred harmless URLs) does not push another (a blocklisted
 * phone) out of the screening.
 */
export const identifiersToScreen = (found: Identifiers, max = MAX_IDENTIFIERS_SCREENED): { screened: Identifiers; overCap: boolean } => {
  const screened: Identifiers = { media_hash: [], url: [], phone: [], payment_account: [] };
  const total = blocklistKinds.reduce((sum, kind) => sum + found[kind].length, 0);
  let taken = 0;
  for (let i = 0; taken < Math.min(total, max); i += 1) {
    for (const kind of blocklistKinds) {
      const value = found[kind][i];
      if (value !== undefined && taken < max) {
        screened[kind].push(value);
        taken += 1;
      }
    }
  }
  return { screened, overCap: total > max };
};

interface ScreeningFindings {
  blocklistHits: Array<{ kind: BlocklistKind; entryId: string }>;
  ruleHits: RuleHit[];
  nearDuplicateOf?: { contentId: string; distance: number };
  /** More identifiers than screening looks up: a human looks at the rest. */
  identifiersOverCap?: boolean;
}

export type ScreeningOutcome = 'approved' | 'held' | 'human_review';

export const screeningVerdict = (findings: ScreeningFindings) => {
  const signals = [
    ...findings.blocklistHits.map((h) => `blocklist:${h.kind}`),
    ...findings.ruleHits.map((h) => `rule:${h.rule}`),
    ...(findings.nearDuplicateOf ? ['near-duplicate'] : []),
    ...(findings.identifiersOverCap ? ['too-many-identifiers'] : []),
  ];
  const strong = findings.blocklistHits.length > 0 || findings.nearDuplicateOf !== undefined;
  const weak = findings.ruleHits.length > 0 || findings.identifiersOverCap === true;
  const outcome: ScreeningOutcome = strong ? 'held' : weak ? 'human_review' : 'approved';
  // The category a moderator starts from: a rule's, else fraud (blocklists hold scam identifiers).
  const category: NoticeCategory = findings.ruleHits[0]?.category ?? 'fraud_or_scam';
  return { outcome, signals: [...new Set(signals)], category };
};
