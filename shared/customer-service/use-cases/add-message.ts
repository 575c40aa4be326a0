import { isComplaintWorker, requireNotOwnComplaint } from '#shared/customer-service/domain/access.ts';
import { ComplaintForbiddenError } from '#shared/customer-service/domain/complaint.ts';
import type { MessageRequest } from '#shared/customer-service/http/schemas.ts';
import type { MessageView } from '#shared/customer-service/http/response-schemas.ts';
import { changeComplaint } from '#shared/customer-service/use-cases/change-complaint.ts';
import type { CustomerServicePorts } from '#shared/customer-service/use-cases/ports.ts';
import { readable } from '#shared/customer-service/use-cases/readable.ts';
import { messageView } from '#shared/customer-service/use-cases/views.ts';
import { newId } from '#shared/ids.ts';
import type { PersonCaller } from '#shared/http/api-handler.ts';

/**
 * Adds a message to the conversation: the owner's message, a staff reply (the first decides the
 * 24-hour promise; one that asks the user for something makes the complaint wait on them), or an
 * internal note only staff see. Its body is stored encrypted.
 */
export const addMessage = async (ports: CustomerServicePorts, caller: PersonCaller, id: string, input: MessageRequest): Promise<MessageView> => {
  const staff = isComplaintWorker(caller);
  if (!staff && (input.visibility === 'internal' || input.awaitUser)) {
    // Checked before the read so that an owner learns nothing new from the answer.
    await readable(ports, caller, id);
    throw new ComplaintForbiddenError('Only staff can add internal notes or wait on the user.');
  }
  const messageId = newId('msg', ports.clock.now());
  const message = { id: messageId, visibility: input.visibility, body: input.body, ...(input.awaitUser && { awaitUser: true }) };
  const { decision } = await changeComplaint(ports, caller, id, (state, actor, now) => {
    // Staff write notes and make a complaint wait on its owner, but not on a complaint they filed.
    if (input.visibility === 'internal' || input.awaitUser) requireNotOwnComplaint(caller, state);
    return ports.decisions.addMessage(state, actor, message, now);
  });
  return messageView(decision.message!, decision.message!.body, staff);
};
