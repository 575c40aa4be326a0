import { transparencyOutboxRelayHandlerFromEnvironment } from '#shared/transparency/wiring/outbox-relay.ts';

export const handler = transparencyOutboxRelayHandlerFromEnvironment();
