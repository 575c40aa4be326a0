import { outboxStreamHandlerFromEnvironment } from '#shared/events/outbox-stream-handler.ts';
import { surveysManifest } from '#shared/surveys/manifest.ts';

/** The stream relay of the surveys table's outbox (shared/events/outbox-stream.ts), as its function's handler. */
export const surveysOutboxStreamHandler = (overrides: { env?: NodeJS.ProcessEnv } = {}) =>
  outboxStreamHandlerFromEnvironment({ table: surveysManifest.tables.surveys, context: surveysManifest.name, service: 'surveys-outbox-stream', env: overrides.env ?? process.env });
