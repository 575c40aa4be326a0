import { isComplaintWorker, isStaffRead } from '#shared/customer-service/domain/access.ts';
import type { ComplaintView } from '#shared/customer-service/http/response-schemas.ts';
import type { CustomerServicePorts } from '#shared/customer-service/use-cases/ports.ts';
import { complaintRead, readable } from '#shared/customer-service/use-cases/readable.ts';
import { openView } from '#shared/customer-service/use-cases/views.ts';
import type { PersonCaller } from '#shared/http/api-handler.ts';

/**
 * One complaint, for its owner or for staff who work complaints. A staff read of someone else's
 * complaint is recorded (who, why, when) before its personal data is decrypted.
 */
export const getComplaint = async (
  ports: Pick<CustomerServicePorts, 'complaints' | 'cipher' | 'clock' | 'policy' | 'accessLog'>,
  caller: PersonCaller,
  id: string,
  accessReason?: string,
): Promise<ComplaintView> => {
  const stored = await readable(ports, caller, id);
  if (isStaffRead(caller, stored.state)) {
    await ports.accessLog.record(complaintRead(caller, [stored.state], 'complaint', accessReason));
  }
  return openView(ports, stored, isComplaintWorker(caller));
};
