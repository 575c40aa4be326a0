import { commitmentsWatchHandlerFromEnvironment } from '#shared/transparency/wiring/commitments-watch.ts';

export const handler = commitmentsWatchHandlerFromEnvironment();
