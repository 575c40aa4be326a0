import { createContentReviewWorker } from '#functions/content-review-worker/app.ts';
import { moderationServiceFromEnvironment } from '#functions/moderation/wiring.ts';

export const handler = createContentReviewWorker(moderationServiceFromEnvironment({}, 'content-review-worker'));
