import { moderationHandlerFromEnvironment } from '#functions/moderation/wiring.ts';

// Module scope: configuration is validated and clients are created once per container.
export const handler = moderationHandlerFromEnvironment();
