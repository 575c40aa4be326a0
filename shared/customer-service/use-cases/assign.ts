import type { ComplaintSummary } from '#shared/customer-service/http/response-schemas.ts';
import { changeAsWorker } from '#shared/customer-service/use-cases/change-complaint.ts';
import type { CustomerServicePorts } from '#shared/customer-service/use-cases/ports.ts';
import type { PersonCaller } from '#shared/http/api-handler.ts';

/**
 * Staff give the complaint to someone (a received complaint opens), or to nobody (`null`). The
 * person who filed it is never its assignee.
 */
export const assignComplaint = (
  ports: CustomerServicePorts,
  caller: PersonCaller,
  id: string,
  assigneeId: string | null,
): Promise<ComplaintSummary> =>
  changeAsWorker(ports, caller, id, (state, actor, now) => ports.decisions.assign(state, actor, assigneeId, now));
