import { moderationOutboxRelayFromEnvironment } from '#functions/moderation-outbox-relay/app.ts';

export const handler = moderationOutboxRelayFromEnvironment();
