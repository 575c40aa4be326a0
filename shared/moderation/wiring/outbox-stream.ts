import { outboxStreamHandlerFromEnvironment } from '#shared/events/outbox-stream-handler.ts';
import { moderationManifest } from '#shared/moderation/manifest.ts';

/** The stream relay of the moderation table's outbox (shared/events/outbox-stream.ts), as its function's handler. */
export const moderationOutboxStreamHandler = (overrides: { env?: NodeJS.ProcessEnv } = {}) =>
  outboxStreamHandlerFromEnvironment({ table: moderationManifest.tables.moderation, context: moderationManifest.name, service: 'moderation-outbox-stream', env: overrides.env ?? process.env });
