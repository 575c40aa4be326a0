import { describe, expect, it } from 'vitest';
import { staffGroups } from '#shared/notifications/audiences/broadcast.ts';
import { transparencyAudience } from '#shared/notifications/audiences/transparency.ts';
import { notifiedEvents } from '#shared/notifications/manifest.ts';
import { renderMessage } from '#shared/notifications/templates/render.ts';
import type { DomainEventEnvelope } from '#shared/notifications/use-cases/ports.ts';

const SOURCE = 'user-protection.transparency';
const at = '2031-01-15T10:00:00.000Z';
const event = (type: string, detail: Record<string, unknown>): DomainEventEnvelope => ({
  id: 'e-1',
  source: SOURCE,
  'detail-type': type,
  time: at,
  detail: { ...detail, eventId: 'privacy-policy-2:0', occurredAt: at },
});
const published = (extra: Record<string, unknown> = {}) =>
  event('transparency.privacy-policy-published', { version: 2, effectiveDate: '2031-02-15', publishedAt: at, supersedes: 1, ...extra });

describe('the transparency audience', () => {
  it('subscribes to the announcement of a new privacy-policy version', () => {
    expect(transparencyAudience().detailTypes).toEqual(notifiedEvents[SOURCE]);
    expect(notifiedEvents[SOURCE]).toEqual(['transparency.privacy-policy-published']);
  });

  it('tells every staff group and every person of a new version and when it takes effect', async () => {
    const messages = await transparencyAudience().messagesFor(published());
    const params = { reference: '2', effectiveAt: '2031-02-15T00:00:00.000Z' };
    expect(messages).toEqual([
      ...staffGroups.map((group) => ({ type: 'privacy-policy-update', params, recipient: { kind: 'staff-group', group } })),
      { type: 'privacy-policy-update', params, recipient: { kind: 'people' } },
    ]);
  });

  it('refuses a detail of another shape rather than guess', async () => {
    await expect(transparencyAudience().messagesFor(published({ effectiveDate: 'soon' }))).rejects.toThrow();
  });

  it('renders the message in both languages with the version and its date', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const rendered = renderMessage('privacy-policy-update', locale, {
        reference: '2',
        effectiveAt: '2031-02-15T00:00:00.000Z',
        inboxUrl: 'https://app.example.org/inbox',
      });
      expect(rendered.text).toMatch(/2031/);
      expect(rendered.text).toContain(locale === 'en' ? 'Version: 2' : '版本');
    }
  });
});
