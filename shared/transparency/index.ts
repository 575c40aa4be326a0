/**
 * What other contexts may use of transparency: the announcement of a new privacy-policy
 * version (for the notifications' audience), and what the transparency report reads of the
 * privacy policy (the versions, the one in force, the acknowledgements per version).
 */
export { PRIVACY_POLICY_PUBLISHED_EVENT } from '#shared/transparency/manifest.ts';
export type { PrivacyPolicyPublishedDetail } from '#shared/transparency/use-cases/publish-version.ts';
export { privacyPolicyQueryFromEnvironment } from '#shared/transparency/use-cases/privacy-policy-query.ts';
