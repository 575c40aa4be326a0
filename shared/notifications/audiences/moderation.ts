import * as z from 'zod/mini';
import { type IdPrefix, idPattern, idPrefixes } from '#shared/ids.ts';
import type { ModerationContact, ModerationNotificationQuery, StatementNotification } from '#shared/moderation/index.ts';
import type { Redress } from '#shared/notifications/domain/catalogue.ts';
import { notifiedEvents } from '#shared/notifications/manifest.ts';
import type { Audience, DomainEventEnvelope, Outgoing, Recipient } from '#shared/notifications/use-cases/ports.ts';

const SOURCE = 'user-protection.moderation';

const idOf = (prefix: IdPrefix) => z.string().check(z.regex(idPattern(prefix)));
const noticeId = idOf(idPrefixes.notice);
const noticeDetail = z.object({ noticeId });
const suspendedDetail = z.object({ noticeId, until: z.iso.datetime({ offset: true }) });
const caseDetail = z.object({ caseId: idOf(idPrefixes.moderationCase) });
const decisionDetail = z.extend(caseDetail, { statementId: z.optional(idOf(idPrefixes.statement)) });
const appealDetail = z.object({ appealId: idOf(idPrefixes.appeal) });

/** The event's detail as its schema wants it; a malformed event is refused with where it is malformed (never its values). */
const detailOf = <S extends z.ZodMiniType>(schema: S, event: DomainEventEnvelope): z.output<S> => {
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

type ModerationRedress = StatementNotification['redress'];
const redressKinds = { appeal: 'appeal', no_internal_appeal: 'no-internal-appeal', final_on_appeal: 'final-on-appeal' } as const satisfies Record<
  ModerationRedress['kind'],
  Redress
>;
/** The redress facts moderation decided, as the catalogue's parameters: the templates word them per language. */
const redressParams = (r: ModerationRedress) => ({ redress: redressKinds[r.kind], appealUntil: r.kind === 'appeal' ? r.until : '' });

/** DSA Art. 16(5): the decision on a notice, as its notifier is told it (again, when an appeal changed it). */
const noticeDecided = (n: { noticeId: string; notifier: ModerationContact; outcome: string; redress: ModerationRedress }): Outgoing[] => {
  const recipient = recipientOf(n.notifier);
  if (!recipient) return [];
  return [{ type: 'notice-decided', params: { reference: n.noticeId, outcome: kebab(n.outcome), ...redressParams(n.redress) }, recipient }];
};

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
    ...redressParams(s.redress),
    ...(s.endsAt && { endsAt: s.endsAt }),
  };
  return [{ type: 'statement-of-reasons', params, recipient }];
};

type Handler = (moderation: ModerationNotificationQuery, event: DomainEventEnvelope) => Promise<Outgoing[]>;

/** Every notifier of the case hears the decision on their notice; the affected account, its statement of reasons. */
const decisionTaken: Handler = async (moderation, event) => {
  const d = detailOf(decisionDetail, event);
  const [decision, statement] = await Promise.all([moderation.caseDecision(d.caseId), d.statementId ? moderation.statement(d.statementId) : undefined]);
  const toNotifiers = (decision?.notices ?? []).flatMap(noticeDecided);
  return [...toNotifiers, ...statementMessages(statement?.caseId === d.caseId ? statement : undefined)];
};

/** A notice closed because its content had been removed already: its notifier hears that action was taken. */
const noticeClosed: Handler = async (moderation, event) => {
  const closed = await moderation.closedNotice(detailOf(noticeDetail, event).noticeId);
  return closed ? noticeDecided(closed) : [];
};

/** An appeal reversed the action: each notifier hears the decision on their notice now (the appellant hears the outcome on appeal-decided). */
const actionReversed: Handler = async (moderation, event) => {
  const { caseId } = detailOf(caseDetail, event);
  return ((await moderation.caseReversal(caseId))?.notices ?? []).flatMap(noticeDecided);
};

/** The appellant hears the outcome; the affected account, the statement of a lesser measure put in place. */
const appealDecided: Handler = async (moderation, event) => {
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

/**
 * What trust and safety's events mean to people (DSA Art. 16(4), 16(5), 17, 20 and 23): the
 * notifier hears that their notice was received and what was decided on it (also when the notice
 * was closed because its content had been removed already, and again when an appeal reversed the
 * action, since the decision on their notice changed); the account a measure affects receives its
 * statement of reasons; an appellant hears that their appeal was received and its outcome; a
 * reporter hears of a reward credited or cancelled, and of a warning or a suspension for
 * manifestly unfounded notices. Events name records, not people: moderation's query
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
    'moderation.decision-taken': (event) => decisionTaken(moderation, event),
    'moderation.notice-closed': (event) => noticeClosed(moderation, event),
    'moderation.action-reversed': (event) => actionReversed(moderation, event),
    'moderation.appeal-filed': async (event) => {
      const { appealId } = detailOf(appealDetail, event);
      const recipient = recipientOf((await moderation.appeal(appealId))?.appellant);
      return recipient ? [{ type: 'appeal-received', params: { reference: appealId }, recipient }] : [];
    },
    'moderation.appeal-decided': (event) => appealDecided(moderation, event),
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
