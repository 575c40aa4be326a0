import { createReportsConsumer } from '#functions/reports-consumer/app.ts';
import { moderationServiceFromEnvironment } from '#functions/moderation/service-wiring.ts';

// Triage reads no personal data and derives no pseudonyms: neither key is given to it.
export const handler = createReportsConsumer(moderationServiceFromEnvironment({}, 'reports-consumer'));
