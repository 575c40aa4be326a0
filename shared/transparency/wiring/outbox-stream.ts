import { outboxStreamHandlerFromEnvironment } from '#shared/events/outbox-stream-handler.ts';
import { transparencyManifest } from '#shared/transparency/manifest.ts';

/** The stream relay of the transparency table's outbox (shared/events/outbox-stream.ts), as its function's handler. */
export const transparencyOutboxStreamHandler = (overrides: { env?: NodeJS.ProcessEnv } = {}) =>
  outboxStreamHandlerFromEnvironment({ table: transparencyManifest.tables.transparency, context: transparencyManifest.name, service: 'transparency-outbox-stream', env: overrides.env ?? process.env });
