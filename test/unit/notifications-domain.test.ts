import { describe, expect, it } from 'vitest';
import { customerServiceAudience } from '#shared/notifications/audiences/customer-service.ts';
import { categoryNames, isRequired } from '#shared/notifications/domain/catalogue.ts';
import { offersUnsubscribe, planChannels, type Target } from '#shared/notifications/domain/delivery.ts';
import { latencyCounter, latencyQuantileMs } from '#shared/notifications/domain/latency.ts';
import { applyChange, defaultPreferences, preferenceView, RequiredCategoryError } from '#shared/notifications/domain/preferences.ts';
import { notifiedEvents } from '#shared/notifications/manifest.ts';

const person: Target = { kind: 'person', key: 'PERSON#u1', sub: 'u1', email: 'u1@example.com' };
const personWithoutEmail: Target = { kind: 'person', key: 'PERSON#u2', sub: 'u2' };
const address: Target = { kind: 'address', key: 'ADDRESS#p', email: 'n@example.org' };

describe('preferences', () => {
  it('turn optional categories off per channel, and back on', () => {
    const off = applyChange(defaultPreferences, { 'survey-invitations': { email: false }, rewards: { inbox: false, email: false } });
    const back = applyChange(off, { rewards: { inbox: true } });
    expect(off.off).toEqual({ 'survey-invitations': ['email'], rewards: ['inbox', 'email'] });
    expect(back.off).toEqual({ 'survey-invitations': ['email'], rewards: ['email'] });
    expect(applyChange(back, { 'survey-invitations': { email: true }, rewards: { email: true } }).off).toEqual({});
  });

  it('refuse to turn off a required category on any channel', () => {
    expect(() => applyChange(defaultPreferences, { 'trust-and-safety': { inbox: false } })).toThrow(RequiredCategoryError);
    expect(applyChange(defaultPreferences, { 'trust-and-safety': { email: true } }).off).toEqual({});
    expect(categoryNames.filter(isRequired)).toEqual(['trust-and-safety']);
  });

  it('show staff categories to staff only', () => {
    expect(preferenceView(defaultPreferences, { staff: false }).map((c) => c.category)).not.toContain('staff-escalations');
    expect(preferenceView(defaultPreferences, { staff: true }).map((c) => c.category)).toContain('staff-escalations');
  });
});

describe('channel plans', () => {
  it('send a person inbox and email, a bare address email only, and nobody email without an address', () => {
    expect(planChannels(person, 'complaint-updates', defaultPreferences, false)).toEqual([
      { channel: 'inbox', action: 'send' },
      { channel: 'email', action: 'send' },
    ]);
    expect(planChannels(personWithoutEmail, 'complaint-updates', defaultPreferences, false)).toEqual([{ channel: 'inbox', action: 'send' }]);
    expect(planChannels(address, 'trust-and-safety', defaultPreferences, false)).toEqual([{ channel: 'email', action: 'send' }]);
  });

  it('skip what preferences turn off, and suppressed addresses even for required notices', () => {
    const off = applyChange(defaultPreferences, { 'survey-invitations': { email: false } });
    expect(planChannels(person, 'survey-invitations', off, false)).toEqual([
      { channel: 'inbox', action: 'send' },
      { channel: 'email', action: 'skip', reason: 'preference-off' },
    ]);
    expect(planChannels(person, 'trust-and-safety', off, true)).toEqual([
      { channel: 'inbox', action: 'send' },
      { channel: 'email', action: 'skip', reason: 'suppressed' },
    ]);
  });

  it('offer one-click unsubscribe on email of optional categories only', () => {
    expect(offersUnsubscribe('survey-invitation', 'email')).toBe(true);
    expect(offersUnsubscribe('survey-invitation', 'inbox')).toBe(false);
    expect(offersUnsubscribe('statement-of-reasons', 'email')).toBe(false);
  });
});

describe('time to send', () => {
  it('counts each duration in its bucket and reads quantiles as bucket upper edges', () => {
    const counters: Record<string, number> = {};
    for (const ms of [100, 200, 900, 1500, 4000, 4000, 4000, 4000, 4000, 7_200_000]) {
      const name = latencyCounter(ms);
      counters[name] = (counters[name] ?? 0) + 1;
    }
    expect(latencyQuantileMs(counters, 0.2)).toBe(250);
    expect(latencyQuantileMs(counters, 0.5)).toBe(5000);
    expect(latencyQuantileMs(counters, 0.95)).toBeNull();
    expect(latencyQuantileMs({}, 0.5)).toBeNull();
  });
});

describe('the customer-service audience', () => {
  const owners = { ownerOf: async (id: string) => (id === 'cmp_acc' ? { ownerId: 'u1', origin: 'account' as const, status: 'open' as const } : id === 'cmp_int' ? { ownerId: 'x', origin: 'integration' as const, status: 'open' as const } : undefined) };
  const audience = customerServiceAudience(owners);
  const event = (type: string, detail: Record<string, unknown>) => ({ id: 'e1', source: audience.source, 'detail-type': type, time: '2026-12-01T00:00:00Z', detail });

  it('subscribes to exactly the events the rule routes', () => {
    expect(audience.detailTypes).toEqual(notifiedEvents['user-protection.customer-service']);
  });

  it('tells the account owner, nobody for an integration filing, supervisors of escalations', async () => {
    expect(await audience.messagesFor(event('complaint.received', { complaintId: 'cmp_acc', firstResponseDueAt: '2026-12-02T00:00:00Z' }))).toEqual([
      { type: 'complaint-received', params: { reference: 'cmp_acc', firstResponseDueAt: '2026-12-02T00:00:00Z' }, recipient: { kind: 'person', sub: 'u1' } },
    ]);
    expect(await audience.messagesFor(event('complaint.responded', { complaintId: 'cmp_acc', awaitingUser: true }))).toEqual([
      expect.objectContaining({ type: 'complaint-awaiting-you' }),
    ]);
    expect(await audience.messagesFor(event('complaint.closed', { complaintId: 'cmp_int' }))).toEqual([]);
    expect(await audience.messagesFor(event('complaint.closed', { complaintId: 'cmp_gone' }))).toEqual([]);
    expect(await audience.messagesFor(event('complaint.escalated', { complaintId: 'cmp_int', to: 'high', targets: ['firstResponse'] }))).toEqual([
      { type: 'complaint-escalated', params: { reference: 'cmp_int', priority: 'high', targets: 'firstResponse' }, recipient: { kind: 'staff-group', group: 'supervisors' } },
    ]);
  });

  it('refuses a malformed event', async () => {
    await expect(audience.messagesFor(event('complaint.resolved', { complaintId: 'cmp_acc' }))).rejects.toThrow();
  });
});
