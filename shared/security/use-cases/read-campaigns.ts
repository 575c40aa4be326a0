import * as z from 'zod/mini';
import type { Caller } from '#shared/auth/caller.ts';
import { problems } from '#shared/http/problem.ts';
import { encodeCursor, LIST_LIMIT_DEFAULT, resumeAfter } from '#shared/pagination.ts';
import { reachOf, type CampaignReach } from '#shared/security/domain/education.ts';
import { campaignView, entryView, type CampaignView, type EducationApiPorts } from '#shared/security/use-cases/education-ports.ts';
import { requireSecurityStaff } from '#shared/security/use-cases/ports.ts';

/** The last key a cursor of the campaign list may carry. */
const entryPageKeySchema = z.strictObject({
  pk: z.literal('CAMPAIGNS'),
  sk: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z#edu_[0-9A-HJKMNP-TV-Z]{26}$/)),
});

/** Campaigns, latest ending first (scheduled ones before running and ended ones), a page at a time. */
export const listCampaigns = async (ports: EducationApiPorts, caller: Caller, query: { limit?: number; cursor?: string }) => {
  requireSecurityStaff(caller);
  const now = ports.clock.now();
  const scope = { caller: caller.sub, list: 'security-education-campaigns' };
  const after = await resumeAfter(ports.cursors, scope, query.cursor, entryPageKeySchema, () => true);
  const page = await ports.education.pageEntries({ limit: query.limit ?? LIST_LIMIT_DEFAULT, ...(after && { after }) });
  return { items: page.items.map((entry) => entryView(entry, now)), nextCursor: await encodeCursor(ports.cursors, scope, page.lastKey) };
};

/** One campaign with its reach: audience size, delivered, read, and the share read within the window. */
export const getCampaign = async (ports: EducationApiPorts, caller: Caller, id: string): Promise<CampaignView & { reach: CampaignReach }> => {
  requireSecurityStaff(caller);
  const campaign = await ports.education.getCampaign(id);
  if (!campaign) throw problems.notFound('No such campaign.');
  return { ...campaignView(campaign, ports.clock.now()), reach: reachOf(campaign, await ports.education.reachOf(id)) };
};
