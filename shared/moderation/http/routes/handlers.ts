import type { RouteHandlers } from '#shared/http/api-handler.ts';
import type { moderationManifest } from '#shared/moderation/manifest.ts';

/** The handlers of the moderation function's routes, keyed `METHOD /path` as the manifest declares them. */
export type ModerationHandlers = RouteHandlers<(typeof moderationManifest.routes)[number]>;
