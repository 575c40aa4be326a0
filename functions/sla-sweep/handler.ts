import { slaSweepHandlerFromEnvironment } from '#shared/customer-service/wiring/sla-sweep.ts';

export const handler = slaSweepHandlerFromEnvironment();
