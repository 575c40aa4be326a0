import type { Role } from '#shared/manifest/platform.ts';
import type { ContextManifest, RouteLimit } from '#shared/manifest/types.ts';
import { pkSkKey, stringIndex } from '#shared/manifest/keys.ts';

/** Who may preview templates and read the notification figures. */
export const notificationStaffRoles = ['comms', 'admin'] as const satisfies readonly Role[];

/** The staff group told of escalated complaints (a Cognito group of the staff pool; locally `npm run token -- --group`). */
export const SUPERVISORS_GROUP = 'supervisors';

/** One-click unsubscribes per source address: mail clients post once; a flood is refused. */
const unsubscribeLimit = { perCaller: 30, per: 'minute' } as const satisfies RouteLimit;

/**
 * The domain events that concern people, by source: the rule below routes exactly these into the
 * notifications queue (the audiences in `audiences/` are held to the same list by a unit test).
 */
export const notifiedEvents = {
  'user-protection.customer-service': ['complaint.received', 'complaint.responded', 'complaint.resolved', 'complaint.closed', 'complaint.escalated'],
  'user-protection.moderation': [
    'moderation.notice-received',
    'moderation.decision-taken',
    'moderation.notice-closed',
    'moderation.action-reversed',
    'moderation.appeal-filed',
    'moderation.appeal-decided',
    'moderation.reward-credited',
    'moderation.reward-cancelled',
    'moderation.reporter-warned',
    'moderation.reporter-suspended',
  ],
  'user-protection.surveys': ['survey.invited', 'survey.reminder-due'],
  'user-protection.security': ['security.education-campaign-started'],
  'user-protection.transparency': ['transparency.privacy-policy-published'],
} as const;

/**
 * Notifications: the one way the platform speaks to people. Domain events reach the notifications
 * queue through an EventBridge rule; the sender turns each into messages (per recipient and
 * channel, at most once), into the in-app inbox and by email through SES. SES's delivery feedback
 * (bounces, complaints) comes back through SNS into the suppression list.
 * Plain data, no CDK: infra/manifest.ts composes it with the other contexts'.
 */
export const notificationsManifest = {
  name: 'notifications',
  tables: {
    notifications: {
      logicalId: 'NotificationsTable',
      localName: 'notifications',
      envVar: 'NOTIFICATIONS_TABLE_NAME',
      ...pkSkKey,
      globalIndexes: [stringIndex('unread', 'unreadPk', 'unreadSk'), stringIndex('recipient', 'recipientPk', 'recipientSk')],
      timeToLiveAttribute: 'expiresAt',
      accessPatterns: [
        "a person's inbox, newest first: Query pk=PERSON#<sub>, descending sk begins_with ITEM#",
        "a person's unread count: GetItem pk=PERSON#<sub>, sk=UNREAD (updated in the same transaction as the items)",
        "a person's unread items (sparse: unread ones only): Query unread unreadPk=PERSON#<sub>",
        'mark one read: conditional UpdateItem of the item (attribute_exists(unreadPk)) with the counter, in a transaction',
        'one delivery per (event, message, recipient, channel): conditional PutItem pk=DELIVERY#<event id>, sk=<type>#<recipient key>#<channel>, expiring after 30 days',
        "the delivery markers that name a recipient, to erase them: Query recipient recipientPk=<recipient key> (PERSON#<sub> or ADDRESS#<pseudonym>), then DeleteItem each",
        "everything of a person's partition, for a copy or to erase it: Query pk=PERSON#<sub> (inbox items, the unread counter, preferences); inbox items expire whole 12 months after delivery (expiresAt)",
        'the record of a sent email, for its delivery feedback: GetItem / UpdateItem pk=EMAIL#<SES message id>, sk=EMAIL',
        "a recipient's preferences: GetItem / PutItem pk=PERSON#<sub> or ADDRESS#<pseudonym>, sk=PREFERENCES",
        'an address that bounced or complained: GetItem / PutItem pk=SUPPRESSED#<pseudonym of the address>, sk=SUPPRESSED',
      ],
    },
  },
  queues: {
    notifications: {
      logicalId: 'NotificationsQueue',
      localName: 'notifications',
      envVar: 'NOTIFICATIONS_QUEUE_URL',
      visibilityTimeoutSeconds: 180,
      maxReceiveCount: 5,
      retentionDays: 4,
      purpose: 'domain events that concern people, waiting to become inbox items and emails',
    },
  },
  functions: {
    notificationSender: {
      logicalId: 'NotificationSenderFunction',
      entry: 'functions/notification-sender/handler.ts',
      description: 'Consumer of the notifications queue: inbox items and emails, once per event, recipient and channel',
      memorySize: 512,
      timeoutSeconds: 30,
      tables: { notifications: 'readWrite', figures: 'readWrite', complaints: 'read', moderation: 'read', surveys: 'read' },
      // Seals inbox items; opens a notifier's contact email to write to it.
      usesDataKey: true,
      // Pseudonyms of email addresses (suppression, preferences) and the key of unsubscribe tokens.
      usesPseudonymKey: true,
      consumes: { queue: 'notifications', batchSize: 10, maxBatchingWindowSeconds: 1 },
      // The next page of a message to every person goes back to its own queue.
      sendsTo: ['notifications'],
    },
    notifications: {
      logicalId: 'NotificationsFunction',
      entry: 'functions/notifications/handler.ts',
      description: 'The inbox, notification preferences, one-click unsubscribe, template previews and the figures',
      memorySize: 512,
      timeoutSeconds: 10,
      tables: { notifications: 'readWrite', figures: 'read', requestLimits: 'readWrite' },
      usesDataKey: true,
      usesPseudonymKey: true,
    },
    emailFeedback: {
      logicalId: 'EmailFeedbackFunction',
      entry: 'functions/email-feedback/handler.ts',
      description: "SES delivery feedback through SNS: deliveries, bounces and complaints; suppresses addresses that bounce or complain",
      memorySize: 256,
      timeoutSeconds: 30,
      tables: { notifications: 'readWrite', figures: 'readWrite' },
      usesDataKey: false,
      usesPseudonymKey: true,
    },
  },
  routes: [
    { method: 'GET', path: '/v1/me/notifications', function: 'notifications', caller: 'person' },
    { method: 'POST', path: '/v1/me/notifications/{id}/read', function: 'notifications', caller: 'person' },
    { method: 'POST', path: '/v1/me/notifications/read-all', function: 'notifications', caller: 'person' },
    { method: 'GET', path: '/v1/me/notification-preferences', function: 'notifications', caller: 'person' },
    { method: 'PUT', path: '/v1/me/notification-preferences', function: 'notifications', caller: 'person' },
    { method: 'GET', path: '/v1/unsubscribe', function: 'notifications', caller: 'public', limit: unsubscribeLimit },
    { method: 'POST', path: '/v1/unsubscribe', function: 'notifications', caller: 'public', limit: unsubscribeLimit },
    { method: 'GET', path: '/v1/notification-templates/{type}/preview', function: 'notifications', caller: 'person', roles: notificationStaffRoles },
    { method: 'GET', path: '/v1/figures/notifications', function: 'notifications', caller: 'person', roles: notificationStaffRoles },
  ],
  jobs: {},
  eventRules: {
    notificationEvents: {
      logicalId: 'NotificationEventsRule',
      queue: 'notifications',
      sources: Object.keys(notifiedEvents) as (keyof typeof notifiedEvents)[],
      detailTypes: Object.values(notifiedEvents).flat(),
      description: 'Every domain event that concerns a person goes to the notifications queue',
      retryAttempts: 8,
      maxEventAgeHours: 24,
    },
  },
} as const satisfies ContextManifest;
