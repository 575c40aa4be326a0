import { expect } from 'vitest';
import { ProblemError } from '#shared/http/problem.ts';

/** Runs `act` and returns the ProblemError it threw (fails the test if it threw anything else or nothing). */
export const problemFrom = (act: () => unknown): ProblemError => {
  try {
    act();
  } catch (error) {
    expect(error).toBeInstanceOf(ProblemError);
    return error as ProblemError;
  }
  throw new Error('expected a ProblemError, but nothing was thrown');
};
