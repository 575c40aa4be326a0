import { createContentReviewWorker } from '#functions/content-review-worker/app.ts';
import { moderationServiceFromEnvironment } from '#functions/moderation/service-wiring.ts';
import { cipherFromEnvironment, pseudonymsFromEnvironment } from '#shared/crypto/keys-from-environment.ts';

// Screening reads the submitted text and matches pseudonymised phone numbers and payment accounts.
export const handler = createContentReviewWorker(
  moderationServiceFromEnvironment({}, 'content-review-worker', { cipher: cipherFromEnvironment(), pseudonyms: pseudonymsFromEnvironment() }),
);
