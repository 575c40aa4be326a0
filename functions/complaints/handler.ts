import { complaintsApiHandlerFromEnvironment } from '#shared/customer-service/api-wiring.ts';

export const handler = complaintsApiHandlerFromEnvironment();
