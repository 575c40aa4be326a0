import { readJsonBody, readPath } from '#shared/http/request.ts';
import { json } from '#shared/http/response.ts';
import { ReviewPathSchema, StatementPathSchema } from '#shared/moderation/http/paths.ts';
import type { ModerationHandlers } from '#shared/moderation/http/routes/handlers.ts';
import { ContentReviewRequestSchema } from '#shared/moderation/http/schemas/content-reviews.ts';
import { getContentReview } from '#shared/moderation/use-cases/get-content-review.ts';
import { getEnforcement } from '#shared/moderation/use-cases/get-enforcement.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';
import { submitContent } from '#shared/moderation/use-cases/submit-content.ts';

type PlatformRoutes = 'POST /v1/content-reviews' | 'GET /v1/content-reviews/{id}' | 'GET /v1/enforcement/statements/{puid}';

/** The platform services' routes (machine clients with a scope): content review before publication, measures to enforce. */
export const platformRoutes = (ports: ModerationPorts): Pick<ModerationHandlers, PlatformRoutes> => ({
  'POST /v1/content-reviews': async ({ event, caller }) => {
    const { review, duplicate } = await submitContent(ports, caller, readJsonBody(event, ContentReviewRequestSchema));
    // 202: screening runs on the queue; a repeat of the same content answers its review.
    return json(duplicate ? 200 : 202, review, { location: `/v1/content-reviews/${review.id}` });
  },

  'GET /v1/content-reviews/{id}': async ({ event, caller }) => json(200, await getContentReview(ports, caller, readPath(event, ReviewPathSchema).id)),

  'GET /v1/enforcement/statements/{puid}': async ({ event }) => json(200, await getEnforcement(ports, readPath(event, StatementPathSchema).puid)),
});
