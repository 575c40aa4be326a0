import { describe, expect, it } from 'vitest';
import { escapeEmailHtml, fillerOf } from '#shared/notifications/templates/fields.ts';

const params = {
  reference: 'cmp_7',
  points: 0,
  outcome: 'upheld',
  priority: 'urgent',
  hostile: `<b>"&'\`=</b>`,
  empty: '',
  missingValue: undefined,
  at: '2031-02-03T04:05:00.000Z',
  codes: 'high,low',
  list: [] as string[],
};
const fields = fillerOf(params, 'en');

describe('a template string’s expressions', () => {
  it.each([
    { source: 'Complaint {{reference}}.', text: 'Complaint cmp_7.' },
    { source: '{{ reference }}', text: 'cmp_7' },
    { source: '{{points}} points', text: '0 points' },
    { source: '[{{missingValue}}]', text: '[]' },
    { source: 'On {{time at}}', text: 'On February 3, 2031 at 04:05 UTC' },
    { source: 'Priority: {{term "priority" priority}}', text: 'Priority: Urgent' },
    { source: '{{terms "priority" codes}}', text: 'High and Low' },
    { source: 'no expression at all', text: 'no expression at all' },
  ])('fills $source', ({ source, text }) => {
    expect(fields.text(source)).toBe(text);
  });

  it('prints a parameter as it is in text, escaped in HTML, and escapes the literal text around it in HTML', () => {
    expect(fields.text('x < {{hostile}}')).toBe(`x < <b>"&'\`=</b>`);
    expect(fields.html('x < {{hostile}}')).toBe('x &lt; &lt;b&gt;&quot;&amp;&#x27;&#x60;&#x3D;&lt;/b&gt;');
  });

  it('escapes what a helper prints in HTML too', () => {
    expect(fillerOf({ priority: '<i>new</i>' }, 'en').html('{{term "priority" priority}}')).toBe('&lt;i&gt;new&lt;/i&gt;');
  });

  it('uses the locale for times', () => {
    expect(fillerOf(params, 'zh-CN').text('{{time at}}')).toBe('2031年2月3日 UTC 04:05');
  });

  it.each([
    { case: 'a parameter the message does not have', source: '{{nope}}', error: TypeError },
    { case: 'an inherited property', source: '{{constructor}}', error: TypeError },
    { case: 'unescaped output', source: '{{{reference}}}', error: SyntaxError },
    { case: 'a block', source: '{{#if reference}}x{{/if}}', error: SyntaxError },
    { case: 'a partial', source: '{{> footer}}', error: SyntaxError },
    { case: 'an unknown helper', source: '{{upper reference}}', error: SyntaxError },
    { case: 'a path into a parameter', source: '{{reference.length}}', error: SyntaxError },
    { case: "a helper's argument that is neither text nor a parameter", source: '{{term vocabulary.x outcome}}', error: SyntaxError },
    { case: 'a time helper without a text', source: '{{time nope}}', error: TypeError },
    { case: 'a time that is not one', source: '{{time reference}}', error: RangeError },
  ])('refuses $case', ({ source, error }) => {
    expect(() => fields.text(source)).toThrow(error);
    expect(() => fields.html(source)).toThrow(error);
  });
});

describe('whether an optional block shows', () => {
  it.each([
    { field: 'reference', shows: true },
    { field: 'empty', shows: false },
    { field: 'points', shows: false },
    { field: 'missingValue', shows: false },
    { field: 'absent', shows: false },
    { field: 'list', shows: false },
    { field: 'toString', shows: false },
  ])('$field: $shows', ({ field, shows }) => {
    expect(fields.shows(field)).toBe(shows);
  });
});

describe('escapeEmailHtml', () => {
  it('escapes the characters that end text or an attribute value, and the ones that start markup', () => {
    expect(escapeEmailHtml(`a&b<c>d"e'f\`g=h`)).toBe('a&amp;b&lt;c&gt;d&quot;e&#x27;f&#x60;g&#x3D;h');
    expect(escapeEmailHtml('纯文本 plain')).toBe('纯文本 plain');
  });
});
