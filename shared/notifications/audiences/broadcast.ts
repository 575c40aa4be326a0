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
 * - the staff, as the members of every staff group (a person in several groups is told once:
 *   deliveries are once per event, message, person and channel);
 * - the people (possibly millions), as `people`: the sender goes through the people's pool one
 *   directory page per queue message, each person told as any person is (inbox, and email where
 *   their preferences allow).
 */
export const broadcastMessages = <T extends MessageType>(audience: BroadcastAudience, type: T, params: MessageParams[T]): Outgoing[] => {
  const staff = staffGroups.map((group) => ({ type, params, recipient: { kind: 'staff-group', group } }) as Outgoing);
  const people = { type, params, recipient: { kind: 'people' } } as Outgoing;
  if (audience === 'staff') return staff;
  return audience === 'people' ? [people] : [...staff, people];
};
