import { readingRoles, type AccessLog } from '#shared/access-log/index.ts';
import type { Caller } from '#shared/auth/caller.ts';
import type { PersonalDataCipher } from '#shared/crypto/personal-data.ts';
import { NotFoundError } from '#shared/errors.ts';
import { surveyStaffRoles } from '#shared/surveys/domain/roles.ts';
import type { CampaignStore, CommentStore } from '#shared/surveys/use-cases/ports.ts';
import { requireRole } from '#shared/surveys/use-cases/require-role.ts';
import { RESPONSE_ENTITY } from '#shared/surveys/use-cases/survey-views.ts';

interface CampaignCommentsDeps {
  campaigns: Pick<CampaignStore, 'get'>;
  comments: CommentStore;
  cipher: Pick<PersonalDataCipher, 'open'>;
  accessLog: AccessLog;
}

/**
 * A campaign's free-text answers for the staff who act on the feedback
 * (GET /v1/survey-campaigns/{id}/comments): a page of them, decrypted, without who wrote them.
 * Each read needs a reason and is recorded in the access log (who, when, why) before anything is decrypted.
 */
export const campaignComments =
  (deps: CampaignCommentsDeps) =>
  async (caller: Pick<Caller, 'sub' | 'roles'>, id: string, query: { limit?: number; cursor?: string }, reason?: string) => {
    requireRole(caller, surveyStaffRoles, 'Reading survey comments');
    const reading = { campaignId: id, readerId: caller.sub };
    const after = await deps.comments.resumeAt(reading, query.cursor);
    const campaign = await deps.campaigns.get(id);
    if (!campaign) throw new NotFoundError(`No survey campaign ${id}`);
    // The answers' authors are not known (nor recorded): the read is recorded about the campaign.
    await deps.accessLog.record({
      staff: { id: caller.sub, roles: readingRoles(caller.roles, surveyStaffRoles) },
      reason,
      opened: [{ resource: { kind: 'survey-comments', id }, fields: ['answers'] }],
    });
    const { items, nextCursor } = await deps.comments.page(reading, { limit: query.limit ?? 50, ...(after && { after }) });
    const comments = await Promise.all(
      items.map(async (item) => ({
        respondedAt: item.respondedAt,
        definitionVersion: item.definitionVersion,
        ...(item.channel && { channel: item.channel }),
        ...(item.category && { category: item.category }),
        answers: await deps.cipher.open<Record<string, string>>(RESPONSE_ENTITY, item.sealedFor, item.sealedTexts),
      })),
    );
    return { campaignId: id, items: comments, nextCursor };
  };
