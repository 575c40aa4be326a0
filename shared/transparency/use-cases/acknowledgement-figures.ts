import type { FiguresStore, TransactItem } from '#shared/figures/store.ts';

/** The running total (in the figures table, under the transparency context) of acknowledgements per version. */
const ACKNOWLEDGEMENTS_TOTAL = 'privacy-policy-acknowledgements';
/** The counter of each day, month and quarter: acknowledgements of any version recorded in the period. */
const ACKNOWLEDGEMENTS_COUNTER = 'privacyPolicyAcknowledgements';

const versionCounter = (version: number) => `version${version}`;

/** What an acknowledgement adds, in its own transaction: one to its version's total and to its periods. */
export const acknowledgementCounterUpdates = (
  figures: Pick<FiguresStore, 'currentUpdate' | 'periodUpdates'>,
  version: number,
  at: Date,
): TransactItem[] => [
  ...figures.currentUpdate(ACKNOWLEDGEMENTS_TOTAL, { [versionCounter(version)]: 1 }),
  ...figures.periodUpdates(at, { [ACKNOWLEDGEMENTS_COUNTER]: 1 }),
];

/**
 * The acknowledgements of each version so far, from the counters (a few small reads, no scan):
 * what the transparency report shows. Versions nobody acknowledged are absent.
 */
export const acknowledgementsByVersion = async (figures: Pick<FiguresStore, 'current'>): Promise<Record<number, number>> => {
  const counters = await figures.current(ACKNOWLEDGEMENTS_TOTAL);
  return Object.fromEntries(
    Object.entries(counters)
      .map(([name, count]) => [Number(name.replace(/^version/, '')), count] as const)
      .filter(([version]) => Number.isInteger(version) && version > 0)
      .sort(([a], [b]) => a - b),
  );
};
