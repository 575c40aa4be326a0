import type { ComplaintSummary } from '#shared/customer-service/http/response-schemas.ts';
import { changeAsWorker } from '#shared/customer-service/use-cases/change-complaint.ts';
import type { CustomerServicePorts } from '#shared/customer-service/use-cases/ports.ts';
import type { PersonCaller } from '#shared/http/api-handler.ts';

/**
 * A staff member takes the complaint: it becomes theirs, and a received complaint opens. Taking
 * one someone else holds is refused (reassign it instead); taking one's own again changes nothing.
 */
export const claimComplaint = (ports: CustomerServicePorts, caller: PersonCaller, id: string): Promise<ComplaintSummary> =>
  changeAsWorker(ports, caller, id, (state, actor, now) => ports.decisions.claim(state, actor, now));
