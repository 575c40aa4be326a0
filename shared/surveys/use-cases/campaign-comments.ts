import type { Caller } from '#shared/auth/caller.ts';
import type { Clock } from '#shared/clock.ts';
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
  clock: Clock;
}

/**
 * A campaign's free-text answers for the staff who act on the feedback
 * (GET /v1/survey-campaigns/{id}/comments): a page of them, decrypted, without who wrote them.
 * Each read is recorded (who, when, why) before anything is decrypted.
 */
export const campaignComments =
  (deps: CampaignCommentsDeps) =>
  async (caller: Pick<Caller, 'sub' | 'roles'>, id: string, query: { limit?: number; cursor?: string }, reason?: string) => {
    requireRole(caller, surveyStaffRoles, 'Reading survey comments');
    const after = deps.comments.resumeAt(id, query.cursor);
    const campaign = await deps.campaigns.get(id);
    if (!campaign) throw new NotFoundError(`No survey campaign ${id}`);
    await deps.comments.recordAccess({
      campaignId: id,
      actorId: caller.sub,
      actorRoles: caller.roles,
      ...(reason && { reason }),
      at: deps.clock.now().toISOString(),
    });
    const { items, nextCursor } = await deps.comments.page(id, { limit: query.limit ?? 50, ...(after && { after }) });
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
