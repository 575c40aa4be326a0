import { describe, expect, it } from 'vitest';
import { createNotificationsPersonalDataHolder, type NotificationsPersonalDataPorts } from '#shared/notifications/use-cases/personal-data-holder.ts';

/** The notifications holder over ports the test fills: what it asks of the stores, and what it returns. */

const untouched = (): NotificationsPersonalDataPorts => {
  const refuse = async (): Promise<never> => {
    throw new Error('not to be called');
  };
  return {
    inbox: { allOf: refuse },
    preferences: { savedPreferencesOf: refuse, suppressionOf: refuse },
    deliveries: { markerKeysOf: refuse },
    records: { keysOf: refuse, deleteAll: refuse },
    addressPseudonymOf: refuse,
  };
};

describe('the notifications holder', () => {
  it('reads and deletes nothing for a person on an integration channel', async () => {
    // Prepare
    const holder = createNotificationsPersonalDataHolder(untouched());
    const subject = { kind: 'integration' as const, id: 'channel-pseudonym' };

    // Act
    const copy = await holder.exportOf(subject);
    const erased = await holder.erase(subject, new Date());

    // Assess
    expect(copy).toEqual({ inbox: [], preferences: null });
    expect(erased).toEqual({ erased: 0, held: [] });
    expect(await holder.holdsOf(subject, new Date())).toEqual([]);
  });

  it('says nothing of suppression when no address of the account is known', async () => {
    // Prepare
    const { addressPseudonymOf: _none, ...ports } = untouched();
    const holder = createNotificationsPersonalDataHolder({
      ...ports,
      inbox: { allOf: async () => [] },
      preferences: { savedPreferencesOf: async () => undefined, suppressionOf: ports.preferences.suppressionOf },
    });

    // Act
    const copy = await holder.exportOf({ kind: 'account', id: 'ada' });

    // Assess
    expect(copy).toEqual({ inbox: [], preferences: null });
  });

  it('deletes the partition and the markers together and counts them', async () => {
    // Prepare
    const deleted: Array<{ pk: string; sk: string }> = [];
    const holder = createNotificationsPersonalDataHolder({
      ...untouched(),
      records: { keysOf: async (sub) => [{ pk: `PERSON#${sub}`, sk: 'UNREAD' }], deleteAll: async (keys) => void deleted.push(...keys) },
      deliveries: { markerKeysOf: async (key) => [{ pk: 'DELIVERY#e1', sk: `survey-invitation#${key}#inbox` }] },
    });

    // Act
    const outcome = await holder.erase({ kind: 'account', id: 'ada' }, new Date());

    // Assess
    expect(outcome).toEqual({ erased: 2, held: [] });
    expect(deleted).toEqual([
      { pk: 'PERSON#ada', sk: 'UNREAD' },
      { pk: 'DELIVERY#e1', sk: 'survey-invitation#PERSON#ada#inbox' },
    ]);
  });
});
