import * as z from 'zod/mini';
import type { ComplaintOwnerQuery } from '#shared/customer-service/index.ts';
import { notifiedEvents, SUPERVISORS_GROUP } from '#shared/notifications/manifest.ts';
import type { Audience, DomainEventEnvelope, Outgoing, Recipient } from '#shared/notifications/use-cases/ports.ts';

const SOURCE = 'user-protection.customer-service';

const filled = () => z.string().check(z.minLength(1));
const complaintDetail = z.object({ complaintId: filled() });
const receivedDetail = z.extend(complaintDetail, { firstResponseDueAt: filled() });
const respondedDetail = z.extend(complaintDetail, { awaitingUser: z.optional(z.boolean()) });
const resolvedDetail = z.extend(complaintDetail, { reopenUntil: filled() });
const escalatedDetail = z.extend(complaintDetail, { to: z.string(), targets: z.array(z.string()) });

/**
 * What customer service's events mean to people: the person who filed a complaint from their
 * account hears of its receipt, public replies, requests, resolution and closing; a complaint filed
 * by a channel integration is answered through that channel, so its owner gets nothing here.
 * Escalations after a breached target go to the supervisors' group.
 */
export const customerServiceAudience = (complaints: ComplaintOwnerQuery): Audience => {
  /** The filer, when they filed from their account (and the complaint still exists). */
  const filerOf = async (complaintId: string): Promise<Recipient | undefined> => {
    const owner = await complaints.ownerOf(complaintId);
    return owner?.origin === 'account' ? { kind: 'person', sub: owner.ownerId } : undefined;
  };
  const toFiler = async (complaintId: string, message: (recipient: Recipient) => Outgoing): Promise<Outgoing[]> => {
    const recipient = await filerOf(complaintId);
    return recipient ? [message(recipient)] : [];
  };

  const byType: Record<string, (detail: unknown) => Promise<Outgoing[]>> = {
    'complaint.received': (raw) => {
      const d = receivedDetail.parse(raw);
      const params = { reference: d.complaintId, firstResponseDueAt: d.firstResponseDueAt };
      return toFiler(d.complaintId, (recipient) => ({ type: 'complaint-received', params, recipient }));
    },
    'complaint.responded': (raw) => {
      const d = respondedDetail.parse(raw);
      const type = d.awaitingUser ? 'complaint-awaiting-you' : 'complaint-replied';
      return toFiler(d.complaintId, (recipient) => ({ type, params: { reference: d.complaintId }, recipient }));
    },
    'complaint.resolved': (raw) => {
      const d = resolvedDetail.parse(raw);
      const params = { reference: d.complaintId, reopenUntil: d.reopenUntil };
      return toFiler(d.complaintId, (recipient) => ({ type: 'complaint-resolved', params, recipient }));
    },
    'complaint.closed': (raw) => {
      const d = complaintDetail.parse(raw);
      return toFiler(d.complaintId, (recipient) => ({ type: 'complaint-closed', params: { reference: d.complaintId }, recipient }));
    },
    'complaint.escalated': async (raw) => {
      const d = escalatedDetail.parse(raw);
      const params = { reference: d.complaintId, priority: d.to, targets: d.targets.join(', ') };
      return [{ type: 'complaint-escalated', params, recipient: { kind: 'staff-group', group: SUPERVISORS_GROUP } }];
    },
  };

  return {
    source: SOURCE,
    detailTypes: notifiedEvents[SOURCE],
    messagesFor: async (event: DomainEventEnvelope) => (await byType[event['detail-type']]?.(event.detail)) ?? [],
  };
};
