import { describe, expect, it } from 'vitest';
import { mailboxOf } from '#shared/moderation/domain/mailbox.ts';

describe('mailboxOf', () => {
  it.each([
    ['ada@example.com', 'ada@example.com'],
    ['Ada@Example.COM', 'ada@example.com'],
    ['ada+reports@example.com', 'ada@example.com'],
    ['ada+a+b@example.com', 'ada@example.com'],
    ['a.da@example.com', 'a.da@example.com'],
    ['A.Da+x@gmail.com', 'ada@gmail.com'],
    ['a.d.a@googlemail.com', 'ada@gmail.com'],
    ['+ada@example.com', '+ada@example.com'],
  ])('counts %s as the mailbox %s', (address, mailbox) => {
    // Act
    const result = mailboxOf(address);

    // Assess
    expect(result).toBe(mailbox);
  });
});
