import type { Table, TransactItem } from '#shared/aws/table.ts';
import { emptyProfile, type ReporterDelta, type ReporterProfile } from '#shared/moderation/domain/index.ts';
import { stateOf, type Item } from '#shared/moderation/store/items.ts';
import { keys } from '#shared/moderation/store/keys.ts';

/** Reporters' standing: reputation, accepted and rejected notices, strikes, warning and suspension. */
export const createReporterStore = (table: Table) => ({
  async get(reporterKey: string): Promise<ReporterProfile | undefined> {
    const item = await table.get<Item>(keys.profile(reporterKey), { consistent: true });
    // Decisions create profiles with ADD: fields no decision touched yet are absent.
    return item && { ...emptyProfile(reporterKey), ...stateOf<Partial<ReporterProfile>>(item) };
  },

  /** The profile as the misuse policy left it, conditional on the version read. */
  changeItem(profile: ReporterProfile, readVersion: number): TransactItem {
    return {
      Put: {
        TableName: table.name,
        Item: { ...keys.profile(profile.reporterKey), entity: 'reporter-profile', ...profile },
        ConditionExpression: 'version = :read',
        ExpressionAttributeValues: { ':read': readVersion },
      },
    };
  },

  /** What a decision does to its reporters' standing: added to whatever it is (the profile is created if new). */
  deltaItems(deltas: readonly ReporterDelta[]): TransactItem[] {
    return deltas.map((d) => ({
      Update: {
        TableName: table.name,
        Key: keys.profile(d.reporterKey),
        UpdateExpression: 'SET reporterKey = :key, entity = :entity ADD reputation :rep, accepted :acc, rejected :rej, strikes :str, version :one',
        ExpressionAttributeValues: {
          ':key': d.reporterKey,
          ':entity': 'reporter-profile',
          ':rep': d.reputation,
          ':acc': d.accepted,
          ':rej': d.rejected,
          ':str': d.unfounded,
          ':one': 1,
        },
      },
    }));
  },
});
