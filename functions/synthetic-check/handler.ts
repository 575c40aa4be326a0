import { syntheticCheckHandlerFromEnvironment } from '#shared/platform/wiring/synthetic-check.ts';

export const handler = syntheticCheckHandlerFromEnvironment();
