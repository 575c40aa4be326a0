import { emailFeedbackHandlerFromEnvironment } from '#shared/notifications/wiring/email-feedback.ts';

export const handler = emailFeedbackHandlerFromEnvironment();
