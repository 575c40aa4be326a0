import type { Caller } from '#shared/auth/caller.ts';
import { policyTimeline } from '#shared/transparency/domain/privacy-policy.ts';
import { PolicyRefusal } from '#shared/transparency/domain/privacy-policy.ts';
import { acknowledgementCounterUpdates } from '#shared/transparency/use-cases/acknowledgement-figures.ts';
import type { TransparencyApiPorts } from '#shared/transparency/use-cases/ports.ts';
import type { Acknowledgement } from '#shared/transparency/store/policy-store.ts';

/**
 * A person acknowledges the version in force, naming it (so that nobody acknowledges a version
 * they did not see: another number is refused with 409 `not-in-force`). It is recorded once per
 * person and version, with the version's counter and the period's in the same transaction; a
 * repeat changes nothing and answers the first record.
 */
export const acknowledgePolicy = async (
  ports: Pick<TransparencyApiPorts, 'store' | 'clock' | 'figures'>,
  caller: Caller,
  version: number,
): Promise<Acknowledgement> => {
  const now = ports.clock.now();
  const { inForce } = policyTimeline(await ports.store.versionSummaries(), now);
  if (!inForce || inForce.number !== version) {
    // A repeat for a version no longer in force still answers what was recorded.
    const earlier = await ports.store.getAcknowledgement(caller.sub, version);
    if (earlier) return earlier;
    throw new PolicyRefusal(
      'not-in-force',
      inForce ? `Version ${version} is not the version in force (version ${inForce.number} is).` : 'No version of the privacy policy is in force yet.',
    );
  }
  const acknowledgement = { version, acknowledgedAt: now.toISOString() };
  const recorded = await ports.store.acknowledge(caller.sub, acknowledgement, acknowledgementCounterUpdates(ports.figures, version, now));
  if (recorded) return acknowledgement;
  const first = await ports.store.getAcknowledgement(caller.sub, version);
  if (!first) throw new Error('An acknowledgement refused as a repeat could not be read back');
  return first;
};
