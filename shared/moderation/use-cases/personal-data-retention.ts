import { ConditionFailedError } from '#shared/aws/table.ts';
import { caseRetentionDay } from '#shared/moderation/domain/personal-data.ts';
import { keys } from '#shared/moderation/store/keys.ts';
import { eraseItem, erasableKinds } from '#shared/moderation/use-cases/personal-data-erasure.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';

type Store = ModerationPorts['store'];

/**
 * The notices of a case whose retention ends on `day`: each one's personal fields are removed,
 * then the case leaves the due-day index. A case whose day moved (it was appealed and decided
 * again) is left to its new day.
 */
const expireCase = async (store: Store, caseId: string, day: string, now: Date): Promise<number> => {
  const c = await store.cases.get(caseId);
  if (!c || caseRetentionDay(c) !== day) return 0;
  const links = await store.cases.notices(caseId);
  let changed = 0;
  for (const link of links) if ((await eraseItem(store, erasableKinds.notice, link.noticeId, now)).erased) changed += 1;
  try {
    await store.personalData.leaveDue(keys.case(caseId), day);
  } catch (error) {
    // Its due day changed meanwhile: the case is listed under the new one.
    if (!(error instanceof ConditionFailedError)) throw error;
  }
  return changed;
};

const expireOne = async (store: Store, indexedKey: string, day: string, now: Date): Promise<number> => {
  const separator = indexedKey.indexOf('#');
  const [prefix, id] = [indexedKey.slice(0, separator), indexedKey.slice(separator + 1)];
  if (prefix === 'CASE') return expireCase(store, id, day, now);
  if (prefix === 'NOTICE') return (await eraseItem(store, erasableKinds.notice, id, now)).erased ? 1 : 0;
  if (prefix === 'APPEAL') return (await eraseItem(store, erasableKinds.appeal, id, now)).erased ? 1 : 0;
  return 0;
};

/**
 * Retention (retentionPolicy.noticesAndAppeals): removes the personal fields of the notices and
 * appeals whose retention ends on `day`, found through the sparse retentionDue index (decided
 * cases for their notices, notices closed as already acted on, decided appeals); never a Scan.
 * The number of items changed; a second run for the same day changes nothing.
 */
export const expireDue = async ({ store }: Pick<ModerationPorts, 'store'>, day: string, now: Date): Promise<number> => {
  let changed = 0;
  for (const indexedKey of await store.personalData.dueOn(day)) changed += await expireOne(store, indexedKey, day, now);
  return changed;
};
