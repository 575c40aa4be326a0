import { rewardsSettlementHandlerFromEnvironment } from '#shared/moderation/wiring/rewards-settlement.ts';

export const handler = rewardsSettlementHandlerFromEnvironment();
