import { moderationOutboxRelayHandlerFromEnvironment } from '#shared/moderation/wiring/outbox-relay.ts';

export const handler = moderationOutboxRelayHandlerFromEnvironment();
