import { moderationServiceFromEnvironment } from '#functions/moderation/wiring.ts';
import { createRewardsSettlement } from '#functions/rewards-settlement/app.ts';

export const handler = createRewardsSettlement(moderationServiceFromEnvironment({}, 'rewards-settlement', { dataKey: false, pseudonyms: false }));
