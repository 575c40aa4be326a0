import { outboxStreamHandlerFromEnvironment } from '#shared/events/outbox-stream-handler.ts';
import { customerServiceManifest } from '#shared/customer-service/manifest.ts';

/** The stream relay of the complaints table's outbox (shared/events/outbox-stream.ts), as its function's handler. */
export const customerServiceOutboxStreamHandler = (overrides: { env?: NodeJS.ProcessEnv } = {}) =>
  outboxStreamHandlerFromEnvironment({ table: customerServiceManifest.tables.complaints, context: customerServiceManifest.name, service: 'customer-service-outbox-stream', env: overrides.env ?? process.env });
