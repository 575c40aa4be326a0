import { readAccessReason, readJsonBody, readPath, readQuery } from '#shared/http/request.ts';
import { json } from '#shared/http/response.ts';
import { AppealPathSchema } from '#shared/moderation/http/paths.ts';
import type { ModerationHandlers } from '#shared/moderation/http/routes/handlers.ts';
import { AppealDecisionRequestSchema, AppealRequestSchema } from '#shared/moderation/http/schemas/appeals.ts';
import { PageQuerySchema } from '#shared/moderation/http/schemas/common.ts';
import { decideAppeal } from '#shared/moderation/use-cases/decide-appeal.ts';
import { fileAppeal } from '#shared/moderation/use-cases/file-appeal.ts';
import { getAppeal } from '#shared/moderation/use-cases/get-appeal.ts';
import { listPendingAppeals } from '#shared/moderation/use-cases/list-pending-appeals.ts';
import { myRewards } from '#shared/moderation/use-cases/my-rewards.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';

type AppealRoutes =
  | 'POST /v1/appeals'
  | 'GET /v1/appeals/{id}'
  | 'GET /v1/moderation/appeals'
  | 'POST /v1/moderation/appeals/{id}/decision'
  | 'GET /v1/rewards/me';

/** Appeals of people with an account and their decision by moderators, and reporters' rewards. */
export const appealRoutes = (ports: ModerationPorts): Pick<ModerationHandlers, AppealRoutes> => ({
  'POST /v1/appeals': async ({ event, caller }) => {
    const appeal = await fileAppeal(ports, caller, readJsonBody(event, AppealRequestSchema));
    return json(201, appeal, { location: `/v1/appeals/${appeal.id}` });
  },

  'GET /v1/appeals/{id}': async ({ event, caller }) => json(200, await getAppeal(ports, caller, readPath(event, AppealPathSchema).id, readAccessReason(event))),

  'GET /v1/moderation/appeals': async ({ event, caller }) => json(200, await listPendingAppeals(ports, caller, readQuery(event, PageQuerySchema), readAccessReason(event))),

  'POST /v1/moderation/appeals/{id}/decision': async ({ event, caller }) => {
    const { id } = readPath(event, AppealPathSchema);
    return json(200, await decideAppeal(ports, caller, id, readJsonBody(event, AppealDecisionRequestSchema)));
  },

  'GET /v1/rewards/me': async ({ caller }) => json(200, await myRewards(ports, caller)),
});
