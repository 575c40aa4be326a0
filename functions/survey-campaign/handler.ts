import { surveyCampaignHandlerFromEnvironment } from '#shared/surveys/wiring.ts';

export const handler = surveyCampaignHandlerFromEnvironment();
