import { describe, expect, it } from 'vitest';
import {
  DUPLICATE_PUID_MESSAGE,
  MAX_STATEMENTS_PER_REQUEST,
  transparencyBatchErrors,
  transparencyErrors,
} from '#shared/moderation/domain/transparency-db.ts';

/**
 * The Transparency Database's published rules (../shared/reference/dsa.md) as the one module the
 * local fake answers with: each rule of a statement, broken on purpose, is refused under its
 * field; a request of several statements is all or nothing, its errors keyed by index, and a puid
 * the database holds (or one repeated in the request) is refused as not unique.
 */

type Statement = Record<string, unknown>;

const valid = (puid = 'sor_valid-1'): Statement => ({
  decision_visibility: ['DECISION_VISIBILITY_CONTENT_REMOVED'],
  decision_ground: 'DECISION_GROUND_INCOMPATIBLE_CONTENT',
  incompatible_content_ground: 'Terms of service 4.2',
  incompatible_content_explanation: 'The shop takes payment and never ships.',
  content_type: ['CONTENT_TYPE_TEXT'],
  category: 'STATEMENT_CATEGORY_SCAMS_AND_FRAUD',
  content_date: '2026-05-30',
  application_date: '2026-06-01',
  decision_facts: 'Three buyers paid and received nothing.',
  source_type: 'SOURCE_ARTICLE_16',
  automated_detection: 'No',
  automated_decision: 'AUTOMATED_DECISION_NOT_AUTOMATED',
  puid,
});

describe('the rules of one statement', () => {
  it('accepts a complete statement', () => {
    // Act + Assess
    expect(transparencyErrors(valid())).toBeUndefined();
  });

  const broken: Array<[string, (s: Statement) => void, string]> = [
    ['no decision of any kind', (s) => delete s.decision_visibility, 'decision_visibility'],
    ['an unknown visibility decision', (s) => (s.decision_visibility = ['DECISION_VISIBILITY_HIDDEN']), 'decision_visibility.0'],
    ['DECISION_VISIBILITY_OTHER without its text', (s) => (s.decision_visibility = ['DECISION_VISIBILITY_OTHER']), 'decision_visibility_other'],
    ['an unknown account decision', (s) => (s.decision_account = 'DECISION_ACCOUNT_BANNED'), 'decision_account'],
    ['no decision ground', (s) => delete s.decision_ground, 'decision_ground'],
    [
      'illegal content without its legal ground',
      (s) => ((s.decision_ground = 'DECISION_GROUND_ILLEGAL_CONTENT'), (s.illegal_content_explanation = 'Fraud under national law.')),
      'illegal_content_legal_ground',
    ],
    [
      'illegal content without its explanation',
      (s) => ((s.decision_ground = 'DECISION_GROUND_ILLEGAL_CONTENT'), (s.illegal_content_legal_ground = 'StGB 263')),
      'illegal_content_explanation',
    ],
    ['incompatible content without its ground', (s) => delete s.incompatible_content_ground, 'incompatible_content_ground'],
    ['a legal ground over 500 characters', (s) => (s.incompatible_content_ground = 'x'.repeat(501)), 'incompatible_content_ground'],
    ['an explanation over 2000 characters', (s) => (s.incompatible_content_explanation = 'x'.repeat(2001)), 'incompatible_content_explanation'],
    ['facts over 5000 characters', (s) => (s.decision_facts = 'x'.repeat(5001)), 'decision_facts'],
    ['no content type', (s) => (s.content_type = []), 'content_type'],
    ['CONTENT_TYPE_OTHER without its text', (s) => (s.content_type = ['CONTENT_TYPE_OTHER']), 'content_type_other'],
    ['an unknown category', (s) => (s.category = 'STATEMENT_CATEGORY_SPAM'), 'category'],
    ['KEYWORD_OTHER without its text', (s) => (s.category_specification = ['KEYWORD_OTHER']), 'category_specification_other'],
    ['a territory outside the EU/EEA', (s) => (s.territorial_scope = ['US']), 'territorial_scope.0'],
    ['a lower-case language', (s) => (s.content_language = 'de'), 'content_language'],
    ['a content date before 2000-01-01', (s) => (s.content_date = '1999-12-31'), 'content_date'],
    ['an application date before 2020-01-01', (s) => (s.application_date = '2019-12-31'), 'application_date'],
    ['a date in another format', (s) => (s.application_date = '01.06.2026'), 'application_date'],
    ['an unknown source type', (s) => (s.source_type = 'SOURCE_RUMOUR'), 'source_type'],
    ['a source identity on a voluntary decision', (s) => ((s.source_type = 'SOURCE_VOLUNTARY'), (s.source_identity = 'Flagger')), 'source_identity'],
    ['automated detection not Yes or No', (s) => (s.automated_detection = 'Maybe'), 'automated_detection'],
    ['an unknown automated decision', (s) => (s.automated_decision = 'AUTOMATED_DECISION_SOMETIMES'), 'automated_decision'],
    ['a puid with a slash', (s) => (s.puid = 'sor/1'), 'puid'],
    ['a puid over 500 characters', (s) => (s.puid = 'a'.repeat(501)), 'puid'],
    ['no puid', (s) => delete s.puid, 'puid'],
  ];

  it.each(broken)('refuses %s under its field', (_name, breakIt, field) => {
    // Prepare
    const statement = valid();
    breakIt(statement);

    // Act
    const errors = transparencyErrors(statement);

    // Assess
    expect(Object.keys(errors ?? {})).toContain(field);
  });
});

describe('the rules of a request of several statements', () => {
  const nothingKnown = () => false;

  it('accepts up to 100 valid statements with distinct puids', () => {
    // Prepare
    const statements = Array.from({ length: MAX_STATEMENTS_PER_REQUEST }, (_, i) => valid(`sor_${i}`));

    // Act + Assess
    expect(transparencyBatchErrors({ statements }, nothingKnown)).toBeUndefined();
  });

  it('refuses more than 100, an empty list and a body without statements', () => {
    // Prepare
    const tooMany = Array.from({ length: MAX_STATEMENTS_PER_REQUEST + 1 }, (_, i) => valid(`sor_${i}`));

    // Act + Assess
    expect(Object.keys(transparencyBatchErrors({ statements: tooMany }, nothingKnown)!)).toEqual(['statements']);
    expect(Object.keys(transparencyBatchErrors({ statements: [] }, nothingKnown)!)).toEqual(['statements']);
    expect(Object.keys(transparencyBatchErrors(valid(), nothingKnown)!)).toEqual(['statements']);
  });

  it('names each refused statement by its index and field', () => {
    // Prepare
    const invalid = { ...valid('sor_b'), content_date: '1999-01-01' };

    // Act
    const errors = transparencyBatchErrors({ statements: [valid('sor_a'), invalid, valid('sor_c')] }, nothingKnown);

    // Assess
    expect(Object.keys(errors!)).toEqual(['statements.1.content_date']);
  });

  it('refuses a puid the database holds, and the second of a puid repeated in the request, as not unique', () => {
    // Act
    const errors = transparencyBatchErrors({ statements: [valid('sor_known'), valid('sor_new'), valid('sor_new')] }, (puid) => puid === 'sor_known');

    // Assess
    expect(errors).toEqual({ 'statements.0.puid': [DUPLICATE_PUID_MESSAGE], 'statements.2.puid': [DUPLICATE_PUID_MESSAGE] });
  });
});
