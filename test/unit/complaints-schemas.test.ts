import { describe, expect, it } from 'vitest';
import {
  CreateComplaintRequestSchema,
  DESCRIPTION_MAX,
  ListComplaintsQuerySchema,
  SUBJECT_MAX,
} from '#shared/customer-service/http/schemas.ts';

const validBody = {
  channel: 'web',
  category: 'service_quality',
  subject: 'Checkout page times out',
  description: 'Since Monday the checkout page times out after I press Pay.',
};

/** The issues of a failed parse as `path: code`, or [] when the body is accepted. */
const issuesOf = (body: unknown) => {
  const result = CreateComplaintRequestSchema.safeParse(body);
  return result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path.join('.'), code: issue.code }));
};

describe('CreateComplaintRequestSchema', () => {
  it('accepts a valid body with only the required fields', () => {
    // Act
    const result = CreateComplaintRequestSchema.safeParse(validBody);

    // Assess
    expect(result.success).toBe(true);
    expect(result.data).toEqual(validBody);
  });

  it.each([
    { field: 'contact with an email', extra: { contact: { email: 'ada@example.com' } } },
    { field: 'contact with a phone', extra: { contact: { phone: '+44 20 7946 0000' } } },
    { field: 'contact with both', extra: { contact: { email: 'ada@example.com', phone: '020 7946 0000' } } },
    { field: 'an https relatedContentUrl', extra: { relatedContentUrl: 'https://example.com/posts/42?ref=feed' } },
    { field: 'an http relatedContentUrl', extra: { relatedContentUrl: 'http://example.com/posts/42' } },
  ])('accepts the optional $field', ({ extra }) => {
    // Prepare
    const body = { ...validBody, ...extra };

    // Act
    const result = CreateComplaintRequestSchema.safeParse(body);

    // Assess
    expect(result.success).toBe(true);
    expect(result.data).toEqual(body);
  });

  it.each(['web', 'app'])('accepts the channel %s', (channel) => {
    expect(issuesOf({ ...validBody, channel })).toEqual([]);
  });

  it.each(['social', 'email', 'phone'])('refuses %s from a person: those channels come through integrations', (channel) => {
    expect(issuesOf({ ...validBody, channel }).map((issue) => issue.path)).toEqual(['channel']);
  });

  it('trims surrounding whitespace from subject and description', () => {
    // Act
    const result = CreateComplaintRequestSchema.parse({ ...validBody, subject: '  Hello \n', description: '\tThere ' });

    // Assess
    expect(result.subject).toBe('Hello');
    expect(result.description).toBe('There');
  });

  it('keeps line breaks and tabs inside the text', () => {
    // Prepare
    const description = 'First line\nSecond line\r\n\tindented';

    // Act
    const result = CreateComplaintRequestSchema.parse({ ...validBody, description });

    // Assess
    expect(result.description).toBe(description);
  });

  describe('rejects', () => {
    it('an unknown top-level field, naming it', () => {
      // Act
      const result = CreateComplaintRequestSchema.safeParse({ ...validBody, priority: 'high' });

      // Assess
      expect(result.success).toBe(false);
      expect(result.error?.issues).toEqual([expect.objectContaining({ code: 'unrecognized_keys', keys: ['priority'], path: [] })]);
    });

    it('an unknown field inside contact, naming it', () => {
      // Act
      const result = CreateComplaintRequestSchema.safeParse({ ...validBody, contact: { email: 'ada@example.com', fax: '1' } });

      // Assess
      expect(result.success).toBe(false);
      expect(result.error?.issues).toEqual([
        expect.objectContaining({ code: 'unrecognized_keys', keys: ['fax'], path: ['contact'] }),
      ]);
    });

    it.each([
      { field: 'channel', value: 'fax' },
      { field: 'channel', value: 'WEB' },
      { field: 'category', value: 'spam' },
      { field: 'category', value: '' },
    ])('$field = "$value" (not one of the enum values)', ({ field, value }) => {
      expect(issuesOf({ ...validBody, [field]: value })).toEqual([{ path: field, code: 'invalid_value' }]);
    });

    it.each(['channel', 'category', 'subject', 'description'])('a body without %s', (field) => {
      // Prepare
      const body: Record<string, unknown> = { ...validBody };
      delete body[field];

      // Act / Assess
      expect(issuesOf(body).map((issue) => issue.path)).toEqual([field]);
    });

    it.each([null, [], 'text', 42])('a body that is not an object: %j', (body) => {
      expect(issuesOf(body)).toEqual([{ path: '', code: 'invalid_type' }]);
    });
  });

  describe('length limits', () => {
    it(`accepts a subject of exactly ${SUBJECT_MAX} characters and rejects ${SUBJECT_MAX + 1}`, () => {
      // Prepare
      const atLimit = 's'.repeat(SUBJECT_MAX);
      const overLimit = 's'.repeat(SUBJECT_MAX + 1);

      // Act
      const accepted = issuesOf({ ...validBody, subject: atLimit });
      const refused = issuesOf({ ...validBody, subject: overLimit });

      // Assess
      expect(SUBJECT_MAX).toBe(200);
      expect(accepted).toEqual([]);
      expect(refused).toEqual([{ path: 'subject', code: 'too_big' }]);
    });

    it(`accepts a description of exactly ${DESCRIPTION_MAX} characters and rejects ${DESCRIPTION_MAX + 1}`, () => {
      // Act
      const accepted = issuesOf({ ...validBody, description: 'd'.repeat(DESCRIPTION_MAX) });
      const refused = issuesOf({ ...validBody, description: 'd'.repeat(DESCRIPTION_MAX + 1) });

      // Assess
      expect(DESCRIPTION_MAX).toBe(5000);
      expect(accepted).toEqual([]);
      expect(refused).toEqual([{ path: 'description', code: 'too_big' }]);
    });

    it('measures the subject after trimming', () => {
      // Act / Assess
      expect(issuesOf({ ...validBody, subject: `  ${'s'.repeat(SUBJECT_MAX)}  ` })).toEqual([]);
    });
  });

  describe('text fields', () => {
    it.each([
      { name: 'empty', value: '' },
      { name: 'spaces only', value: '     ' },
      { name: 'line breaks and tabs only', value: '\n\t\r\n' },
      { name: 'no-break spaces only', value: '\u00A0\u2003' },
    ])('rejects a subject and a description that are $name', ({ value }) => {
      expect(issuesOf({ ...validBody, subject: value })).toEqual([{ path: 'subject', code: 'too_small' }]);
      expect(issuesOf({ ...validBody, description: value })).toEqual([{ path: 'description', code: 'too_small' }]);
    });

    it.each([
      { name: 'NUL', char: '\u0000' },
      { name: 'BEL', char: '\u0007' },
      { name: 'backspace', char: '\u0008' },
      { name: 'ESC (terminal escape)', char: '\u001B' },
      { name: 'DEL', char: '\u007F' },
    ])('rejects $name inside the subject and the description', ({ char }) => {
      expect(issuesOf({ ...validBody, subject: `Hello${char}World` })).toEqual([{ path: 'subject', code: 'invalid_format' }]);
      expect(issuesOf({ ...validBody, description: `Hello${char}World` })).toEqual([
        { path: 'description', code: 'invalid_format' },
      ]);
    });

    it.each([
      { name: 'a zero-width space', value: '\u200B' },
      { name: 'direction marks', value: '\u200E\u200F' },
      { name: 'a zero-width joiner and a word joiner', value: '\u200D\u2060' },
      { name: 'a Hangul filler', value: '\u3164' },
      { name: 'a combining mark on its own', value: '\u0301' },
    ])('rejects a subject and a description that show nothing: $name', ({ value }) => {
      expect(issuesOf({ ...validBody, subject: value })).toEqual([{ path: 'subject', code: 'custom' }]);
      expect(issuesOf({ ...validBody, description: `  ${value}  ` })).toEqual([{ path: 'description', code: 'custom' }]);
    });

    it.each([
      { name: 'an emoji', value: '\u{1F600}' },
      { name: 'an accented letter written with a combining mark', value: 'e\u0301' },
      { name: 'Arabic with its direction mark', value: '\u200Fمرحبا' },
    ])('accepts text that shows something: $name', ({ value }) => {
      expect(issuesOf({ ...validBody, subject: value })).toEqual([]);
    });

    it.each([
      { name: 'U+FFFF', char: '\uFFFF' },
      { name: 'U+FFFE', char: '\uFFFE' },
      { name: 'U+FDD0', char: '\uFDD0' },
    ])('rejects the noncharacter $name', ({ char }) => {
      expect(issuesOf({ ...validBody, subject: `Hello${char}World` })).toEqual([{ path: 'subject', code: 'invalid_format' }]);
    });

    it.each([
      { name: 'CSI (U+009B, the single-byte terminal escape)', char: '\u009B' },
      { name: 'OSC (U+009D, starts a terminal command)', char: '\u009D' },
    ])('rejects the C1 control character $name, which is as much a control character as C0', ({ char }) => {
      expect(issuesOf({ ...validBody, subject: `Hello${char}World` })).toEqual([{ path: 'subject', code: 'invalid_format' }]);
    });
  });

  describe('contact', () => {
    it('rejects an empty contact {}', () => {
      // Act
      const result = CreateComplaintRequestSchema.safeParse({ ...validBody, contact: {} });

      // Assess
      expect(result.success).toBe(false);
      expect(result.error?.issues).toEqual([
        expect.objectContaining({ path: ['contact'], message: 'Give an email, a phone number or both' }),
      ]);
    });

    it.each(['ada', 'ada@', '@example.com', 'ada@example', 'ada example@example.com', 'ada@example..com'])(
      'rejects the email %j',
      (email) => {
        expect(issuesOf({ ...validBody, contact: { email } })).toEqual([{ path: 'contact.email', code: 'invalid_format' }]);
      },
    );

    it('rejects an email longer than 254 characters', () => {
      // Prepare
      const email = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(60)}.com`;

      // Act / Assess
      expect(email.length).toBeGreaterThan(254);
      expect(issuesOf({ ...validBody, contact: { email } }).map((i) => i.path)).toContain('contact.email');
    });

    it.each(['12', 'call me', '+44 20 7946 0000 ext. 5', '++4420794600'])('rejects the phone %j', (phone) => {
      expect(issuesOf({ ...validBody, contact: { phone } })).toEqual([{ path: 'contact.phone', code: 'invalid_format' }]);
    });
  });

  describe('relatedContentUrl', () => {
    it.each([
      'javascript:alert(1)',
      'JAVASCRIPT:alert(document.cookie)',
      'ftp://example.com/file.txt',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      'mailto:ada@example.com',
      'example.com/posts/42',
      'https://',
      'not a url',
    ])('rejects %j', (relatedContentUrl) => {
      expect(issuesOf({ ...validBody, relatedContentUrl })).toEqual([{ path: 'relatedContentUrl', code: 'invalid_format' }]);
    });

    it('accepts a URL of exactly 2048 characters and rejects 2049', () => {
      // Prepare
      const prefix = 'https://example.com/';
      const atLimit = prefix + 'a'.repeat(2048 - prefix.length);
      const overLimit = `${atLimit}a`;

      // Act
      const accepted = issuesOf({ ...validBody, relatedContentUrl: atLimit });
      const refused = issuesOf({ ...validBody, relatedContentUrl: overLimit });

      // Assess
      expect(atLimit).toHaveLength(2048);
      expect(accepted).toEqual([]);
      expect(refused).toEqual([{ path: 'relatedContentUrl', code: 'too_big' }]);
    });
  });
});

describe('ListComplaintsQuerySchema', () => {
  it('accepts an empty query (limit and cursor are optional)', () => {
    expect(ListComplaintsQuerySchema.parse({})).toEqual({});
  });

  it.each([
    { raw: '1', limit: 1 },
    { raw: '20', limit: 20 },
    { raw: '100', limit: 100 },
  ])('parses limit "$raw" to the number $limit', ({ raw, limit }) => {
    // Act
    const query = ListComplaintsQuerySchema.parse({ limit: raw });

    // Assess
    expect(query).toEqual({ limit });
  });

  it.each(['0', '101', '-1', '1.5', 'abc', '', ' 5', '1e2', '0x10', '1000'])(
    'rejects limit %j with the documented message',
    (raw) => {
      // Act
      const result = ListComplaintsQuerySchema.safeParse({ limit: raw });

      // Assess
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))).toEqual([
        { path: 'limit', message: 'Must be a whole number from 1 to 100' },
      ]);
    },
  );

  it('passes a cursor through untouched', () => {
    expect(ListComplaintsQuerySchema.parse({ cursor: 'eyJwayI6IngifQ', limit: '5' })).toEqual({
      cursor: 'eyJwayI6IngifQ',
      limit: 5,
    });
  });

  it('rejects an empty cursor and one over 1024 characters', () => {
    expect(ListComplaintsQuerySchema.safeParse({ cursor: '' }).success).toBe(false);
    expect(ListComplaintsQuerySchema.safeParse({ cursor: 'c'.repeat(1025) }).success).toBe(false);
    expect(ListComplaintsQuerySchema.safeParse({ cursor: 'c'.repeat(1024) }).success).toBe(true);
  });

  it('rejects an unknown query parameter, naming it', () => {
    // Act
    const result = ListComplaintsQuerySchema.safeParse({ limit: '10', offset: '20' });

    // Assess
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([expect.objectContaining({ code: 'unrecognized_keys', keys: ['offset'] })]);
  });
});
