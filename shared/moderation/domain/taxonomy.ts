/**
 * What the trust-and-safety context classifies, and how each class maps onto the Transparency
 * Database's vocabulary (Regulation (EU) 2022/2065, Art. 24(5)); see the reference in dsa.md.
 */

export const noticeCategories = ['fraud_or_scam', 'false_information', 'false_advertising', 'privacy', 'other'] as const;
export type NoticeCategory = (typeof noticeCategories)[number];

export const actions = [
  'no_action',
  'label',
  'demote',
  'remove',
  'restrict_account',
  'suspend_account',
  'terminate_account',
] as const;
export type Action = (typeof actions)[number];
/** Every action but no_action restricts someone, and so needs a statement of reasons. */
export type Restriction = Exclude<Action, 'no_action'>;
export const isRestriction = (action: Action): action is Restriction => action !== 'no_action';
/** Account measures name their duration (terminate is indefinite by nature). */
export const accountActions: readonly Action[] = ['restrict_account', 'suspend_account', 'terminate_account'];

export const contentTypes = ['text', 'image', 'video', 'audio', 'product', 'app', 'synthetic_media', 'other'] as const;
export type ContentType = (typeof contentTypes)[number];

export const tdbContentType: Record<ContentType, string> = {
  text: 'CONTENT_TYPE_TEXT',
  image: 'CONTENT_TYPE_IMAGE',
  video: 'CONTENT_TYPE_VIDEO',
  audio: 'CONTENT_TYPE_AUDIO',
  product: 'CONTENT_TYPE_PRODUCT',
  app: 'CONTENT_TYPE_APP',
  synthetic_media: 'CONTENT_TYPE_SYNTHETIC_MEDIA',
  other: 'CONTENT_TYPE_OTHER',
};

export const tdbCategory: Record<NoticeCategory, { category: string; keywords: string[] }> = {
  fraud_or_scam: { category: 'STATEMENT_CATEGORY_SCAMS_AND_FRAUD', keywords: [] },
  false_information: {
    category: 'STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS',
    keywords: ['KEYWORD_MISINFORMATION_DISINFORMATION'],
  },
  false_advertising: {
    category: 'STATEMENT_CATEGORY_CONSUMER_INFORMATION',
    keywords: ['KEYWORD_MISLEADING_INFO_GOODS_SERVICES'],
  },
  privacy: { category: 'STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS', keywords: [] },
  other: { category: 'STATEMENT_CATEGORY_OTHER_VIOLATION_TC', keywords: [] },
};

/** The measure of each restriction in the Transparency Database's decision fields. */
export const tdbMeasure: Record<Restriction, { field: 'decision_visibility' | 'decision_provision' | 'decision_account'; value: string }> = {
  label: { field: 'decision_visibility', value: 'DECISION_VISIBILITY_CONTENT_LABELLED' },
  demote: { field: 'decision_visibility', value: 'DECISION_VISIBILITY_CONTENT_DEMOTED' },
  remove: { field: 'decision_visibility', value: 'DECISION_VISIBILITY_CONTENT_REMOVED' },
  restrict_account: { field: 'decision_provision', value: 'DECISION_PROVISION_PARTIAL_SUSPENSION' },
  suspend_account: { field: 'decision_account', value: 'DECISION_ACCOUNT_SUSPENDED' },
  terminate_account: { field: 'decision_account', value: 'DECISION_ACCOUNT_TERMINATED' },
};

/** Points for the first valid report that led to action, by category: fraud costs users most. */
export const rewardPoints: Record<NoticeCategory, number> = {
  fraud_or_scam: 100,
  false_information: 50,
  false_advertising: 50,
  privacy: 30,
  other: 20,
};
