import { customerServiceOutboxStreamHandler } from '#shared/customer-service/wiring/outbox-stream.ts';

export const handler = customerServiceOutboxStreamHandler();
