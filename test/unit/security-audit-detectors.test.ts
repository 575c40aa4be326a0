import { describe, expect, it } from 'vitest';
import { detectPersonalData, isEncryptionSdkCiphertext, passesLuhn } from '#shared/security/audit/personal-data-detectors.ts';

describe('personal data detectors', () => {
  it.each([
    ['a bare address', 'ada@example.com'],
    ['an address in a sentence', 'Please write to ada.lovelace+audit@mail.example.co.uk, thanks.'],
    ['an address inside JSON', '{"contact":{"email":"li.wei@example.cn"}}'],
    ['an address with a test domain', 'notifier@local.test'],
  ])('finds an e-mail address: %s', (_, text) => {
    expect(detectPersonalData(text)).toContain('e-mail address');
  });

  it.each([
    ['E.164', '+8613800138000'],
    ['international with spaces', 'call +44 20 7946 0018 today'],
    ['international with brackets and dashes', '+1 (555) 123-4567'],
    ['national with dashes', '555-123-4567'],
    ['national with a bracketed area code', '(020) 7946 0018'],
    ['a Chinese mobile number in groups', '138 0013 8000'],
    ['a Chinese mobile number as one run', '13800138000'],
    ['inside JSON', '{"phone":"+33612345678"}'],
  ])('finds a phone number: %s', (_, text) => {
    expect(detectPersonalData(text)).toContain('phone number');
  });

  it.each([
    ['Visa as one run', '4111111111111111'],
    ['Visa in groups of four', '4111 1111 1111 1111'],
    ['Mastercard with dashes', '5500-0000-0000-0004'],
    ['Amex (15 digits)', '378282246310005'],
    ['UnionPay (19 digits)', '6212345678901232'],
    ['in a sentence', 'card: 4012888888881881.'],
  ])('finds a payment card number: %s', (_, text) => {
    expect(passesLuhn(text.replace(/\D/g, ''))).toBe(true);
    expect(detectPersonalData(text)).toContain('payment card number');
  });

  it.each([
    ['an ISO timestamp', '2026-12-06T06:40:00.000Z'],
    ['an ISO timestamp with an offset', '2026-12-06T14:40:00.000+08:00'],
    ['a date and time', '2026-12-06 06:40:00'],
    ['a date in dots', '06.12.2026'],
    ['epoch milliseconds', '1796538994123'],
    ['epoch seconds', '1796538994'],
    ['a 16-digit number failing Luhn', '4111111111111112'],
    ['a 16-digit number in groups failing Luhn', '4111 1111 1111 1112'],
    ['a ULID', '01JEG3Z9XKQ7M2A6B8C0D4E5F6'],
    ['a prefixed id', 'cmp_01JEG3Z9XKQ7M2A6B8C0D4E5F6'],
    ['a UUID of digits', '12345678-1234-5678-1234-567812345678'],
    ['a SHA-256 hash', '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'],
    ['a hash with a long digit run', 'a4111111111111111b'],
    ['a base64url pseudonym', 'Zm9v-4111111111111111_YmFy'],
    ['a base64 blob with + and digits', 'QUJD/+13800138000/ZGVm'],
    ['a sort key', 'COMPLAINT#2026-12-06T06:40:00.000Z#01JEG3Z9XK'],
    ['a period', '2026-Q4'],
    ['a decimal', '3.141592653589793'],
    ['a version', 'v1.2.3'],
    ['a count', '12345'],
    ['an at-sign without a domain', 'user@localhost'],
    ['a URL', 'https://example.com/v1/complaints/cmp_01JEG3Z9XK?limit=50'],
    ['a key ARN', 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
  ])('finds nothing in %s', (_, text) => {
    expect(detectPersonalData(text)).toEqual([]);
  });

  it('names each kind once, however many times it occurs', () => {
    expect(detectPersonalData('a@example.com b@example.com +4420794600181 4111111111111111').sort()).toEqual([
      'e-mail address',
      'payment card number',
      'phone number',
    ]);
  });

  it('computes Luhn as card schemes do', () => {
    expect(passesLuhn('79927398713')).toBe(true);
    expect(passesLuhn('79927398710')).toBe(false);
    expect(passesLuhn('')).toBe(false);
    expect(passesLuhn('12a4')).toBe(false);
  });

  it('counts as ciphertext only an Encryption SDK message of format 2 with a committing suite', () => {
    expect(isEncryptionSdkCiphertext(Uint8Array.from([0x02, 0x04, 0x78, 0x01, 0x02]))).toBe(true);
    expect(isEncryptionSdkCiphertext(Uint8Array.from([0x02, 0x05, 0x78, 0x01, 0x02]))).toBe(true);
    expect(isEncryptionSdkCiphertext(Uint8Array.from([0x02, 0x00, 0x14, 0x01, 0x02]))).toBe(false);
    expect(isEncryptionSdkCiphertext(Uint8Array.from([0x01, 0x80, 0x03, 0x78, 0x00]))).toBe(false);
    expect(isEncryptionSdkCiphertext(Buffer.from('ada@example.com'))).toBe(false);
    expect(isEncryptionSdkCiphertext(Uint8Array.from([0x02]))).toBe(false);
  });
});
