import { describe, expect, it } from 'vitest';
import { DecisionRequestSchema } from '#shared/moderation/http/schemas/cases.ts';
import {
  decideCase,
  openScreeningCase,
  statementFor,
  triage,
  type CaseState,
  type DecisionInput,
  type NoticeState,
} from '#shared/moderation/domain/index.ts';
import { toTransparencyStatement, transparencyErrors } from '#shared/moderation/domain/transparency-db.ts';
import { actions, isRestriction, noticeCategories, type Restriction } from '#shared/moderation/domain/taxonomy.ts';
import { notice, restriction } from './support/moderation-fixtures.ts';

/**
 * Statements of reasons against the Transparency Database's validation rules (required and
 * conditional fields, enumerations, lengths, formats): every restriction and category exported
 * passes; each rule, broken on purpose, is caught.
 */

const now = new Date('2026-03-02T09:00:00.000Z');
const caseFor = (over: Partial<NoticeState> = {}): CaseState =>
  triage({ notice: notice(over), content: {}, reporterReputation: 0, newCaseId: 'case_01JCASE00000000000000000AA', now }).caseState!;

const decision = (action: Restriction, over: Partial<DecisionInput> = {}): DecisionInput & { action: Restriction } =>
  restriction(action, { affectedAccountId: 'author-1', ...over });

const exported = (action: Restriction, over: Partial<DecisionInput> = {}, c: CaseState = caseFor()) =>
  toTransparencyStatement(statementFor({ caseState: c, decision: decision(action, over), puid: 'sor_01JSTATEMENT000000000000AA', now }));

describe('statements of reasons in the Transparency Database format', () => {
  const restrictions = actions.filter(isRestriction);

  it.each(restrictions)('%s exports a statement the database accepts', (action) => {
    // Act
    const statement = exported(action);

    // Assess
    expect(transparencyErrors(statement)).toBeUndefined();
  });

  it.each(noticeCategories)('notices of category %s export a valid statement', (category) => {
    // Act
    const statement = exported('remove', {}, caseFor({ category }));

    // Assess
    expect(transparencyErrors(statement)).toBeUndefined();
  });

  it('maps the elements the DSA requires: measure, duration, ground, source, automation, without personal data', () => {
    // Act
    const trusted = exported('suspend_account', { ground: 'illegal', territorialScope: ['DE'], contentLanguage: 'DE' }, caseFor({ reporterKind: 'trusted_flagger' }));
    const screening = exported(
      'remove',
      {},
      openScreeningCase({ id: 'case_01JCASE00000000000000000AB', contentId: 'post-2', category: 'false_advertising', content: { contentType: 'image' }, signals: ['rule:miracle-cure'], now }),
    );

    // Assess
    expect(trusted).toMatchObject({
      decision_account: 'DECISION_ACCOUNT_SUSPENDED',
      end_date_account_restriction: '2026-04-01',
      decision_ground: 'DECISION_GROUND_ILLEGAL_CONTENT',
      illegal_content_legal_ground: 'Terms 4.2',
      source_type: 'SOURCE_TRUSTED_FLAGGER',
      automated_detection: 'No',
      automated_decision: 'AUTOMATED_DECISION_NOT_AUTOMATED',
      category: 'STATEMENT_CATEGORY_SCAMS_AND_FRAUD',
      application_date: '2026-03-02',
      content_date: '2026-03-01',
    });
    expect(screening).toMatchObject({
      source_type: 'SOURCE_VOLUNTARY',
      automated_detection: 'Yes',
      content_type: ['CONTENT_TYPE_IMAGE'],
      category: 'STATEMENT_CATEGORY_CONSUMER_INFORMATION',
      category_specification: ['KEYWORD_MISLEADING_INFO_GOODS_SERVICES'],
    });
    expect(JSON.stringify([trusted, screening])).not.toMatch(/author-1|alice|platform\.example/);
  });

  const valid = () => exported('remove') as Record<string, unknown>;
  const broken: Array<[string, (s: Record<string, unknown>) => void, string]> = [
    ['no decision field at all', (s) => delete s.decision_visibility, 'decision_visibility'],
    ['an unknown visibility value', (s) => (s.decision_visibility = ['DECISION_VISIBILITY_HIDDEN']), 'decision_visibility.0'],
    ['OTHER without its text', (s) => (s.decision_visibility = ['DECISION_VISIBILITY_OTHER']), 'decision_visibility_other'],
    ['incompatible ground without its explanation', (s) => delete s.incompatible_content_explanation, 'incompatible_content_explanation'],
    ['illegal ground without the legal ground', (s) => (s.decision_ground = 'DECISION_GROUND_ILLEGAL_CONTENT'), 'illegal_content_legal_ground'],
    ['a ground longer than 500', (s) => (s.incompatible_content_ground = 'x'.repeat(501)), 'incompatible_content_ground'],
    ['facts longer than 5000', (s) => (s.decision_facts = 'x'.repeat(5001)), 'decision_facts'],
    ['no content type', (s) => (s.content_type = []), 'content_type'],
    ['CONTENT_TYPE_OTHER without its text', (s) => (s.content_type = ['CONTENT_TYPE_OTHER']), 'content_type_other'],
    ['an unknown category', (s) => (s.category = 'STATEMENT_CATEGORY_SPAM'), 'category'],
    ['KEYWORD_OTHER without its text', (s) => (s.category_specification = ['KEYWORD_OTHER']), 'category_specification_other'],
    ['a territory outside the EU/EEA', (s) => (s.territorial_scope = ['US']), 'territorial_scope.0'],
    ['a lower-case language', (s) => (s.content_language = 'en'), 'content_language'],
    ['a content date before 2000', (s) => (s.content_date = '1999-12-31'), 'content_date'],
    ['an application date before 2020', (s) => (s.application_date = '2019-12-31'), 'application_date'],
    ['a date that is not YYYY-MM-DD', (s) => (s.content_date = '02/03/2026'), 'content_date'],
    ['an impossible calendar date', (s) => (s.content_date = '2026-02-30'), 'content_date'],
    ['an end date before the application date', (s) => (s.end_date_visibility_restriction = '2026-01-01'), 'end_date_visibility_restriction'],
    ['an unknown source', (s) => (s.source_type = 'SOURCE_EMAIL'), 'source_type'],
    ['a source identity on an own-initiative decision', (s) => ((s.source_type = 'SOURCE_VOLUNTARY'), (s.source_identity = 'x')), 'source_identity'],
    ['automated_detection not Yes/No', (s) => (s.automated_detection = true), 'automated_detection'],
    ['an unknown automated_decision', (s) => (s.automated_decision = 'AUTOMATED_DECISION_SOMETIMES'), 'automated_decision'],
    ['a puid with other characters', (s) => (s.puid = 'sor 01/abc'), 'puid'],
    ['a puid longer than 500', (s) => (s.puid = 'a'.repeat(501)), 'puid'],
    ['no puid', (s) => delete s.puid, 'puid'],
    ['a field the database does not know', (s) => (s.reporter_email = 'a@b.c'), ''],
  ];

  it.each(broken)('refuses %s', (_name, breakIt, field) => {
    // Prepare
    const statement = valid();
    breakIt(statement);

    // Act
    const errors = transparencyErrors(statement);

    // Assess
    expect(errors).toBeDefined();
    if (field) expect(Object.keys(errors!)).toContain(field);
  });
});

describe('statements refuse what the DSA or privacy forbids', () => {
  it.each([
    ['ground', { ground: undefined }],
    ['facts', { facts: ' ' }],
    ['groundReference', { groundReference: undefined }],
    ['facts', { facts: 'Reported by alice@example.com' }],
    ['facts', { facts: 'Call the seller on +44 20 7946 0999' }],
  ] as const)('refuses a restriction without a valid %s', (field, over) => {
    // Act + Assess
    expect(() => statementFor({ caseState: caseFor(), decision: decision('remove', over as Partial<DecisionInput>), puid: 'sor_x', now })).toThrow(
      expect.objectContaining({ field }),
    );
  });

  it('needs a duration for a suspension and none for a termination', () => {
    // Act + Assess
    expect(() => statementFor({ caseState: caseFor(), decision: decision('suspend_account', { durationDays: undefined }), puid: 'p', now })).toThrow(
      expect.objectContaining({ field: 'durationDays' }),
    );
    expect(() => statementFor({ caseState: caseFor(), decision: decision('terminate_account', { durationDays: 5 }), puid: 'p', now })).toThrow(
      expect.objectContaining({ field: 'durationDays' }),
    );
  });

  it('lets only the moderator holding an unexpired lease decide', () => {
    // Prepare
    const c = caseFor();

    // Act + Assess
    expect(() => decideCase({ caseState: c, moderatorId: 'mod', decision: { action: 'no_action' }, notices: [], puid: 'p', now })).toThrow(
      expect.objectContaining({ reason: 'claim-first' }),
    );
    const leased = { ...c, lease: { moderatorId: 'mod', expiresAt: '2026-03-02T08:59:00.000Z' } };
    expect(() => decideCase({ caseState: leased, moderatorId: 'mod', decision: { action: 'no_action' }, notices: [], puid: 'p', now })).toThrow(
      expect.objectContaining({ reason: 'lease-expired' }),
    );
  });
});

describe('the published fields of a decision request', () => {
  const request = { action: 'remove', ground: 'terms', groundReference: 'Terms 4.2', groundExplanation: 'A scam.', facts: 'The post asks for card details.' };

  it.each([
    ['groundReference', 'a line break', 'Terms 4.2\nand 4.3'],
    ['groundReference', 'a right-to-left override', 'Terms \u202E2.4'],
    ['groundExplanation', 'an escape sequence', 'A scam.\u001b[2J'],
    ['groundExplanation', 'a bidi isolate', 'A \u2066scam\u2069.'],
    ['facts', 'a NUL', 'The post\u0000 asks for card details.'],
    ['facts', 'a C1 control', 'The post \u009b asks for card details.'],
    ['facts', 'nothing visible', '\u200b\u200b'],
  ])('refuses %s with %s', (field, _name, value) => {
    // Act
    const parsed = DecisionRequestSchema.safeParse({ ...request, [field]: value });

    // Assess
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual([field]);
  });

  it('takes printable text, with line breaks in the explanation and the facts', () => {
    // Act
    const parsed = DecisionRequestSchema.safeParse({ ...request, groundExplanation: 'A scam:\n- fake prize\n- card details', facts: 'Café, «citation», 価格.' });

    // Assess
    expect(parsed.success).toBe(true);
  });
});
