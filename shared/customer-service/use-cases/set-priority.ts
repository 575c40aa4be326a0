import type { Priority } from '#shared/customer-service/domain/sla-policy.ts';
import type { ComplaintSummary } from '#shared/customer-service/http/response-schemas.ts';
import { changeAsWorker } from '#shared/customer-service/use-cases/change-complaint.ts';
import type { CustomerServicePorts } from '#shared/customer-service/use-cases/ports.ts';
import type { PersonCaller } from '#shared/http/api-handler.ts';

/** Staff set the complaint's priority; the targets already running keep their time. */
export const setPriority = (ports: CustomerServicePorts, caller: PersonCaller, id: string, priority: Priority): Promise<ComplaintSummary> =>
  changeAsWorker(ports, caller, id, (state, actor, now) => ports.decisions.setPriority(state, actor, priority, now));
