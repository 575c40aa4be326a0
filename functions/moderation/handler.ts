import { moderationApiHandlerFromEnvironment } from '#shared/moderation/wiring/api.ts';

export const handler = moderationApiHandlerFromEnvironment();
