import { moderationManifest } from '#shared/moderation/manifest.ts';

/**
 * Trust and safety, as other contexts and the platform may use it: the context's name (the
 * `<context>` of its events' source). Everything else in shared/moderation/ is the context's own
 * (the OpenAPI document imports http/openapi.ts directly, so that a context using this index does
 * not load the API's schemas).
 */

export const MODERATION = moderationManifest.name;
