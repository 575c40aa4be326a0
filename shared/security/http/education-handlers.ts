import type { Logger } from '@aws-lambda-powertools/logger';
import { createApiHandler } from '#shared/http/api-handler.ts';
import { headerValue, readJsonBody, readPath, readQuery } from '#shared/http/request.ts';
import { json } from '#shared/http/response.ts';
import { negotiateLocale } from '#shared/security/domain/education.ts';
import { CampaignDraftSchema, CampaignIdPathSchema, CampaignsQuerySchema } from '#shared/security/http/education-schemas.ts';
import { routesOfFunction } from '#shared/security/manifest.ts';
import { createCampaign } from '#shared/security/use-cases/create-campaign.ts';
import { currentCampaign } from '#shared/security/use-cases/current-campaign.ts';
import type { EducationApiPorts } from '#shared/security/use-cases/education-ports.ts';
import { markCampaignRead } from '#shared/security/use-cases/mark-campaign-read.ts';
import { getCampaign, listCampaigns } from '#shared/security/use-cases/read-campaigns.ts';
import { updateCampaign } from '#shared/security/use-cases/update-campaign.ts';

/** The security education function: campaigns for security staff; the current one, and its reads, for every person. */
export const createEducationApiHandler = (deps: { ports: EducationApiPorts; logger: Logger }) => {
  const { ports } = deps;
  return createApiHandler({
    logger: deps.logger,
    routes: routesOfFunction('securityEducation'),
    handlers: {
      'POST /v1/security-education/campaigns': async ({ event, caller }) => {
        const campaign = await createCampaign(ports, caller, readJsonBody(event, CampaignDraftSchema));
        return json(201, campaign, { location: `/v1/security-education/campaigns/${campaign.id}` });
      },
      'GET /v1/security-education/campaigns': async ({ event, caller }) => json(200, await listCampaigns(ports, caller, readQuery(event, CampaignsQuerySchema))),
      'GET /v1/security-education/campaigns/{id}': async ({ event, caller }) =>
        json(200, await getCampaign(ports, caller, readPath(event, CampaignIdPathSchema).id)),
      'PUT /v1/security-education/campaigns/{id}': async ({ event, caller }) => {
        const { id } = readPath(event, CampaignIdPathSchema);
        return json(200, await updateCampaign(ports, caller, id, readJsonBody(event, CampaignDraftSchema)));
      },
      'GET /v1/security-education/current': async ({ event, caller }) =>
        json(200, { campaign: await currentCampaign(ports, caller, negotiateLocale(headerValue(event, 'accept-language'))) }),
      'POST /v1/security-education/{id}/read': async ({ event, caller }) =>
        json(200, await markCampaignRead(ports, caller, readPath(event, CampaignIdPathSchema).id)),
    },
  });
};
