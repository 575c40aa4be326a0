import { cursorSealFromEnvironment } from '#shared/crypto/cursor-seal.ts';
import { cipherFromEnvironment } from '#shared/crypto/keys-from-environment.ts';
import { createNotificationsApiHandler } from '#shared/notifications/http/api.ts';
import { createInboxStore } from '#shared/notifications/store/inbox-store.ts';
import { renderMessage } from '#shared/notifications/templates/render.ts';
import { sampleParams } from '#shared/notifications/templates/samples.ts';
import { notificationsFromEnvironment, type NotificationWiringOverrides } from '#shared/notifications/wiring/context.ts';

/** The notifications API function from its environment: it opens inbox items with the data key and seals cursors and unsubscribe tokens with keys derived from the pseudonym key. */
export const notificationsApiHandlerFromEnvironment = (overrides: NotificationWiringOverrides = {}) => {
  const context = notificationsFromEnvironment('notifications', overrides);
  return createNotificationsApiHandler({
    logger: context.logger,
    ports: {
      inbox: createInboxStore(context.table, cipherFromEnvironment(context.env), context.clock),
      preferences: context.preferences,
      figures: context.figures,
      cursors: cursorSealFromEnvironment(context.env),
      unsubscribeSeal: context.unsubscribeSeal,
      clock: context.clock,
      render: renderMessage,
      sampleParams,
      inboxUrl: context.inboxUrl,
      publicBaseUrl: context.publicBaseUrl,
    },
  });
};
