import { transparencyOutboxStreamHandler } from '#shared/transparency/wiring/outbox-stream.ts';

export const handler = transparencyOutboxStreamHandler();
