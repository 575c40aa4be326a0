import { slaSweepHandlerFromEnvironment } from '#shared/customer-service/wiring.ts';

export const handler = slaSweepHandlerFromEnvironment();
