import * as z from 'zod';
import { actions, appealOutcomes, contentTypes, noticeCategories, noticeOutcomes } from '#shared/moderation/domain/index.ts';
import { StatementFieldsSchema } from '#shared/moderation/http/schemas/statements.ts';

/**
 * The trust-and-safety section of a person's data export: what they filed and what concerns them,
 * decrypted for them. Moderators' internal notes, case history and other people's data (who else
 * reported the same content, who reported theirs) are left out. A field that was erased (at the
 * person's request, or when its retention ended) is absent and the item carries `erasedAt`.
 */

const time = z.string().describe('An ISO 8601 time (UTC)');
const erasedAt = time.optional().describe('When the personal fields of this item were erased; they are absent from then on');

const NoticeExportSchema = z
  .object({
    id: z.string().describe('The notice id (ntc_...)'),
    category: z.enum(noticeCategories),
    contentId: z.string().describe('The platform id of the content reported'),
    contentUrl: z.string().optional().describe('Where the content is, as you gave it'),
    receivedAt: time,
    status: z.enum(['received', 'triaged', 'closed']).describe('received: waiting for triage; triaged: part of a case; closed: the content had been acted on already'),
    outcome: z.enum(noticeOutcomes).describe('What came of the notice'),
    decidedAt: time.optional(),
    action: z.enum(actions).optional().describe('The measure taken on the content or account'),
    statementId: z.string().optional().describe('The statement of reasons of the measure in force'),
    manifestlyUnfounded: z.boolean().optional().describe('The notice was found manifestly unfounded (DSA Art. 23)'),
    explanation: z.string().optional().describe('Your explanation, as you wrote it'),
    notifierName: z.string().optional().describe('The name you gave'),
    contactEmail: z.string().optional().describe('The contact email you gave'),
    erasedAt,
  })
  .describe('A notice (report) you filed');

const AppealExportSchema = z
  .object({
    id: z.string().describe('The appeal id (apl_...)'),
    caseId: z.string(),
    appellant: z.enum(['affected', 'reporter']).describe('Whether you appealed as the person affected or as a reporter'),
    appealedAction: z.enum(actions),
    statementId: z.string().optional(),
    filedAt: time,
    status: z.enum(['pending', 'decided']),
    outcome: z.enum(appealOutcomes).optional(),
    decidedAt: time.optional(),
    newStatementId: z.string().optional(),
    explanation: z.string().optional().describe('Your explanation, as you wrote it'),
    decisionExplanation: z.string().optional().describe('The reasoned reply to you'),
    erasedAt,
  })
  .describe('An appeal you filed (DSA Art. 20)');

const ContentReviewExportSchema = z
  .object({
    id: z.string().describe('The content review id (rev_...)'),
    contentId: z.string(),
    contentType: z.enum(contentTypes),
    submittedAt: time,
    status: z.enum(['pending', 'approved', 'held', 'human_review', 'rejected']),
    restriction: z.enum(['label', 'demote']).optional(),
    decidedBy: z.enum(['automated', 'moderator']).optional(),
    decidedAt: time.optional(),
    statementId: z.string().optional(),
    text: z.string().optional().describe('The text of your content, as submitted'),
    urls: z.array(z.string()).optional().describe('The URLs in your content'),
    mediaHashes: z.array(z.string()).optional().describe('The hashes of the media in your content'),
    erasedAt,
  })
  .describe('A review before publication of content you wrote');

const StatementExportSchema = StatementFieldsSchema.extend({
  territorialScope: z.array(z.string()).optional(),
  contentLanguage: z.string().optional(),
  replaces: z.string().optional(),
  redress: z.array(z.string()),
}).describe('A statement of reasons of a measure on your content or account (DSA Art. 17); it holds no personal data and is kept after erasure');

const RewardExportSchema = z.object({
  noticeId: z.string(),
  caseId: z.string(),
  points: z.number().int(),
  status: z.enum(['pending', 'held', 'paid', 'cancelled']),
  dueAt: time.describe('When it may be credited: the end of the appeal window of the decision'),
  createdAt: time,
});

export const ModerationDataExportSchema = z
  .object({
    notices: z.array(NoticeExportSchema).describe('Notices you filed with an account, oldest first'),
    appeals: z.array(AppealExportSchema).describe('Appeals you filed with an account, oldest first'),
    contentReviews: z.array(ContentReviewExportSchema).describe('Reviews before publication of content you wrote, oldest first'),
    statementsOfReasons: z.array(StatementExportSchema).describe('Statements of reasons of measures concerning your content or account, oldest first'),
    rewards: z
      .object({
        balance: z.number().int().describe('Points credited to you'),
        rewards: z.array(RewardExportSchema),
        ledger: z.array(z.object({ noticeId: z.string(), points: z.number().int(), creditedAt: time })).describe('Each credit'),
      })
      .describe('Rewards for reports that led to action'),
    reporterStanding: z
      .object({
        reputation: z.number().int(),
        accepted: z.number().int().describe('Your notices that led to action'),
        rejected: z.number().int().describe('Your notices that did not'),
        strikes: z.number().int().describe('Manifestly unfounded notices since the last warning or suspension'),
        warnedAt: time.optional(),
        suspendedUntil: time.optional(),
        suspensions: z.number().int(),
      })
      .optional()
      .describe('Your standing as a reporter (DSA Art. 23); absent if none of your notices was decided'),
  })
  .describe('Trust and safety: what you reported, appealed or submitted for review, and the decisions concerning you');

export type ModerationDataExport = z.output<typeof ModerationDataExportSchema>;
