import { transparencyApiHandlerFromEnvironment } from '#shared/transparency/wiring/transparency-api.ts';

export const handler = transparencyApiHandlerFromEnvironment();
