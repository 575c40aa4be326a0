import { describe, expect, it } from 'vitest';
import type { Caller } from '#shared/auth/caller.ts';
import { canRead, fileComplaint, firstResponseDue, isStaffRead } from '#shared/complaints/domain.ts';
import type { CreateComplaintRequest } from '#shared/complaints/schemas.ts';

const HOURS_24_MS = 24 * 60 * 60 * 1000;

const owner: Caller = { sub: 'user-owner', roles: ['user'] };
const request: CreateComplaintRequest = {
  channel: 'web',
  category: 'privacy',
  subject: 'My address is shown on my profile',
  description: 'I set my profile to private but my home address is visible.',
};

describe('firstResponseDue', () => {
  it.each([
    // [case, createdAt, expected due]
    ['an ordinary day', '2025-06-10T09:15:00.000Z', '2025-06-11T09:15:00.000Z'],
    ['the EU spring-forward (30 Mar 2025, 01:00 UTC)', '2025-03-29T12:00:00.000Z', '2025-03-30T12:00:00.000Z'],
    ['the EU fall-back (26 Oct 2025, 01:00 UTC)', '2025-10-25T23:30:00.000Z', '2025-10-26T23:30:00.000Z'],
    ['the US fall-back (2 Nov 2025, 06:00 UTC)', '2025-11-02T05:59:59.999Z', '2025-11-03T05:59:59.999Z'],
    ['a month end', '2025-01-31T23:30:00.000Z', '2025-02-01T23:30:00.000Z'],
    ['the end of February in a leap year', '2024-02-28T10:00:00.000Z', '2024-02-29T10:00:00.000Z'],
    ['a year end', '2024-12-31T23:59:59.999Z', '2025-01-01T23:59:59.999Z'],
  ])('is exactly 24 hours after filing across %s', (_case, createdAt, expected) => {
    // Prepare
    const filed = new Date(createdAt);

    // Act
    const due = firstResponseDue(filed);

    // Assess
    expect(due.toISOString()).toBe(expected);
    expect(due.getTime() - filed.getTime()).toBe(HOURS_24_MS);
  });

  it('counts elapsed hours, not wall-clock hours, when local clocks change', () => {
    // Prepare: 12:00 in London on the day before BST starts; the next day 24 h later reads 13:00 there.
    const filed = new Date('2025-03-29T12:00:00Z');

    // Act
    const due = firstResponseDue(filed);

    // Assess
    const londonTime = (d: Date) =>
      d.toLocaleTimeString('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' });
    expect(londonTime(filed)).toBe('12:00');
    expect(londonTime(due)).toBe('13:00');
    expect(due.getTime() - filed.getTime()).toBe(HOURS_24_MS);
  });
});

describe('fileComplaint', () => {
  it('files a received complaint owned by the caller, due 24 hours after filing, in UTC', () => {
    // Prepare: an instant written with an offset; the record must be in UTC.
    const now = new Date('2025-03-30T00:30:00+01:00');

    // Act
    const complaint = fileComplaint(request, owner, 'cmp_01JQ0000000000000000000000', now);

    // Assess
    expect(complaint).toMatchObject({
      id: 'cmp_01JQ0000000000000000000000',
      ownerId: 'user-owner',
      channel: 'web',
      category: 'privacy',
      status: 'received',
      createdAt: '2025-03-29T23:30:00.000Z',
      updatedAt: '2025-03-29T23:30:00.000Z',
      firstResponseDueAt: '2025-03-30T23:30:00.000Z',
    });
  });

  it('keeps every personal field inside `personal` and none at the top level', () => {
    // Prepare
    const input: CreateComplaintRequest = {
      ...request,
      contact: { email: 'ada@example.com', phone: '+44 20 7946 0000' },
      relatedContentUrl: 'https://example.com/posts/42',
    };

    // Act
    const complaint = fileComplaint(input, owner, 'cmp_01JQ0000000000000000000000', new Date('2025-01-01T00:00:00Z'));

    // Assess
    expect(complaint.personal).toEqual({
      subject: input.subject,
      description: input.description,
      contact: { email: 'ada@example.com', phone: '+44 20 7946 0000' },
      relatedContentUrl: 'https://example.com/posts/42',
    });
    const { personal, ...outside } = complaint;
    const outsideText = JSON.stringify(outside);
    for (const value of [input.subject, input.description, 'ada@example.com', '+44 20 7946 0000', 'example.com/posts']) {
      expect(outsideText).not.toContain(value);
    }
    for (const key of ['subject', 'description', 'contact', 'relatedContentUrl']) expect(outside).not.toHaveProperty(key);
  });

  it('leaves optional personal fields out when they were not given', () => {
    // Act
    const complaint = fileComplaint(request, owner, 'cmp_01JQ0000000000000000000000', new Date('2025-01-01T00:00:00Z'));

    // Assess
    expect(complaint.personal).toEqual({ subject: request.subject, description: request.description });
    expect(complaint.personal).not.toHaveProperty('contact');
    expect(complaint.personal).not.toHaveProperty('relatedContentUrl');
  });
});

describe('canRead and isStaffRead', () => {
  const complaint = { ownerId: 'user-owner' };
  const caller = (sub: string, ...roles: Caller['roles']): Caller => ({ sub, roles });

  it.each([
    { name: 'the owner', who: caller('user-owner', 'user'), expected: true },
    { name: 'an agent', who: caller('staff-agent', 'agent'), expected: true },
    { name: 'an admin', who: caller('staff-admin', 'admin'), expected: true },
    { name: 'a moderator (does not work complaints)', who: caller('staff-moderator', 'moderator'), expected: false },
    { name: 'a security officer', who: caller('staff-security', 'security'), expected: false },
    { name: 'another user', who: caller('user-other', 'user'), expected: false },
    { name: 'a caller with no roles at all', who: caller('nobody'), expected: false },
  ])('canRead for $name is $expected', ({ who, expected }) => {
    // Act
    const allowed = canRead(who, complaint);

    // Assess
    expect(allowed).toBe(expected);
  });

  it('lets a moderator read a complaint they filed themselves', () => {
    // Act
    const allowed = canRead(caller('user-owner', 'moderator'), complaint);

    // Assess
    expect(allowed).toBe(true);
  });

  it.each([
    { name: 'the owner reading their own complaint', who: caller('user-owner', 'user'), expected: false },
    { name: 'an agent reading their own complaint', who: caller('user-owner', 'agent'), expected: false },
    { name: "an agent reading someone else's complaint", who: caller('staff-agent', 'agent'), expected: true },
    { name: "an admin reading someone else's complaint", who: caller('staff-admin', 'admin'), expected: true },
  ])('isStaffRead for $name is $expected', ({ who, expected }) => {
    // Act
    const recorded = isStaffRead(who, complaint);

    // Assess
    expect(recorded).toBe(expected);
  });

  it("does not call a plain user's look at someone else's complaint a staff read", () => {
    // Prepare: the service asks canRead first, but isStaffRead's own contract is "a read by staff".
    const stranger = caller('user-other', 'user');

    // Act
    const recorded = isStaffRead(stranger, complaint);

    // Assess
    expect(recorded).toBe(false);
  });
});
