import { platformHandlerFromEnvironment } from '#shared/platform/wiring/platform.ts';

export const handler = platformHandlerFromEnvironment();
