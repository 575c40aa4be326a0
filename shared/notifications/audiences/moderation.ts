import { z } from 'zod';
import { idPattern, idPrefixes } from '#shared/ids.ts';
import type { ModerationContact, ModerationNotificationQuery, StatementNotification } from '#shared/moderation/index.ts';
import { notifiedEvents } from '#shared/notifications/manifest.ts';
import type { Audience, DomainEventEnvelope, Outgoing, Recipient } from '#shared/notifications/use-cases/ports.ts';

const SOURCE = 'user-protection.moderation';

const noticeId = z.string().regex(idPattern(idPrefixes.notice));
const noticeDetail = z.object({ noticeId });
const suspendedDetail = z.object({ noticeId, until: z.iso.datetime({ offset: true }) });
const decisionDetail = z.object({
  caseId: z.string().regex(idPattern(idPrefixes.moderationCase)),
  statementId: z.string().regex(idPattern(idPrefixes.statement)).optional(),
});
const appealDetail = z.object({ appealId: z.string().regex(idPattern(idPrefixes.appeal)) });

/** The event's detail as its schema wants it; a malformed event is refused with where it is malformed (never its values). */
const detailOf = <S extends z.ZodType>(schema: S, event: DomainEventEnvelope): z.output<S> => {
  const parsed = schema.safeParse(event.detail);
  if (parsed.success) return parsed.data;
  const where = parsed.error.issues.map((issue) => `detail.${issue.path.join('.')}: ${issue.message}`).join('; ');
  throw new Error(`Malformed ${event['detail-type']} event ${event.id}: ${where}`);
};

/** An account is a person of the directory; a contact email is written to as it is. */
const recipientOf = (contact: ModerationContact | undefined): Recipient | undefined => {
  if (!contact) return undefined;
  return contact.kind === 'account' ? { kind: 'person', sub: contact.accountId } : { kind: 'address', address: contact.email };
};

/** Trust and safety's codes (`suspend_account`, `not_automated`) in the catalogue's kebab case. */
const kebab = (code: string) => code.replaceAll('_', '-');

const appealOutcomes = { upheld: 'upheld', reversed: 'reversed', partly_reversed: 'partly' } as const;

/** DSA Art. 17: the statement of reasons, to the account the measure affects (none when the content has no known author). */
const statementMessages = (s: StatementNotification | undefined): Outgoing[] => {
  const recipient = recipientOf(s?.affected);
  if (!s || !recipient) return [];
  const params = {
    reference: s.statementId,
    restriction: kebab(s.action),
    groundType: s.ground,
    ground: `${s.groundReference} — ${s.groundExplanation}`,
    facts: s.facts,
    automatedDetection: s.automatedDetection ? 'yes' : 'no',
    automatedDecision: kebab(s.automatedDecision),
    redress: s.redress,
    ...(s.endsAt && { endsAt: s.endsAt }),
  };
  return [{ type: 'statement-of-reasons', params, recipient }];
};

/**
 * What trust and safety's events mean to people (DSA Art. 16(4), 16(5), 17, 20 and 23): the
 * notifier hears that their notice was received and what was decided on it; the account a measure
 * affects receives its statement of reasons; an appellant hears that their appeal was received
 * and its outcome; a reporter hears of a reward credited or cancelled, and of a warning or a
 * suspension for manifestly unfounded notices. Events name records, not people: moderation's query
 * says who is concerned. A notifier with an account is a person; one without is written to at the
 * contact email they gave; someone with neither gets nothing. An id the query does not know sends
 * nothing; a malformed event is an error (the sender retries it, then dead-letters it).
 */
export const moderationAudience = (moderation: ModerationNotificationQuery): Audience => {
  /** One message to the notifier of a notice, if they can be reached. */
  const toNotifier = async (id: string, message: (recipient: Recipient) => Outgoing): Promise<Outgoing[]> => {
    const recipient = recipientOf((await moderation.notice(id))?.notifier);
    return recipient ? [message(recipient)] : [];
  };

  const decisionTaken = async (event: DomainEventEnvelope): Promise<Outgoing[]> => {
    const d = detailOf(decisionDetail, event);
    const [decision, statement] = await Promise.all([moderation.caseDecision(d.caseId), d.statementId ? moderation.statement(d.statementId) : undefined]);
    const toNotifiers: Outgoing[] = (decision?.notices ?? []).flatMap((n) => {
      const recipient = recipientOf(n.notifier);
      if (!recipient) return [];
      return [{ type: 'notice-decided' as const, params: { reference: n.noticeId, outcome: kebab(n.outcome), redress: n.redress }, recipient }];
    });
    return [...toNotifiers, ...statementMessages(statement?.caseId === d.caseId ? statement : undefined)];
  };

  const appealDecided = async (event: DomainEventEnvelope): Promise<Outgoing[]> => {
    const { appealId } = detailOf(appealDetail, event);
    const appeal = await moderation.appeal(appealId);
    if (!appeal?.outcome) return [];
    const recipient = recipientOf(appeal.appellant);
    const replacement = appeal.replacementStatementId ? await moderation.statement(appeal.replacementStatementId) : undefined;
    return [
      ...(recipient ? [{ type: 'appeal-decided' as const, params: { reference: appealId, outcome: appealOutcomes[appeal.outcome] }, recipient }] : []),
      ...statementMessages(replacement),
    ];
  };

  /** The reporter of a reward in the state the event says (a reward credited is paid; one cancelled, cancelled). */
  const toRewarded = async (event: DomainEventEnvelope, type: 'reward-granted' | 'reward-cancelled'): Promise<Outgoing[]> => {
    const d = detailOf(noticeDetail, event);
    const reward = await moderation.reward(d.noticeId);
    const recipient = recipientOf(reward?.reporter);
    if (!reward || !recipient || reward.status !== (type === 'reward-granted' ? 'paid' : 'cancelled')) return [];
    return [{ type, params: { reference: reward.noticeId, points: String(reward.points) }, recipient }];
  };

  const byType: Record<(typeof notifiedEvents)[typeof SOURCE][number], (event: DomainEventEnvelope) => Promise<Outgoing[]>> = {
    'moderation.notice-received': async (event) => {
      const d = detailOf(noticeDetail, event);
      return toNotifier(d.noticeId, (recipient) => ({ type: 'notice-received', params: { reference: d.noticeId }, recipient }));
    },
    'moderation.decision-taken': decisionTaken,
    'moderation.appeal-filed': async (event) => {
      const { appealId } = detailOf(appealDetail, event);
      const recipient = recipientOf((await moderation.appeal(appealId))?.appellant);
      return recipient ? [{ type: 'appeal-received', params: { reference: appealId }, recipient }] : [];
    },
    'moderation.appeal-decided': appealDecided,
    'moderation.reward-credited': (event) => toRewarded(event, 'reward-granted'),
    'moderation.reward-cancelled': (event) => toRewarded(event, 'reward-cancelled'),
    'moderation.reporter-warned': async (event) => {
      const d = detailOf(noticeDetail, event);
      return toNotifier(d.noticeId, (recipient) => ({ type: 'misuse-warning', params: { reference: d.noticeId }, recipient }));
    },
    'moderation.reporter-suspended': async (event) => {
      const d = detailOf(suspendedDetail, event);
      return toNotifier(d.noticeId, (recipient) => ({ type: 'misuse-suspension', params: { reference: d.noticeId, until: d.until }, recipient }));
    },
  };

  return {
    source: SOURCE,
    detailTypes: notifiedEvents[SOURCE],
    messagesFor: (event: DomainEventEnvelope) =>
      Object.hasOwn(byType, event['detail-type']) ? byType[event['detail-type'] as keyof typeof byType](event) : Promise.resolve([]),
  };
};
