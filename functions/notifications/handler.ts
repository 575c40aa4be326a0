import { notificationsApiHandlerFromEnvironment } from '#shared/notifications/wiring/notifications-api.ts';

export const handler = notificationsApiHandlerFromEnvironment();
