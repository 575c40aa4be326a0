import * as z from 'zod/mini';
import { describe } from '#shared/zod.ts';
import { actions, appealOutcomes, contentTypes, noticeCategories, noticeOutcomes } from '#shared/moderation/domain/index.ts';
import { StatementFieldsSchema } from '#shared/moderation/http/response-schemas/statements.ts';

/**
 * The trust-and-safety section of a person's data export: what they filed and what concerns them,
 * decrypted for them. Moderators' internal notes, case history and other people's data (who else
 * reported the same content, who reported theirs) are left out. A field that was erased (at the
 * person's request, or when its retention ended) is absent and the item carries `erasedAt`.
 */

const time = describe(z.string(), 'An ISO 8601 time (UTC)');
const erasedAt = describe(z.optional(time), 'When the personal fields of this item were erased; they are absent from then on');

const NoticeExportSchema = describe(
  z.object({
    id: describe(z.string(), 'The notice id (ntc_...)'),
    category: z.enum(noticeCategories),
    contentId: describe(z.string(), 'The platform id of the content reported'),
    contentUrl: describe(z.optional(z.string()), 'Where the content is, as you gave it'),
    receivedAt: time,
    status: describe(
      z.enum(['received', 'triaged', 'closed']),
      'received: waiting for triage; triaged: part of a case; closed: the content had been acted on already',
    ),
    outcome: describe(z.enum(noticeOutcomes), 'What came of the notice'),
    decidedAt: z.optional(time),
    action: describe(z.optional(z.enum(actions)), 'The measure taken on the content or account'),
    statementId: describe(z.optional(z.string()), 'The statement of reasons of the measure in force'),
    manifestlyUnfounded: describe(z.optional(z.boolean()), 'The notice was found manifestly unfounded (DSA Art. 23)'),
    explanation: describe(z.optional(z.string()), 'Your explanation, as you wrote it'),
    notifierName: describe(z.optional(z.string()), 'The name you gave'),
    contactEmail: describe(z.optional(z.string()), 'The contact email you gave'),
    erasedAt,
  }),
  'A notice (report) you filed',
);

const AppealExportSchema = describe(
  z.object({
    id: describe(z.string(), 'The appeal id (apl_...)'),
    caseId: z.string(),
    appellant: describe(z.enum(['affected', 'reporter']), 'Whether you appealed as the person affected or as a reporter'),
    appealedAction: z.enum(actions),
    statementId: z.optional(z.string()),
    filedAt: time,
    status: z.enum(['pending', 'decided']),
    outcome: z.optional(z.enum(appealOutcomes)),
    decidedAt: z.optional(time),
    newStatementId: z.optional(z.string()),
    explanation: describe(z.optional(z.string()), 'Your explanation, as you wrote it'),
    decisionExplanation: describe(z.optional(z.string()), 'The reasoned reply to you'),
    erasedAt,
  }),
  'An appeal you filed (DSA Art. 20)',
);

const ContentReviewExportSchema = describe(
  z.object({
    id: describe(z.string(), 'The content review id (rev_...)'),
    contentId: z.string(),
    contentType: z.enum(contentTypes),
    submittedAt: time,
    status: z.enum(['pending', 'approved', 'held', 'human_review', 'rejected']),
    restriction: z.optional(z.enum(['label', 'demote'])),
    decidedBy: z.optional(z.enum(['automated', 'moderator'])),
    decidedAt: z.optional(time),
    statementId: z.optional(z.string()),
    text: describe(z.optional(z.string()), 'The text of your content, as submitted'),
    urls: describe(z.optional(z.array(z.string())), 'The URLs in your content'),
    mediaHashes: describe(z.optional(z.array(z.string())), 'The hashes of the media in your content'),
    erasedAt,
  }),
  'A review before publication of content you wrote',
);

const StatementExportSchema = describe(
  z.extend(StatementFieldsSchema, {
    territorialScope: z.optional(z.array(z.string())),
    contentLanguage: z.optional(z.string()),
    replaces: z.optional(z.string()),
    redress: z.array(z.string()),
  }),
  'A statement of reasons of a measure on your content or account (DSA Art. 17); it holds no personal data and is kept after erasure',
);

const RewardExportSchema = z.object({
  noticeId: z.string(),
  caseId: z.string(),
  points: z.int(),
  status: z.enum(['pending', 'held', 'paid', 'cancelled']),
  dueAt: describe(time, 'When it may be credited: the end of the appeal window of the decision'),
  createdAt: time,
});

export const ModerationDataExportSchema = describe(
  z.object({
    notices: describe(z.array(NoticeExportSchema), 'Notices you filed with an account, oldest first'),
    appeals: describe(z.array(AppealExportSchema), 'Appeals you filed with an account, oldest first'),
    contentReviews: describe(z.array(ContentReviewExportSchema), 'Reviews before publication of content you wrote, oldest first'),
    statementsOfReasons: describe(
      z.array(StatementExportSchema),
      'Statements of reasons of measures concerning your content or account, oldest first',
    ),
    rewards: describe(
      z.object({
        balance: describe(z.int(), 'Points credited to you'),
        rewards: z.array(RewardExportSchema),
        ledger: describe(z.array(z.object({ noticeId: z.string(), points: z.int(), creditedAt: time })), 'Each credit'),
      }),
      'Rewards for reports that led to action',
    ),
    reporterStanding: describe(
      z.optional(
        z.object({
          reputation: z.int(),
          accepted: describe(z.int(), 'Your notices that led to action'),
          rejected: describe(z.int(), 'Your notices that did not'),
          strikes: describe(z.int(), 'Manifestly unfounded notices since the last warning or suspension'),
          warnedAt: z.optional(time),
          suspendedUntil: z.optional(time),
          suspensions: z.int(),
        }),
      ),
      'Your standing as a reporter (DSA Art. 23); absent if none of your notices was decided',
    ),
  }),
  'Trust and safety: what you reported, appealed or submitted for review, and the decisions concerning you',
);

export type ModerationDataExport = z.output<typeof ModerationDataExportSchema>;
