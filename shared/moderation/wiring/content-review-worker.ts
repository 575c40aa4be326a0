import { observedHandler } from '#shared/observability/metrics.ts';
import { cipherFromEnvironment, pseudonymsFromEnvironment } from '#shared/crypto/keys-from-environment.ts';
import { createContentReviewWorker } from '#shared/moderation/queues/consumers.ts';
import { screenContent } from '#shared/moderation/use-cases/screen-content.ts';
import { moderationPortsFromEnvironment, type WiringOverrides } from '#shared/moderation/wiring/context.ts';

/** The content-review queue's worker, with both keys: screening reads the submitted text and matches pseudonymised phones and payment accounts. */
export const contentReviewWorkerHandlerFromEnvironment = (overrides: WiringOverrides = {}) => {
  const env = overrides.env ?? process.env;
  const { ports, logger } = moderationPortsFromEnvironment(overrides, 'content-review-worker', {
    cipher: cipherFromEnvironment(env),
    pseudonyms: pseudonymsFromEnvironment(env),
  });
  return observedHandler(createContentReviewWorker({ screen: (reviewId) => screenContent(ports, reviewId), logger }));
};
