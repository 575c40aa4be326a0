import { reportsConsumerHandlerFromEnvironment } from '#shared/moderation/wiring/reports-consumer.ts';

export const handler = reportsConsumerHandlerFromEnvironment();
