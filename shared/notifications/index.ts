/**
 * What other parts of the system may use of the notifications context. It offers nothing to the
 * other contexts: it listens to their domain events (manifest.ts, `notificationEvents`) and asks
 * their published queries who is to be told (audiences/). Its OpenAPI paths are imported from
 * `#shared/notifications/http/openapi.ts` by the document only.
 */

/** The bounded context: the partition of its figures and the name in its logs. */
export const NOTIFICATIONS = 'notifications';

/**
 * The identity provider as a directory (Cognito, or the local stack's file): other contexts count
 * the members of staff groups with it (e.g. the size of a staff audience).
 */
export { directoryFromEnvironment } from '#shared/notifications/directory/directory-from-environment.ts';
