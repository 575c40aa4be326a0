import { moderationServiceFromEnvironment } from '#functions/moderation/service-wiring.ts';
import { createRewardsSettlement } from '#functions/rewards-settlement/app.ts';

export const handler = createRewardsSettlement(moderationServiceFromEnvironment({}, 'rewards-settlement'));
