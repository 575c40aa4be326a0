import { moderationManifest } from '#shared/moderation/manifest.ts';

/**
 * Trust and safety, as other contexts and the platform may use it: the context's name (the
 * `<context>` of its events' source) and the domain events it publishes. Everything else in
 * shared/moderation/ is the context's own (the OpenAPI document imports http/openapi.ts directly,
 * so that a context using this index does not load the API's schemas).
 */

export const MODERATION = moderationManifest.name;

/** The `detail-type`s of the events published on the bus as `<system>.moderation`. */
export const moderationEventTypes = [
  'moderation.case-opened',
  'moderation.notice-merged',
  'moderation.decision-taken',
  'moderation.action-reversed',
  'moderation.action-reduced',
  'moderation.appeal-filed',
  'moderation.appeal-decided',
  'moderation.reporter-warned',
  'moderation.reporter-suspended',
  'moderation.reward-credited',
  'content-review.submitted',
  'content-review.screened',
  'content-review.decided',
] as const;
export type ModerationEventType = (typeof moderationEventTypes)[number];

