import type * as z from 'zod/mini';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { FiguresQuerySchema } from '#shared/figures/query.ts';
import { authenticatedErrors, problem, tooManyRequests } from '#shared/http/problem-schema.ts';
import {
  InboxQuerySchema,
  NotificationIdPathSchema,
  PreferenceChangeSchema,
  PreviewQuerySchema,
  TemplateTypePathSchema,
  UnsubscribeQuerySchema,
} from '#shared/notifications/http/schemas.ts';
import {
  InboxPageSchema,
  MarkedSchema,
  NotificationFiguresSchema,
  PreferencesSchema,
  TemplatePreviewSchema,
  UnsubscribedSchema,
} from '#shared/notifications/http/response-schemas.ts';

const json = <S extends z.ZodMiniType>(schema: S) => ({ content: { 'application/json': { schema } } });
const personOnly = problem('Integration clients have no inbox or preferences');
const badToken = problem('The link is not valid: changed, expired or not from the platform');

/** The notifications context's paths of the OpenAPI document. */
export const notificationPaths: ZodOpenApiPathsObject = {
  '/v1/me/notifications': {
    get: {
      operationId: 'listMyNotifications',
      summary: 'Your in-app inbox, newest first, with the number of unread notifications',
      requestParams: { query: InboxQuerySchema },
      responses: { '200': { description: 'A page of your inbox', ...json(InboxPageSchema) }, ...authenticatedErrors, '403': personOnly },
    },
  },
  '/v1/me/notifications/{id}/read': {
    post: {
      operationId: 'markNotificationRead',
      summary: 'Mark one notification read (again is fine)',
      requestParams: { path: NotificationIdPathSchema },
      responses: {
        '204': { description: 'Read' },
        ...authenticatedErrors,
        '403': personOnly,
        '404': problem('No such notification in your inbox'),
      },
    },
  },
  '/v1/me/notifications/read-all': {
    post: {
      operationId: 'markAllNotificationsRead',
      summary: 'Mark every notification read',
      responses: { '200': { description: 'How many were marked', ...json(MarkedSchema) }, ...authenticatedErrors, '403': personOnly },
    },
  },
  '/v1/me/notification-preferences': {
    get: {
      operationId: 'getMyNotificationPreferences',
      summary: 'Which categories reach you on which channel; required ones cannot be turned off',
      responses: { '200': { description: 'Your preferences', ...json(PreferencesSchema) }, ...authenticatedErrors, '403': personOnly },
    },
    put: {
      operationId: 'updateMyNotificationPreferences',
      summary: 'Turn categories on or off per channel',
      requestBody: json(PreferenceChangeSchema),
      responses: {
        '200': { description: 'Your preferences now', ...json(PreferencesSchema) },
        ...authenticatedErrors,
        '403': personOnly,
        '409': problem('A required category (legal notices) cannot be turned off; nothing was changed'),
        '413': problem('Body larger than 64 KiB'),
        '415': problem('Body not sent as application/json'),
      },
    },
  },
  '/v1/unsubscribe': {
    get: {
      operationId: 'showUnsubscribe',
      summary: 'The page an unsubscribe link opens: it asks to confirm (a GET changes nothing, so link scanners unsubscribe nobody)',
      security: [],
      requestParams: { query: UnsubscribeQuerySchema },
      responses: {
        '200': { description: 'A confirmation page with a one-click button', content: { 'text/html': { schema: { type: 'string' } } } },
        '400': badToken,
        '429': tooManyRequests(),
        '500': authenticatedErrors['500'],
      },
    },
    post: {
      operationId: 'unsubscribe',
      summary: 'One-click unsubscribe (RFC 8058): turns the link’s category off by email, without a login',
      security: [],
      requestParams: { query: UnsubscribeQuerySchema },
      responses: {
        '200': { description: 'Unsubscribed (again is fine)', ...json(UnsubscribedSchema) },
        '400': badToken,
        '429': tooManyRequests(),
        '500': authenticatedErrors['500'],
      },
    },
  },
  '/v1/notification-templates/{type}/preview': {
    get: {
      operationId: 'previewNotificationTemplate',
      summary: 'Comms and admins: a message type rendered with sample data, in a locale',
      requestParams: { path: TemplateTypePathSchema, query: PreviewQuerySchema },
      responses: {
        '200': { description: 'The subject, text and HTML', ...json(TemplatePreviewSchema) },
        ...authenticatedErrors,
        '403': problem('For comms and admin staff only'),
        '404': problem('No such message type'),
      },
    },
  },
  '/v1/figures/notifications': {
    get: {
      operationId: 'getNotificationFigures',
      summary: 'Comms and admins: notifications sent, delivered, bounced, suppressed per category and channel; time to send',
      requestParams: { query: FiguresQuerySchema },
      responses: {
        '200': { description: 'The figures per period', ...json(NotificationFiguresSchema) },
        ...authenticatedErrors,
        '403': problem('For comms and admin staff only'),
      },
    },
  },
};
