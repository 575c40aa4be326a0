import { FiguresQuerySchema, figuresRangeOf } from '#shared/figures/query.ts';
import { readAccessReason, readJsonBody, readPath, readQuery } from '#shared/http/request.ts';
import { json } from '#shared/http/response.ts';
import type { ModerationHandlers } from '#shared/moderation/http/routes/handlers.ts';
import { BlocklistEntryPathSchema, BlocklistEntryRequestSchema, BlocklistKindPathSchema } from '#shared/moderation/http/schemas/blocklists.ts';
import { PageQuerySchema } from '#shared/moderation/http/schemas/common.ts';
import { addBlocklistEntry } from '#shared/moderation/use-cases/add-blocklist-entry.ts';
import { listBlocklist } from '#shared/moderation/use-cases/list-blocklist.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';
import { readFigures } from '#shared/moderation/use-cases/read-figures.ts';
import { removeBlocklistEntry } from '#shared/moderation/use-cases/remove-blocklist-entry.ts';

type StaffRoutes =
  | 'GET /v1/moderation/blocklists/{kind}'
  | 'POST /v1/moderation/blocklists/{kind}'
  | 'DELETE /v1/moderation/blocklists/{kind}/{entryId}'
  | 'GET /v1/figures/moderation';

/** The blocklists moderators keep, and the figures staff read. */
export const staffRoutes = (ports: ModerationPorts): Pick<ModerationHandlers, StaffRoutes> => ({
  'GET /v1/moderation/blocklists/{kind}': async ({ event, caller }) => {
    const { kind } = readPath(event, BlocklistKindPathSchema);
    return json(200, await listBlocklist(ports, caller, kind, readQuery(event, PageQuerySchema), readAccessReason(event)));
  },

  'POST /v1/moderation/blocklists/{kind}': async ({ event, caller }) => {
    const { kind } = readPath(event, BlocklistKindPathSchema);
    return json(201, await addBlocklistEntry(ports, caller, kind, readJsonBody(event, BlocklistEntryRequestSchema)));
  },

  'DELETE /v1/moderation/blocklists/{kind}/{entryId}': async ({ event, caller }) => {
    const { kind, entryId } = readPath(event, BlocklistEntryPathSchema);
    await removeBlocklistEntry(ports, caller, kind, entryId);
    return { statusCode: 204, headers: { 'cache-control': 'no-store' } };
  },

  'GET /v1/figures/moderation': async ({ event, caller }) => {
    const query = figuresRangeOf(readQuery(event, FiguresQuerySchema), ports.clock.now());
    return json(200, await readFigures(ports, caller, query));
  },
});
