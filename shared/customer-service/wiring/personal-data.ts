import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { cipherFromEnvironment } from '#shared/crypto/keys-from-environment.ts';
import type { PersonalDataHolder } from '#shared/personal-data/holder.ts';
import { createCustomerServicePersonalDataHolder } from '#shared/customer-service/use-cases/personal-data-holder.ts';
import { customerServiceCore, type WiringOverrides } from '#shared/customer-service/wiring/context.ts';

/**
 * Customer service's personal-data holder wired from the environment, for the privacy functions:
 * the complaints and figures tables (read-write) and the data key (it opens, re-seals and erases
 * complaints' personal fields and message bodies).
 */
export const customerServicePersonalDataHolderFromEnvironment = (overrides: Omit<WiringOverrides, 'clock'> = {}): PersonalDataHolder => {
  const env = overrides.env ?? process.env;
  const { document } = createDynamoClients();
  const core = customerServiceCore(document, env);
  return createCustomerServicePersonalDataHolder({ complaints: core.complaints, decisions: core.decisions, cipher: cipherFromEnvironment(env) });
};
