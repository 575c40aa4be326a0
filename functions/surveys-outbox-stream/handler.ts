import { surveysOutboxStreamHandler } from '#shared/surveys/wiring/outbox-stream.ts';

export const handler = surveysOutboxStreamHandler();
