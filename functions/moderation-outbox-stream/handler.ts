import { moderationOutboxStreamHandler } from '#shared/moderation/wiring/outbox-stream.ts';

export const handler = moderationOutboxStreamHandler();
