import type { Locale } from '#shared/notifications/domain/catalogue.ts';

/**
 * The environment of the notifications functions, beyond the tables, queues and keys every
 * function receives. The CDK stack sets these in AWS; the local stack points them at its
 * emulators and its user directory file.
 */
export const notificationsEnv = {
  /** The address emails are sent from (an SES-verified identity in AWS). */
  fromAddress: 'NOTIFICATIONS_FROM_ADDRESS',
  /** The SES configuration set every email is sent with (its event destination carries the feedback); absent locally. */
  configurationSet: 'SES_CONFIGURATION_SET',
  /** The public base URL of the API (the CloudFront distribution), for one-click unsubscribe links. */
  publicApiBaseUrl: 'PUBLIC_API_BASE_URL',
  /** Where a person reads their inbox in the app: the link every message carries. */
  inboxUrl: 'APP_INBOX_URL',
  /** The locale of people whose profile names none the platform speaks. */
  defaultLocale: 'NOTIFICATIONS_DEFAULT_LOCALE',
  /** The Cognito pools of the directory (AWS): people by subject; staff by subject and group. */
  peoplePoolId: 'PEOPLE_USER_POOL_ID',
  staffPoolId: 'STAFF_USER_POOL_ID',
  /** Local stack only: the user directory file the token CLI fills (instead of Cognito). */
  localUserDirectoryFile: 'LOCAL_USER_DIRECTORY_FILE',
} as const;

/** The platform's default locale when the environment names none. */
export const FALLBACK_LOCALE: Locale = 'en';
