import { complaintsApiHandlerFromEnvironment } from '#shared/customer-service/wiring/complaints-api.ts';

export const handler = complaintsApiHandlerFromEnvironment();
