import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { localPaths } from '#infra/local/paths.ts';
import { recordLocalPerson } from '#shared/notifications/directory/local-directory.ts';
import { http } from '../support/http.ts';
import { tokenFor } from '../support/tokens.ts';

/**
 * Notifications through the whole local stack, as `npm start` runs it: a complaint filed over
 * HTTP is published on the local bus, routed by the rule into the notifications queue, taken by
 * the poller to the real sender, and arrives in the filer's inbox and in the local SES store.
 */

const until = async <T>(read: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('Timed out waiting for the notification');
    await new Promise((r) => setTimeout(r, 250));
  }
};

const emailsTo = async (to: string) => {
  const { emails } = (await (await fetch(`${inject('localStack').endpoints.ses}/store`)).json()) as {
    emails: Array<{ destination: { to: string[] }; subject: string; body: { text?: string } }>;
  };
  return emails.filter((email) => email.destination.to.includes(to));
};

describe('notifications through the local stack', () => {
  it('filing a complaint puts a receipt in the filer’s inbox and an email in the local SES store, in their language', async () => {
    // Prepare: a person the local directory knows, as `npm run token -- --email --locale` records them
    const sub = `mei-${randomUUID()}`;
    const email = `${sub}@example.com`;
    recordLocalPerson(localPaths(inject('localStack').root).users, { sub, email, locale: 'zh-CN' });
    const token = await tokenFor(sub);

    // Act
    const filed = await http('POST', '/v1/complaints', {
      token,
      body: { channel: 'web', category: 'billing', subject: '退款没有到账', description: '我退回了包裹，但退款一直没有到账。' },
    });

    // Assert
    expect(filed.status).toBe(201);
    const id = (filed.json as { id: string }).id;
    const inbox = await until(async () => {
      const page = await http('GET', '/v1/me/notifications', { token });
      const items = (page.json as { items: Array<{ type: string; text: string; subject: string }> }).items;
      return items.length > 0 ? page : undefined;
    });
    const items = (inbox.json as { items: Array<{ type: string; text: string; subject: string }>; unreadCount: number }).items;
    expect(items).toHaveLength(1);
    expect(items[0]!.type).toBe('complaint-received');
    expect(items[0]!.text).toContain(id);
    expect(items[0]!.subject).toMatch(/\p{Script=Han}/u);
    const [sent] = await until(async () => {
      const found = await emailsTo(email);
      return found.length > 0 ? found : undefined;
    });
    expect(sent!.body.text).toContain(id);
  });
});
