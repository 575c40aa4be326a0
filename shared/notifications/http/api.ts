import type { Logger } from '@aws-lambda-powertools/logger';
import { FiguresQuerySchema } from '#shared/figures/query.ts';
import { createApiHandler } from '#shared/http/api-handler.ts';
import { readJsonBody, readPath, readQuery } from '#shared/http/request.ts';
import { json } from '#shared/http/response.ts';
import type { Clock } from '#shared/clock.ts';
import type { CursorSeal } from '#shared/crypto/cursor-seal.ts';
import type { FiguresStore } from '#shared/figures/store.ts';
import {
  InboxQuerySchema,
  NotificationIdPathSchema,
  PreferenceChangeSchema,
  PreviewQuerySchema,
  TemplateTypePathSchema,
  UnsubscribeQuerySchema,
} from '#shared/notifications/http/schemas.ts';
import { unsubscribePage } from '#shared/notifications/http/unsubscribe-page.ts';
import { notificationsManifest } from '#shared/notifications/manifest.ts';
import type { InboxStore } from '#shared/notifications/store/inbox-store.ts';
import type { PreferenceStore } from '#shared/notifications/store/preference-store.ts';
import { listInbox, markAllRead, markRead } from '#shared/notifications/use-cases/inbox.ts';
import { getPreferences, updatePreferences } from '#shared/notifications/use-cases/preferences.ts';
import { notificationFigures, previewTemplate, type PreviewPorts } from '#shared/notifications/use-cases/staff-views.ts';
import { openUnsubscribeToken, unsubscribe } from '#shared/notifications/use-cases/unsubscribe.ts';
import type { PreferenceChange } from '#shared/notifications/domain/preferences.ts';

export interface NotificationsApiPorts extends PreviewPorts {
  inbox: InboxStore;
  preferences: PreferenceStore;
  figures: Pick<FiguresStore, 'range'>;
  cursors: CursorSeal;
  unsubscribeSeal: CursorSeal;
  clock: Clock;
}

/** The notifications function: the inbox, preferences, one-click unsubscribe, template previews and figures. */
export const createNotificationsApiHandler = (deps: { ports: NotificationsApiPorts; logger: Logger }) => {
  const { ports } = deps;
  const preferencePorts = { preferences: ports.preferences, clock: ports.clock };
  const unsubscribePorts = { seal: ports.unsubscribeSeal, ...preferencePorts };
  return createApiHandler({
    logger: deps.logger,
    routes: notificationsManifest.routes,
    handlers: {
      'GET /v1/me/notifications': async ({ event, caller }) => json(200, await listInbox(ports, caller, readQuery(event, InboxQuerySchema))),
      'POST /v1/me/notifications/{id}/read': async ({ event, caller }) => {
        await markRead(ports, caller, readPath(event, NotificationIdPathSchema).id);
        return { statusCode: 204, headers: { 'cache-control': 'no-store' } };
      },
      'POST /v1/me/notifications/read-all': async ({ caller }) => json(200, await markAllRead(ports, caller)),
      'GET /v1/me/notification-preferences': async ({ caller }) => json(200, await getPreferences(preferencePorts, caller)),
      'PUT /v1/me/notification-preferences': async ({ event, caller }) => {
        const { categories } = readJsonBody(event, PreferenceChangeSchema);
        return json(200, await updatePreferences(preferencePorts, caller, categories as PreferenceChange));
      },
      'GET /v1/unsubscribe': async ({ event }) => {
        const { token } = readQuery(event, UnsubscribeQuerySchema);
        const { category } = await openUnsubscribeToken(ports.unsubscribeSeal, token);
        return unsubscribePage(token, category);
      },
      // RFC 8058: the body is always `List-Unsubscribe=One-Click` (form-encoded); the token says everything.
      'POST /v1/unsubscribe': async ({ event }) => json(200, await unsubscribe(unsubscribePorts, readQuery(event, UnsubscribeQuerySchema).token)),
      'GET /v1/notification-templates/{type}/preview': async ({ event, caller }) =>
        json(200, previewTemplate(ports, caller, readPath(event, TemplateTypePathSchema).type, readQuery(event, PreviewQuerySchema).locale)),
      'GET /v1/figures/notifications': async ({ event, caller }) =>
        json(200, await notificationFigures(ports, caller, readQuery(event, FiguresQuerySchema))),
    },
  });
};
