import { describe, expect, it } from 'vitest';
import { retryOnConflict } from '#shared/retry-on-conflict.ts';

class Conflict extends Error {}
const isConflict = (error: unknown) => error instanceof Conflict;

describe('retryOnConflict', () => {
  it('runs the attempt again after a conflict and returns what the first successful one returns', async () => {
    // Prepare
    let runs = 0;

    // Act
    const result = await retryOnConflict(isConflict, async () => {
      runs += 1;
      if (runs < 3) throw new Conflict('lost the race');
      return `won on run ${runs}`;
    });

    // Assess
    expect(result).toBe('won on run 3');
    expect(runs).toBe(3);
  });

  it('gives up after the last attempt with the conflict itself', async () => {
    // Prepare
    let runs = 0;

    // Act
    const outcome = retryOnConflict(
      isConflict,
      async () => {
        runs += 1;
        throw new Conflict(`lost run ${runs}`);
      },
      4,
    );

    // Assess
    await expect(outcome).rejects.toThrow('lost run 4');
    expect(runs).toBe(4);
  });

  it('does not repeat an attempt that failed for another reason', async () => {
    // Prepare
    let runs = 0;

    // Act
    const outcome = retryOnConflict(isConflict, async () => {
      runs += 1;
      throw new TypeError('a bug, not a race');
    });

    // Assess
    await expect(outcome).rejects.toThrow(TypeError);
    expect(runs).toBe(1);
  });
});
