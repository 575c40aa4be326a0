import { surveyCampaignHandlerFromEnvironment } from '#shared/surveys/wiring/survey-campaign.ts';

export const handler = surveyCampaignHandlerFromEnvironment();
