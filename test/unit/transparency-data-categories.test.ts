import { describe, expect, it } from 'vitest';
import { retentionPolicy } from '#shared/personal-data/retention.ts';
import { dataCategories } from '#shared/transparency/domain/data-categories.ts';

/** The report's data-use section states the retention policy the contexts enforce, in its words. */
describe('the catalogue of data categories', () => {
  it.each(Object.values(retentionPolicy))('states the retention of $category as the policy describes it', (rule) => {
    // Act
    const stated = dataCategories.filter((category) => category.retention.includes(rule.description)).map((category) => category.category);

    // Assess
    expect(stated).toContain(rule.category);
  });

  it('says of no category that nothing expires', () => {
    // Assess
    for (const category of dataCategories) expect(category.retention).not.toMatch(/no expiry|no automatic deletion/i);
  });

  it('lists each category once', () => {
    // Act
    const names = dataCategories.map((category) => category.category);

    // Assess
    expect(new Set(names).size).toBe(names.length);
  });
});
