import { readinessHandlerFromEnvironment } from '#shared/platform/wiring/readiness.ts';

export const handler = readinessHandlerFromEnvironment();
