import type { Caller } from '#shared/auth/caller.ts';
import type { Clock } from '#shared/clock.ts';
import type { FiguresStore } from '#shared/figures/store.ts';
import { figuresRangeOf, type FiguresQuerySchema } from '#shared/figures/query.ts';
import { problems } from '#shared/http/problem.ts';
import type * as z from 'zod/mini';
import {
  categoryNames,
  channels,
  messageCategories,
  messageTypes,
  type CommonParams,
  type Locale,
  type MessageParams,
  type MessageType,
  type RenderedMessage,
} from '#shared/notifications/domain/catalogue.ts';
import { latencyQuantileMs } from '#shared/notifications/domain/latency.ts';
import { notificationStaffRoles } from '#shared/notifications/manifest.ts';

const requireStaff = (caller: Pick<Caller, 'roles'>, what: string) => {
  if (!caller.roles.some((role) => (notificationStaffRoles as readonly string[]).includes(role))) {
    throw problems.forbidden(`${what}: for ${notificationStaffRoles.join(' and ')} staff only.`);
  }
};

export interface PreviewPorts {
  render: <T extends MessageType>(type: T, locale: Locale, params: MessageParams[T] & CommonParams) => RenderedMessage;
  sampleParams: { [T in MessageType]: MessageParams[T] };
  inboxUrl: string;
  publicBaseUrl: string;
}

/** A template rendered with sample data, for comms staff to read before it goes out (unknown type: 404). */
export const previewTemplate = (ports: PreviewPorts, caller: Pick<Caller, 'roles'>, type: string, locale: Locale) => {
  requireStaff(caller, 'Template previews');
  if (!(messageTypes as string[]).includes(type)) throw problems.notFound(`No message type ${type}.`);
  const messageType = type as MessageType;
  const rendered = ports.render(messageType, locale, {
    ...ports.sampleParams[messageType],
    inboxUrl: ports.inboxUrl,
    unsubscribeUrl: `${ports.publicBaseUrl.replace(/\/$/, '')}/v1/unsubscribe?token=SAMPLE`,
  } as never);
  return { type: messageType, category: messageCategories[messageType], locale, ...rendered };
};

const byCategoryAndChannel = (counters: Record<string, number>, prefix: string) =>
  Object.fromEntries(
    categoryNames.map((category) => [category, Object.fromEntries(channels.map((channel) => [channel, counters[`${prefix}#${category}#${channel}`] ?? 0]))]),
  );

/**
 * The notification figures of a range of periods, kept as things happened: sent, delivered,
 * bounced, complained, suppressed and turned off, per category and channel, and the time from an
 * event to its messages (p50, p95, in milliseconds, as the upper edge of a histogram bucket).
 */
export const notificationFigures = async (
  ports: { figures: Pick<FiguresStore, 'range'>; clock: Clock },
  caller: Pick<Caller, 'roles'>,
  query: z.output<typeof FiguresQuerySchema>,
) => {
  requireStaff(caller, 'Notification figures');
  const resolved = figuresRangeOf(query, ports.clock.now());
  const periods = await ports.figures.range(resolved.granularity, resolved.from, resolved.to);
  return {
    ...resolved,
    periods: periods.map(({ period, counters }) => ({
      period,
      sent: byCategoryAndChannel(counters, 'sent'),
      delivered: byCategoryAndChannel(counters, 'delivered'),
      bounced: byCategoryAndChannel(counters, 'bounced'),
      complained: byCategoryAndChannel(counters, 'complained'),
      suppressed: byCategoryAndChannel(counters, 'suppressed'),
      turnedOff: byCategoryAndChannel(counters, 'skipped'),
      timeToSendMs: { p50: latencyQuantileMs(counters, 0.5), p95: latencyQuantileMs(counters, 0.95) },
    })),
  };
};
