import { describe, expect, it } from 'vitest';
import { ConfigError } from '#shared/config.ts';
import { chooseLanguage } from '#shared/transparency/domain/language.ts';
import { renderPolicyMarkdown, renderPolicyTexts } from '#shared/transparency/domain/markdown.ts';
import { diffPolicyText } from '#shared/transparency/domain/policy-diff.ts';
import {
  contentHashOf,
  earliestEffectiveDate,
  editDraft,
  newDraft,
  type PolicyContent,
  PolicyRefusal,
  policyTimeline,
  publishDraft,
} from '#shared/transparency/domain/privacy-policy.ts';
import { readMinNoticeDays } from '#shared/transparency/wiring/transparency-api.ts';

const content = (overrides: Partial<PolicyContent> = {}): PolicyContent => ({
  text: { en: '# Privacy\n\nWe keep your data safe.\n', 'zh-CN': '# 隐私\n\n我们保护您的数据。\n' },
  effectiveDate: '2031-03-01',
  summaryOfChanges: { en: 'First version', 'zh-CN': '第一版' },
  ...overrides,
});
const now = new Date('2031-01-15T10:00:00.000Z');
const options = { by: 'comms-1', now, minNoticeDays: 30, render: renderPolicyTexts };

/** Why a change was refused, or 'none'. */
const refusalOf = (change: () => unknown): string => {
  try {
    change();
    return 'none';
  } catch (error) {
    if (error instanceof PolicyRefusal) return error.reason;
    throw error;
  }
};

describe('drafts', () => {
  it('can be edited, each save naming the revision it read', () => {
    const draft = newDraft('ppd_1', content(), 'comms-1', now);
    const edited = editDraft(draft, content({ effectiveDate: '2031-04-01' }), 1, 'comms-2', now);
    expect([edited.revision, edited.effectiveDate, edited.updatedBy, edited.createdBy]).toEqual([2, '2031-04-01', 'comms-2', 'comms-1']);
    expect(refusalOf(() => editDraft(edited, content(), 1, 'comms-1', now))).toBe('revision-conflict');
  });

  it('cannot be edited or published again once published', () => {
    const { draft } = publishDraft(newDraft('ppd_1', content({ effectiveDate: '2031-01-15' }), 'comms-1', now), undefined, options);
    expect(draft.status).toBe('published');
    expect(refusalOf(() => editDraft(draft, content(), draft.revision, 'comms-1', now))).toBe('already-published');
    expect(refusalOf(() => publishDraft(draft, undefined, options))).toBe('already-published');
  });
});

describe('publishing', () => {
  it('numbers versions one after another, hashes the content and names the version superseded', () => {
    const first = publishDraft(newDraft('ppd_1', content({ effectiveDate: '2031-01-15' }), 'comms-1', now), undefined, options).version;
    const second = publishDraft(newDraft('ppd_2', content({ effectiveDate: '2031-02-15' }), 'comms-1', now), first, options).version;

    expect([first.number, first.supersedes, second.number, second.supersedes]).toEqual([1, null, 2, 1]);
    expect(second.contentHash).toBe(contentHashOf(content({ effectiveDate: '2031-02-15' })));
    expect(second.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(second.contentHash).not.toBe(first.contentHash);
    expect([second.publishedAt, second.draftId]).toEqual([now.toISOString(), 'ppd_2']);
  });

  it('renders the texts once, when publishing, and keeps the HTML with the version', () => {
    const rendered: string[] = [];
    const render = (text: Record<'en' | 'zh-CN', string>) => {
      rendered.push(text.en);
      return renderPolicyTexts(text);
    };
    const { version } = publishDraft(newDraft('ppd_1', content({ effectiveDate: '2031-01-15' }), 'comms-1', now), undefined, { ...options, render });
    expect(rendered).toHaveLength(1);
    expect(version.html).toEqual({ en: '<h1>Privacy</h1>\n<p>We keep your data safe.</p>\n', 'zh-CN': '<h1>隐私</h1>\n<p>我们保护您的数据。</p>\n' });
  });

  it('hashes every language and the summary: changing any of them changes the hash', () => {
    const base = contentHashOf(content());
    expect(contentHashOf(content({ text: { ...content().text, 'zh-CN': '改了' } }))).not.toBe(base);
    expect(contentHashOf(content({ summaryOfChanges: { ...content().summaryOfChanges, en: 'Other' } }))).not.toBe(base);
    expect(contentHashOf(content())).toBe(base);
  });

  it('requires the minimum notice for a new version, counted in whole 24-hour days', () => {
    const first = publishDraft(newDraft('ppd_1', content({ effectiveDate: '2031-01-15' }), 'comms-1', now), undefined, options).version;
    // 10:00 on Jan 15 + 30 days is 10:00 on Feb 14: the first whole day after it is Feb 15.
    expect(earliestEffectiveDate(now, 30)).toBe('2031-02-15');
    const draftOn = (effectiveDate: string) => newDraft('ppd_2', content({ effectiveDate }), 'comms-1', now);
    expect(refusalOf(() => publishDraft(draftOn('2031-02-14'), first, options))).toBe('insufficient-notice');
    expect(refusalOf(() => publishDraft(draftOn('2031-02-15'), first, options))).toBe('none');
    expect(refusalOf(() => publishDraft(draftOn('2031-01-20'), first, { ...options, minNoticeDays: 5 }))).toBe('insufficient-notice');
    expect(refusalOf(() => publishDraft(draftOn('2031-01-21'), first, { ...options, minNoticeDays: 5 }))).toBe('none');
  });

  it('lets the first version take effect the day it is published, not before', () => {
    const draftOn = (effectiveDate: string) => newDraft('ppd_1', content({ effectiveDate }), 'comms-1', now);
    expect(refusalOf(() => publishDraft(draftOn('2031-01-15'), undefined, options))).toBe('none');
    expect(refusalOf(() => publishDraft(draftOn('2031-01-14'), undefined, options))).toBe('insufficient-notice');
  });

  it('refuses a version that would take effect no later than the one it supersedes', () => {
    const latest = { ...publishDraft(newDraft('ppd_1', content({ effectiveDate: '2031-06-01' }), 'comms-1', now), undefined, options).version };
    expect(refusalOf(() => publishDraft(newDraft('ppd_2', content({ effectiveDate: '2031-06-01' }), 'comms-1', now), latest, options))).toBe(
      'effective-date-order',
    );
  });
});

describe('the version in force', () => {
  const versions = [
    { number: 1, effectiveDate: '2031-01-01' },
    { number: 2, effectiveDate: '2031-03-01' },
    { number: 3, effectiveDate: '2031-05-01' },
  ];

  it('is the newest whose effective day has come; the next one is announced', () => {
    const { inForce, upcoming, statusOf } = policyTimeline(versions, new Date('2031-04-30T23:59:59.999Z'));
    expect([inForce?.number, upcoming?.number]).toEqual([2, 3]);
    expect(versions.map(statusOf)).toEqual(['superseded', 'in-force', 'upcoming']);
  });

  it('changes at 00:00 UTC of the effective day', () => {
    const { inForce, upcoming } = policyTimeline(versions, new Date('2031-05-01T00:00:00.000Z'));
    expect([inForce?.number, upcoming]).toEqual([3, undefined]);
  });

  it('is none before the first takes effect', () => {
    const { inForce, upcoming, statusOf } = policyTimeline(versions.slice(0, 1), new Date('2030-12-31T12:00:00Z'));
    expect([inForce, upcoming?.number, statusOf(versions[0]!)]).toEqual([undefined, 1, 'upcoming']);
  });
});

describe('rendering', () => {
  it('renders Markdown and shows raw HTML and script links as text', () => {
    const html = renderPolicyMarkdown('## Your rights\n\n<script>alert(1)</script> [x](javascript:alert(1)) [y](https://example.org)\n\n<img src=x onerror=alert(1)>');
    expect(html).toContain('<h2>Your rights</h2>');
    expect(html).toContain('<a href="https://example.org" rel="noopener noreferrer nofollow">y</a>');
    expect(html).not.toMatch(/<script|<img|href="javascript/i);
    expect(html).toContain('&lt;script&gt;');
  });

  it('keeps links to the web, mail and the same site, and shows any other link as its text', () => {
    const html = renderPolicyMarkdown('[a](/rights) [b](mailto:dpo@example.org) [c](//example.org) [d](ftp://example.org) [e](data:text/html,x)');
    expect(html).toContain('<a href="/rights" rel="noopener noreferrer nofollow">a</a>');
    expect(html).toContain('<a href="mailto:dpo@example.org" rel="noopener noreferrer nofollow">b</a>');
    expect(html).toContain('[c](//example.org) [d](ftp://example.org) [e](data:text/html,x)');
  });

  it('shows an image as its text and drops the language class of a code block', () => {
    const html = renderPolicyMarkdown('![Our office](https://example.org/office.png)\n\n```js\nkeep()\n```');
    expect(html).toContain('<p>Our office</p>');
    expect(html).toContain('<pre><code>keep()\n</code></pre>');
    expect(html).not.toMatch(/<img|class=/);
  });

  it('keeps the alignment of a table column', () => {
    expect(renderPolicyMarkdown('| Data | Kept |\n|:--|--:|\n| Email | 2 years |')).toContain('<td style="text-align:right">2 years</td>');
  });

  it('keeps tables and lists', () => {
    const html = renderPolicyMarkdown('- one\n- two\n\n| Data | Kept |\n|---|---|\n| Email | 2 years |');
    expect(html).toMatch(/<ul>\s*<li>one<\/li>/);
    expect(html).toContain('<td>2 years</td>');
  });
});

describe('diff', () => {
  it('gives the changed lines as hunks with context and line numbers of both texts', () => {
    const older = ['# Privacy', '', 'We keep data for 2 years.', '', 'Contact us.'].join('\n');
    const newer = ['# Privacy', '', 'We keep data for 1 year.', '', 'Contact us.', 'Complain to the regulator.'].join('\n');
    const hunks = diffPolicyText(older, newer);
    expect(hunks).toHaveLength(1);
    expect(hunks[0]).toMatchObject({ oldStart: 1, newStart: 1 });
    expect(hunks[0]!.lines.filter((line) => line.op !== 'context')).toEqual([
      { op: 'removed', text: 'We keep data for 2 years.' },
      { op: 'added', text: 'We keep data for 1 year.' },
      { op: 'added', text: 'Complain to the regulator.' },
    ]);
  });

  it('does not show an unchanged last line as changed when lines are added after it', () => {
    const hunks = diffPolicyText('Intro\nContact us.', 'Intro\nContact us.\nComplain to the regulator.\n');
    expect(hunks.flatMap((hunk) => hunk.lines.filter((line) => line.op !== 'context'))).toEqual([{ op: 'added', text: 'Complain to the regulator.' }]);
  });

  it('is empty for the same text', () => {
    expect(diffPolicyText('a\nb\n', 'a\nb\n')).toEqual([]);
  });
});

describe('language', () => {
  it('takes lang first, then Accept-Language by quality, then English', () => {
    expect(chooseLanguage('zh-CN', 'en')).toBe('zh-CN');
    expect(chooseLanguage(undefined, 'fr;q=1, zh-Hans;q=0.8, en;q=0.5')).toBe('zh-CN');
    expect(chooseLanguage(undefined, 'en-GB, zh-CN;q=0.9')).toBe('en');
    expect(chooseLanguage(undefined, 'zh;q=0, de')).toBe('en');
    expect(chooseLanguage(undefined, undefined)).toBe('en');
  });
});

describe('the minimum notice', () => {
  it('is 30 days unless PRIVACY_POLICY_MIN_NOTICE_DAYS says otherwise, and refuses what is not a number of days', () => {
    expect(readMinNoticeDays({})).toBe(30);
    expect(readMinNoticeDays({ PRIVACY_POLICY_MIN_NOTICE_DAYS: '45' })).toBe(45);
    expect(readMinNoticeDays({ PRIVACY_POLICY_MIN_NOTICE_DAYS: '0' })).toBe(0);
    for (const wrong of ['-1', '2.5', 'thirty', '366']) {
      expect(() => readMinNoticeDays({ PRIVACY_POLICY_MIN_NOTICE_DAYS: wrong })).toThrow(ConfigError);
    }
  });
});
