import { notificationSenderFromEnvironment } from '#shared/notifications/wiring/notification-sender.ts';

export const handler = notificationSenderFromEnvironment();
