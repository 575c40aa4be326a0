import { userPools } from '#shared/manifest/platform.ts';
import type { MessageParams, MessageType } from '#shared/notifications/domain/catalogue.ts';
import type { Outgoing } from '#shared/notifications/use-cases/ports.ts';

/** Whom an announcement is for: the people (users), the staff, or everyone. */
export const broadcastAudiences = ['people', 'staff', 'everyone'] as const;
export type BroadcastAudience = (typeof broadcastAudiences)[number];

/** The staff groups (one per staff role) that make up the staff. */
export const staffGroups: readonly string[] = userPools.staff.roles;

/**
 * The messages of an announcement to a broadcast audience, for any context's audience to return
 * from `messagesFor`:
 * - the staff are told in their inbox and by email, as the members of every staff group (a person
 *   in several groups is told once: deliveries are once per event, message, person and channel);
 * - the people (possibly millions) get no message per person here: one event cannot fan out to
 *   every account in one invocation. They are reached in the app, by the announcing context's
 *   route for what is current (e.g. `GET /v1/security-education/current`), which also counts them.
 */
export const broadcastMessages = <T extends MessageType>(audience: BroadcastAudience, type: T, params: MessageParams[T]): Outgoing[] =>
  audience === 'people' ? [] : staffGroups.map((group) => ({ type, params, recipient: { kind: 'staff-group', group } }) as Outgoing);
