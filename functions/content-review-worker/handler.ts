import { contentReviewWorkerHandlerFromEnvironment } from '#shared/moderation/wiring/content-review-worker.ts';

export const handler = contentReviewWorkerHandlerFromEnvironment();
