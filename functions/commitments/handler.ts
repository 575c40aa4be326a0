import { commitmentsApiHandlerFromEnvironment } from '#shared/transparency/wiring/commitments-api.ts';

export const handler = commitmentsApiHandlerFromEnvironment();
