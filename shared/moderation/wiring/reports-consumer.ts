import { observedHandler } from '#shared/observability/metrics.ts';
import { createReportsConsumer } from '#shared/moderation/queues/consumers.ts';
import { triageNotice } from '#shared/moderation/use-cases/triage-notice.ts';
import { moderationPortsFromEnvironment, type WiringOverrides } from '#shared/moderation/wiring/context.ts';

/** The reports queue's consumer. Triage reads no personal data and derives no pseudonyms: neither key is given to it. */
export const reportsConsumerHandlerFromEnvironment = (overrides: WiringOverrides = {}) => {
  const { ports, logger } = moderationPortsFromEnvironment(overrides, 'reports-consumer');
  return observedHandler(createReportsConsumer({ triage: (noticeId) => triageNotice(ports, noticeId), logger }));
};
