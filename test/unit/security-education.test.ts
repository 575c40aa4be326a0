import { describe, expect, it } from 'vitest';
import {
  CampaignScheduleError,
  checkSchedule,
  currentFor,
  educationCadence,
  educationFiguresOfQuarter,
  firstReadCounters,
  negotiateLocale,
  overlapOf,
  reaches,
  type Campaign,
} from '#shared/security/domain/education.ts';
import { broadcastMessages, staffGroups } from '#shared/notifications/audiences/broadcast.ts';
import { securityAudience } from '#shared/notifications/audiences/security.ts';
import { notifiedEvents } from '#shared/notifications/manifest.ts';
import { measureAudience } from '#shared/security/use-cases/audience-size.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const at = (iso: string) => new Date(iso);
const entry = (id: string, audience: Campaign['audience'], startsAt: string, endsAt: string) => ({ id, audience, startsAt, endsAt });

describe('a campaign’s schedule', () => {
  const now = at('2031-01-10T00:00:00.000Z');

  it('must not start in the past, must end after it starts, and last a day to 92 days', () => {
    // Prepare
    const cases = [
      { startsAt: '2031-01-09T00:00:00.000Z', endsAt: '2031-02-09T00:00:00.000Z', field: 'startsAt' },
      { startsAt: '2031-01-11T00:00:00.000Z', endsAt: '2031-01-11T00:00:00.000Z', field: 'endsAt' },
      { startsAt: '2031-01-11T00:00:00.000Z', endsAt: '2031-01-11T23:00:00.000Z', field: 'endsAt' },
      { startsAt: '2031-01-11T00:00:00.000Z', endsAt: '2031-04-14T00:00:00.000Z', field: 'endsAt' },
    ];

    // Act
    const fields = cases.map((draft) => {
      try {
        checkSchedule(draft, now);
        return 'accepted';
      } catch (error) {
        return error instanceof CampaignScheduleError ? error.field : 'other';
      }
    });

    // Assess
    expect(fields).toEqual(cases.map((c) => c.field));
    expect(() => checkSchedule({ startsAt: '2031-01-10T00:00:00.000Z', endsAt: '2031-04-11T00:00:00.000Z' }, now)).not.toThrow();
  });

  it('may not overlap a campaign for an overlapping audience; people and staff campaigns may run side by side', () => {
    // Prepare
    const scheduled = [entry('edu_staff', 'staff', '2031-02-01T00:00:00.000Z', '2031-03-01T00:00:00.000Z')];
    const period = { startsAt: '2031-02-15T00:00:00.000Z', endsAt: '2031-03-15T00:00:00.000Z' };

    // Act
    const forPeople = overlapOf({ ...period, audience: 'people' }, scheduled);
    const forStaff = overlapOf({ ...period, audience: 'staff' }, scheduled);
    const forEveryone = overlapOf({ ...period, audience: 'everyone' }, scheduled);
    const itself = overlapOf({ ...period, audience: 'staff' }, scheduled, 'edu_staff');
    const touching = overlapOf({ audience: 'staff', startsAt: '2031-03-01T00:00:00.000Z', endsAt: '2031-03-15T00:00:00.000Z' }, scheduled);

    // Assess
    expect(forPeople).toBeUndefined();
    expect(forStaff?.id).toBe('edu_staff');
    expect(forEveryone?.id).toBe('edu_staff');
    expect(itself).toBeUndefined();
    expect(touching).toBeUndefined();
  });
});

describe('the current campaign', () => {
  it('is the running one whose audience includes the person', () => {
    // Prepare
    const scheduled = [
      entry('edu_staff', 'staff', '2031-01-01T00:00:00.000Z', '2031-02-01T00:00:00.000Z'),
      entry('edu_all', 'everyone', '2031-02-01T00:00:00.000Z', '2031-03-01T00:00:00.000Z'),
    ];

    // Act / Assess
    expect(currentFor('staff', scheduled, at('2031-01-15T00:00:00.000Z'))?.id).toBe('edu_staff');
    expect(currentFor('people', scheduled, at('2031-01-15T00:00:00.000Z'))).toBeUndefined();
    expect(currentFor('people', scheduled, at('2031-02-01T00:00:00.000Z'))?.id).toBe('edu_all');
    expect(currentFor('staff', scheduled, at('2031-03-01T00:00:00.000Z'))).toBeUndefined();
    expect(reaches('everyone', 'people') && reaches('people', 'people') && !reaches('staff', 'people')).toBe(true);
  });

  it('is in the language Accept-Language prefers, English when it names neither', () => {
    expect(negotiateLocale('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(negotiateLocale('en-GB;q=0.5, zh-Hans;q=0.9')).toBe('zh-CN');
    expect(negotiateLocale('zh-TW, en;q=0.2')).toBe('en');
    expect(negotiateLocale('fr-FR, de')).toBe('en');
    expect(negotiateLocale(undefined)).toBe('en');
    expect(negotiateLocale('en-US,zh-CN;q=0.9')).toBe('en');
  });
});

describe('reach', () => {
  it('counts a first read within 14 days of the delivery as read in time, and a read without a delivery as both', () => {
    // Prepare
    const deliveredAt = '2031-01-01T00:00:00.000Z';

    // Act / Assess
    expect(firstReadCounters({ deliveredAt }, new Date(Date.parse(deliveredAt) + 14 * DAY_MS).toISOString())).toEqual({ delivered: 0, read: 1, readWithinWindow: 1 });
    expect(firstReadCounters({ deliveredAt }, new Date(Date.parse(deliveredAt) + 15 * DAY_MS).toISOString())).toEqual({ delivered: 0, read: 1, readWithinWindow: 0 });
    expect(firstReadCounters(undefined, deliveredAt)).toEqual({ delivered: 1, read: 1, readWithinWindow: 1 });
  });

  it('per quarter: the campaigns that started in it, with their reach and the totals', () => {
    // Prepare
    const size = { count: 40, basis: 'staff groups' };
    const campaigns = [
      { campaign: { ...entry('edu_b', 'staff', '2031-02-01T00:00:00.000Z', '2031-03-01T00:00:00.000Z'), audienceSize: size }, counters: { delivered: 10, read: 6, readWithinWindow: 5 } },
      { campaign: entry('edu_a', 'people', '2031-01-05T00:00:00.000Z', '2031-02-05T00:00:00.000Z'), counters: { delivered: 0, read: 0, readWithinWindow: 0 } },
      { campaign: entry('edu_c', 'everyone', '2031-04-01T00:00:00.000Z', '2031-05-01T00:00:00.000Z'), counters: { delivered: 99, read: 99, readWithinWindow: 99 } },
    ];

    // Act
    const figures = educationFiguresOfQuarter('2031-Q1', campaigns);

    // Assess
    expect(figures.campaignsRun).toBe(2);
    expect(figures.campaigns.map((c) => [c.id, c.delivered, c.shareReadWithinWindow])).toEqual([
      ['edu_a', 0, null],
      ['edu_b', 10, 0.5],
    ]);
    expect(figures.campaigns[1]!.audienceSize).toEqual(size);
    expect(figures.campaigns[0]!.audienceSize.count).toBeNull();
    expect(figures.totals).toEqual({ delivered: 10, read: 6, readWithinWindow: 5, shareReadWithinWindow: 0.5 });
  });
});

describe('the cadence', () => {
  const started = [{ startsAt: '2031-01-05T00:00:00.000Z' }, { startsAt: '2031-04-20T00:00:00.000Z' }];

  it('is overdue once a quarter’s first 30 days pass with no campaign started in it', () => {
    expect(educationCadence(started, at('2031-03-31T00:00:00.000Z'))).toEqual({ daysSinceLastCampaign: 85, overdue: 0 });
    // 2031-04-20 has not come yet on 2031-04-15: nothing started this quarter, but its grace runs until 1 May.
    expect(educationCadence(started, at('2031-04-15T00:00:00.000Z'))).toEqual({ daysSinceLastCampaign: 100, overdue: 0 });
    expect(educationCadence([started[0]!], at('2031-05-02T00:00:00.000Z'))).toEqual({ daysSinceLastCampaign: 117, overdue: 1 });
    expect(educationCadence(started, at('2031-05-02T00:00:00.000Z'))).toEqual({ daysSinceLastCampaign: 12, overdue: 0 });
    expect(educationCadence([], at('2031-02-15T00:00:00.000Z'))).toEqual({ daysSinceLastCampaign: null, overdue: 1 });
  });
});

describe('the audience of a campaign', () => {
  it('measures staff as the members of the staff groups, each once, and people as the reported active people or unknown', async () => {
    // Prepare
    const members: Record<string, string[]> = { agent: ['a', 'b'], security: ['b', 'c'] };
    const sources = { membersOf: async (group: string) => members[group] ?? [] };
    const reported = { ...sources, monthlyActivePeople: async (month: string) => (month === '2031-01' ? 1_000_000 : undefined) };
    const january = at('2031-01-15T00:00:00.000Z');

    // Act / Assess
    expect(await measureAudience(sources, 'staff', january)).toMatchObject({ count: 3 });
    expect(await measureAudience(sources, 'people', january)).toMatchObject({ count: null, reason: expect.any(String) });
    expect(await measureAudience(reported, 'people', january)).toMatchObject({ count: 1_000_000 });
    expect(await measureAudience(reported, 'everyone', january)).toMatchObject({ count: 1_000_003 });
    expect(await measureAudience(reported, 'everyone', at('2031-02-15T00:00:00.000Z'))).toMatchObject({ count: null });
  });
});

describe('the notifications audience of the security context', () => {
  const event = (audience: string) => ({
    id: 'evt-1',
    source: 'user-protection.security',
    'detail-type': 'security.education-campaign-started',
    time: '2031-01-05T00:00:00.000Z',
    detail: {
      campaignId: 'edu_01JWQV8RA0QPMDB06Y6TX13B1W',
      audience,
      startsAt: '2031-01-05T00:00:00.000Z',
      endsAt: '2031-02-05T00:00:00.000Z',
    },
  });

  it('subscribes to what the manifest routes to the notifications queue', () => {
    expect(securityAudience().detailTypes).toEqual(notifiedEvents['user-protection.security']);
  });

  it('tells every staff group of a staff campaign, every person of a people campaign, and both of an everyone campaign', async () => {
    // Act
    const forStaff = await securityAudience().messagesFor(event('staff'));
    const forEveryone = await securityAudience().messagesFor(event('everyone'));
    const forPeople = await securityAudience().messagesFor(event('people'));

    // Assess
    expect(forStaff.map((m) => m.recipient)).toEqual(staffGroups.map((group) => ({ kind: 'staff-group', group })));
    expect(forStaff[0]).toMatchObject({
      type: 'security-education-campaign',
      params: { reference: 'edu_01JWQV8RA0QPMDB06Y6TX13B1W', endsAt: '2031-02-05T00:00:00.000Z' },
    });
    const toEveryPerson = { ...forStaff[0], recipient: { kind: 'people' } };
    expect(forPeople).toEqual([toEveryPerson]);
    expect(forEveryone).toEqual([...forStaff, toEveryPerson]);
    expect(broadcastMessages('people', 'security-education-campaign', forStaff[0]!.params as never)).toEqual([toEveryPerson]);
  });

  it('refuses an event of another shape', async () => {
    await expect(securityAudience().messagesFor(event('martians'))).rejects.toThrow();
  });
});
