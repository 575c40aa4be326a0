import { isComplaintWorker, isStaffRead } from '#shared/customer-service/domain/access.ts';
import type { ComplaintView } from '#shared/customer-service/http/schemas.ts';
import type { CustomerServicePorts } from '#shared/customer-service/use-cases/ports.ts';
import { readable, staffAccess } from '#shared/customer-service/use-cases/readable.ts';
import { openView } from '#shared/customer-service/use-cases/views.ts';
import type { PersonCaller } from '#shared/http/api-handler.ts';

/**
 * One complaint, for its owner or for staff who work complaints. A staff read of someone else's
 * complaint is recorded (who, why, when) before its personal data is decrypted.
 */
export const getComplaint = async (
  ports: Pick<CustomerServicePorts, 'complaints' | 'cipher' | 'clock' | 'policy'>,
  caller: PersonCaller,
  id: string,
  accessReason?: string,
): Promise<ComplaintView> => {
  const stored = await readable(ports, caller, id);
  if (isStaffRead(caller, stored.state)) {
    await ports.complaints.recordStaffAccess(staffAccess(ports, caller, id, accessReason, 'complaint'));
  }
  return openView(ports, stored, isComplaintWorker(caller));
};
