import { isComplaintWorker } from '#shared/customer-service/domain/access.ts';
import type { ComplaintStatus } from '#shared/customer-service/domain/complaint.ts';
import type { ComplaintView } from '#shared/customer-service/http/response-schemas.ts';
import { changeComplaint } from '#shared/customer-service/use-cases/change-complaint.ts';
import type { CustomerServicePorts } from '#shared/customer-service/use-cases/ports.ts';
import { openView } from '#shared/customer-service/use-cases/views.ts';
import type { PersonCaller } from '#shared/http/api-handler.ts';

/**
 * Moves the complaint to another status. The owner may withdraw it or reopen it within the reopen
 * window; staff may wait on the user, reopen, resolve (after replying) and close (once resolved).
 */
export const changeStatus = async (
  ports: CustomerServicePorts,
  caller: PersonCaller,
  id: string,
  status: Exclude<ComplaintStatus, 'received'>,
): Promise<ComplaintView> => {
  const { stored } = await changeComplaint(ports, caller, id, (state, actor, now) => ports.decisions.changeStatus(state, actor, status, now));
  return openView(ports, stored, isComplaintWorker(caller));
};
