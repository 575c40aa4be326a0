import { problemFrom } from '../support/problems.ts';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { CreateComplaintRequestSchema } from '#shared/customer-service/http/schemas.ts';
import { headerValue, IdempotencyKeySchema, MAX_BODY_BYTES, readHeader, readJsonBody, readQuery } from '#shared/http/request.ts';
import { apiEvent } from './support/api-event.ts';

const validBody = {
  channel: 'web',
  category: 'privacy',
  subject: 'Profile shows my address',
  description: 'My address is visible although my profile is private.',
};

const jsonEvent = (body: string | undefined, contentType: string | null = 'application/json', isBase64Encoded = false) =>
  apiEvent({ headers: contentType === null ? {} : { 'content-type': contentType }, body, isBase64Encoded });


/** A JSON document of exactly `size` bytes: `{"p":"xxx…"}`. */
const jsonOfBytes = (size: number) => {
  const overhead = JSON.stringify({ p: '' }).length;
  return JSON.stringify({ p: 'x'.repeat(size - overhead) });
};

const AnySchema = z.object({ p: z.string() });

describe('readJsonBody', () => {
  describe('hazardous JSON', () => {
    it.each([
      { name: 'a __proto__ key', body: '{"p":"x","__proto__":{"polluted":true}}', detail: '__proto__' },
      { name: 'a nested __proto__ key', body: '{"p":"x","q":{"__proto__":1}}', detail: '__proto__' },
      { name: 'a lone high surrogate', body: '{"p":"\\ud800"}', detail: 'Unicode' },
      { name: 'a lone low surrogate', body: '{"p":"a\\udc00b"}', detail: 'Unicode' },
    ])('refuses $name with 400', ({ body, detail }) => {
      // Act
      const error = problemFrom(() => readJsonBody(jsonEvent(body), z.unknown()));

      // Assess
      expect(error.problem).toMatchObject({ status: 400, type: 'urn:user-protection:problem:malformed-json' });
      expect(error.problem.detail).toContain(detail);
    });

    it('keeps text with surrogate pairs (emoji) as sent', () => {
      // Act
      const parsed = readJsonBody(jsonEvent('{"p":"\\ud83d\\udca9 ok"}'), AnySchema);

      // Assess
      expect(parsed.p).toBe('\u{1F4A9} ok');
    });
  });

  describe('content type', () => {
    it.each([
      { name: 'missing', contentType: null },
      { name: 'text/plain', contentType: 'text/plain' },
      { name: 'form encoded', contentType: 'application/x-www-form-urlencoded' },
      { name: 'multipart', contentType: 'multipart/form-data; boundary=x' },
      { name: 'a JSON look-alike', contentType: 'application/jsonp' },
      { name: 'text/json', contentType: 'text/json' },
      { name: 'empty', contentType: '' },
    ])('refuses a $name content type with 415 before reading the body', ({ contentType }) => {
      // Prepare: a valid body, so only the content type can be at fault.
      const event = jsonEvent(JSON.stringify(validBody), contentType);

      // Act
      const error = problemFrom(() => readJsonBody(event, CreateComplaintRequestSchema));

      // Assess
      expect(error.problem).toMatchObject({ status: 415, type: 'urn:user-protection:problem:unsupported-media-type' });
    });

    it.each([
      'application/json',
      'application/json; charset=utf-8',
      'Application/JSON;charset=UTF-8',
      'application/merge-patch+json',
      'application/problem+json',
    ])('accepts %j', (contentType) => {
      // Act
      const body = readJsonBody(jsonEvent(JSON.stringify(validBody), contentType), CreateComplaintRequestSchema);

      // Assess
      expect(body).toEqual(validBody);
    });

    it('finds the content type whatever the case of the header name', () => {
      // Prepare
      const event = apiEvent({ headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(validBody) });

      // Act
      const body = readJsonBody(event, CreateComplaintRequestSchema);

      // Assess
      expect(body).toEqual(validBody);
    });
  });

  describe('size', () => {
    it(`accepts a body of exactly ${MAX_BODY_BYTES} bytes`, () => {
      // Prepare
      const raw = jsonOfBytes(65_536);

      // Act
      const body = readJsonBody(jsonEvent(raw), AnySchema);

      // Assess
      expect(Buffer.byteLength(raw)).toBe(65_536);
      expect(body.p).toHaveLength(65_536 - 8);
    });

    it(`refuses a body of ${MAX_BODY_BYTES + 1} bytes with 413`, () => {
      // Prepare
      const raw = jsonOfBytes(65_537);

      // Act
      const error = problemFrom(() => readJsonBody(jsonEvent(raw), AnySchema));

      // Assess
      expect(error.problem).toMatchObject({ status: 413, type: 'urn:user-protection:problem:payload-too-large' });
    });

    it('counts bytes, not characters: 21,846 three-byte characters are over the limit', () => {
      // Prepare: 21,846 × 3 bytes + 8 = 65,546 bytes, though only 21,854 characters.
      const raw = JSON.stringify({ p: '€'.repeat(21_846) });

      // Act
      const error = problemFrom(() => readJsonBody(jsonEvent(raw), AnySchema));

      // Assess
      expect(raw.length).toBeLessThan(MAX_BODY_BYTES);
      expect(error.problem.status).toBe(413);
    });

    it('measures a base64-encoded body after decoding it: 65,536 decoded bytes are accepted', () => {
      // Prepare: the base64 text is about 87 KiB, the body it carries is exactly 64 KiB.
      const encoded = Buffer.from(jsonOfBytes(65_536)).toString('base64');

      // Act
      const body = readJsonBody(jsonEvent(encoded, 'application/json', true), AnySchema);

      // Assess
      expect(encoded.length).toBeGreaterThan(MAX_BODY_BYTES);
      expect(body.p).toHaveLength(65_536 - 8);
    });

    it('measures a base64-encoded body after decoding it: 65,537 decoded bytes are refused', () => {
      // Prepare
      const encoded = Buffer.from(jsonOfBytes(65_537)).toString('base64');

      // Act
      const error = problemFrom(() => readJsonBody(jsonEvent(encoded, 'application/json', true), AnySchema));

      // Assess
      expect(error.problem.status).toBe(413);
    });

    it('decodes a small base64-encoded body before parsing it', () => {
      // Prepare
      const encoded = Buffer.from(JSON.stringify(validBody)).toString('base64');

      // Act
      const body = readJsonBody(jsonEvent(encoded, 'application/json', true), CreateComplaintRequestSchema);

      // Assess
      expect(body).toEqual(validBody);
    });
  });

  describe('JSON syntax', () => {
    it.each([
      { name: 'a missing body', body: undefined },
      { name: 'an empty body', body: '' },
      { name: 'a truncated object', body: '{"channel": "web",' },
      { name: 'single quotes', body: "{'channel': 'web'}" },
      { name: 'a trailing comma', body: '{"channel": "web",}' },
      { name: 'bare words', body: 'channel=web' },
    ])('refuses $name with 400 malformed-json', ({ body }) => {
      // Act
      const error = problemFrom(() => readJsonBody(jsonEvent(body), CreateComplaintRequestSchema));

      // Assess
      expect(error.problem).toMatchObject({ status: 400, type: 'urn:user-protection:problem:malformed-json' });
      expect(error.problem.errors).toBeUndefined();
    });
  });

  describe('schema', () => {
    it('refuses an invalid field with 400 and an error naming its dotted path in the body', () => {
      // Prepare
      const event = jsonEvent(JSON.stringify({ ...validBody, contact: { email: 'not-an-email' } }));

      // Act
      const error = problemFrom(() => readJsonBody(event, CreateComplaintRequestSchema));

      // Assess
      expect(error.problem).toMatchObject({ status: 400, type: 'urn:user-protection:problem:validation-failed' });
      expect(error.problem.errors).toEqual([{ in: 'body', path: 'contact.email', message: expect.any(String) }]);
      expect(error.problem.errors?.[0]?.message).not.toBe('');
    });

    it('reports every invalid field, not just the first', () => {
      // Prepare
      const event = jsonEvent(JSON.stringify({ ...validBody, channel: 'fax', subject: '   ' }));

      // Act
      const error = problemFrom(() => readJsonBody(event, CreateComplaintRequestSchema));

      // Assess
      expect(error.problem.errors?.map((e) => e.path).sort()).toEqual(['channel', 'subject']);
    });

    it('reports unknown keys one per key, each at its own path', () => {
      // Prepare
      const event = jsonEvent(
        JSON.stringify({ ...validBody, priority: 'high', ownerId: 'someone-else', contact: { email: 'ada@example.com', fax: '1' } }),
      );

      // Act
      const error = problemFrom(() => readJsonBody(event, CreateComplaintRequestSchema));

      // Assess
      expect(error.problem.errors).toEqual(
        expect.arrayContaining([
          { in: 'body', path: 'priority', message: 'Unknown field' },
          { in: 'body', path: 'ownerId', message: 'Unknown field' },
          { in: 'body', path: 'contact.fax', message: 'Unknown field' },
        ]),
      );
      expect(error.problem.errors).toHaveLength(3);
    });

    it('returns the parsed (trimmed) body when it is valid', () => {
      // Act
      const body = readJsonBody(jsonEvent(JSON.stringify({ ...validBody, subject: '  padded  ' })), CreateComplaintRequestSchema);

      // Assess
      expect(body.subject).toBe('padded');
    });
  });
});

describe('readQuery', () => {
  it('validates the query string and reports errors in the query', () => {
    // Prepare
    const event = apiEvent({ queryStringParameters: { limit: '0' } });
    const schema = z.strictObject({ limit: z.string().check(z.regex(/^[1-9]$/, 'One digit')) });

    // Act
    const error = problemFrom(() => readQuery(event, schema));

    // Assess
    expect(error.problem.errors).toEqual([{ in: 'query', path: 'limit', message: 'One digit' }]);
  });

  it('treats a request without a query string as an empty query', () => {
    // Act
    const query = readQuery(apiEvent(), z.strictObject({ limit: z.optional(z.string()) }));

    // Assess
    expect(query).toEqual({});
  });
});

describe('readHeader', () => {
  it('returns the parsed header value', () => {
    // Prepare
    const event = apiEvent({ headers: { 'idempotency-key': 'order-12345678' } });

    // Act
    const key = readHeader(event, 'idempotency-key', IdempotencyKeySchema);

    // Assess
    expect(key).toBe('order-12345678');
  });

  it('names the header in each error', () => {
    // Prepare
    const event = apiEvent({ headers: { 'idempotency-key': 'short' } });

    // Act
    const error = problemFrom(() => readHeader(event, 'idempotency-key', IdempotencyKeySchema));

    // Assess
    expect(error.problem).toMatchObject({ status: 400, type: 'urn:user-protection:problem:validation-failed' });
    expect(error.problem.errors).toEqual([{ in: 'header', path: 'idempotency-key', message: expect.stringMatching(/8 to 128/) }]);
  });

  it('names the header when a required header is missing', () => {
    // Act
    const error = problemFrom(() => readHeader(apiEvent(), 'x-access-reason', z.string()));

    // Assess
    expect(error.problem.errors).toEqual([{ in: 'header', path: 'x-access-reason', message: expect.any(String) }]);
  });

  it('passes an absent optional header as undefined', () => {
    // Act
    const value = readHeader(apiEvent(), 'idempotency-key', z.optional(IdempotencyKeySchema));

    // Assess
    expect(value).toBeUndefined();
  });
});

describe('headerValue', () => {
  it.each(['content-type', 'Content-Type', 'CONTENT-TYPE', 'cOnTeNt-TyPe'])('finds the header asked for as %j', (name) => {
    // Prepare
    const event = { headers: { 'Content-Type': 'application/json', accept: 'text/html' } };

    // Act / Assess
    expect(headerValue(event, name)).toBe('application/json');
  });

  it('returns undefined for an absent header and for an event without headers', () => {
    expect(headerValue({ headers: { accept: 'text/html' } }, 'content-type')).toBeUndefined();
    expect(headerValue({} as { headers: Record<string, string> }, 'content-type')).toBeUndefined();
  });
});
