import type { Caller } from '#shared/auth/caller.ts';
import type { Clock } from '#shared/clock.ts';
import {
  canRead,
  fileComplaint as newComplaint,
  isStaffRead,
  type Complaint,
  type ComplaintPersonalData,
} from '#shared/complaints/domain.ts';
import {
  ownerPageKeySchema,
  type ComplaintRepository,
  type StoredComplaint,
} from '#shared/complaints/repository.ts';
import {
  LIST_LIMIT_DEFAULT,
  type ComplaintSummary,
  type ComplaintView,
  type CreateComplaintRequest,
} from '#shared/complaints/schemas.ts';
import type { PersonalDataCipher } from '#shared/crypto/personal-data.ts';
import { InvalidCursorError, NotFoundError } from '#shared/errors.ts';
import { newId } from '#shared/ids.ts';
import { decodeCursor, encodeCursor } from '#shared/pagination.ts';

const ENTITY = 'complaint';

/** The complaint use cases: the handler parses and maps, this decides, the adapters store. */
export const createComplaintService = (deps: {
  repository: ComplaintRepository;
  cipher: PersonalDataCipher;
  clock: Clock;
}) => {
  const { repository, cipher, clock } = deps;

  const seal = async (complaint: Complaint): Promise<StoredComplaint> => {
    const { personal, ...rest } = complaint;
    return { ...rest, personalData: await cipher.seal(ENTITY, complaint.id, { ...personal }) };
  };

  const open = async (stored: StoredComplaint): Promise<Complaint> => {
    const { personalData, ...rest } = stored;
    return { ...rest, personal: await cipher.open<ComplaintPersonalData & Record<string, unknown>>(ENTITY, stored.id, personalData) };
  };

  const receipt = (c: Pick<Complaint, 'id' | 'status' | 'createdAt' | 'firstResponseDueAt'>) => ({
    id: c.id,
    status: c.status,
    createdAt: c.createdAt,
    firstResponseDueAt: c.firstResponseDueAt,
  });

  const summary = (complaint: Complaint): ComplaintSummary => ({
    ...receipt(complaint),
    channel: complaint.channel,
    category: complaint.category,
    subject: complaint.personal.subject,
  });

  return {
    async fileComplaint(caller: Caller, input: CreateComplaintRequest) {
      const now = clock.now();
      const complaint = newComplaint(input, caller, newId('cmp', now), now);
      await repository.create(await seal(complaint));
      return receipt(complaint);
    },

    async getComplaint(caller: Caller, id: string, accessReason?: string): Promise<ComplaintView> {
      const stored = await repository.get(id);
      if (!stored || !canRead(caller, stored)) throw new NotFoundError(`No complaint ${id}`);
      if (isStaffRead(caller, stored)) {
        // Recorded before the personal data is decrypted, so that no staff read goes unrecorded.
        await repository.recordStaffAccess({
          complaintId: id,
          actorId: caller.sub,
          actorRoles: caller.roles,
          reason: accessReason,
          at: clock.now().toISOString(),
        });
      }
      const complaint = await open(stored);
      return { ...summary(complaint), ...complaint.personal, updatedAt: complaint.updatedAt };
    },

    async listOwnComplaints(caller: Caller, page: { limit?: number; cursor?: string }) {
      const after = page.cursor ? decodeCursor(page.cursor, ownerPageKeySchema) : undefined;
      if (after && after.gsi1pk !== repository.ownerPartition(caller.sub)) throw new InvalidCursorError();
      const { items, lastKey } = await repository.listByOwner(caller.sub, {
        limit: page.limit ?? LIST_LIMIT_DEFAULT,
        ...(after && { after }),
      });
      const summaries = await Promise.all(items.map(async (stored) => summary(await open(stored))));
      return { items: summaries, nextCursor: encodeCursor(lastKey) };
    },
  };
};

export type ComplaintService = ReturnType<typeof createComplaintService>;
