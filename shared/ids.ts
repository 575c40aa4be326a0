import { monotonicFactory } from 'ulid';

/** Entity prefixes: an id says what it identifies (`cmp_01J...` is a complaint). */
export const idPrefixes = {
  complaint: 'cmp',
  message: 'msg',
  // trust and safety
  notice: 'ntc',
  moderationCase: 'case',
  statement: 'sor',
  appeal: 'apl',
  contentReview: 'rev',
  blocklistEntry: 'blk',
  authorityOrder: 'aor',
  // access log
  accessRecord: 'acr',
  staffRead: 'srd',
  // surveys
  surveyInvitation: 'inv',
  // security
  auditRun: 'aud',
  educationCampaign: 'edu',
  // transparency
  privacyPolicyDraft: 'ppd',
  securityIncident: 'inc',
  incidentNote: 'inn',
  // privacy
  privacyRequest: 'prq',
  legalHold: 'lgh',
} as const;
export type IdPrefix = (typeof idPrefixes)[keyof typeof idPrefixes];

const ulid = monotonicFactory();

export const newId = (prefix: IdPrefix, at: Date = new Date()): string => `${prefix}_${ulid(at.getTime())}`;

/** Crockford base32 ULID after the prefix. */
export const idPattern = (prefix: IdPrefix): RegExp => new RegExp(`^${prefix}_[0-9A-HJKMNP-TV-Z]{26}$`);
