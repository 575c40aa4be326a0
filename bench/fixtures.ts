import type { Caller } from '#shared/auth/caller.ts';
import { categories, personChannels } from '#shared/customer-service/domain/complaint.ts';
import { CreateComplaintRequestSchema, type CreateComplaintRequest } from '#shared/customer-service/http/schemas.ts';

/**
 * Complaints of realistic shape and size (a subject, a description of a few hundred to a
 * couple of thousand characters, contact details, sometimes a link), generated from a fixed
 * seed so that every run seals the same plaintexts.
 */

const SUBJECTS = [
  'Checkout page times out',
  'Charged twice for one order',
  'My account was taken over',
  'Seller never shipped the item',
  'Listing uses my photos without permission',
  'Support closed my ticket without answer',
  'Unwanted marketing emails after unsubscribing',
  'Refund promised three weeks ago has not arrived',
];

const SENTENCES = [
  'Since Monday the checkout page times out after I press Pay.',
  'I contacted support twice and was told someone would call me back, but nobody did.',
  'The order number is shown in the confirmation email I received on the 3rd.',
  'My bank statement shows two identical payments for the same order.',
  'I changed my password, but the other device is still logged in to my account.',
  'The seller stopped answering messages after the payment went through.',
  'The product page still shows the photos I took of my own flat.',
  'Please tell me what data you hold about me and who it was shared with.',
  'I would like a written answer, and the refund paid back to the original card.',
  'This is the third time this has happened this year, always with the same merchant.',
];

/** mulberry32: a tiny seeded generator; reproducible, not for security. */
const seeded = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

export interface ComplaintFixture {
  caller: Caller;
  input: CreateComplaintRequest;
}

export const complaintFixtures = (count: number, options: { owners: number; seed?: number }): ComplaintFixture[] => {
  const random = seeded(options.seed ?? 42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const owner = (i: number) => `user-${String(i % options.owners).padStart(4, '0')}`;

  return Array.from({ length: count }, (_, i) => {
    const sentences = Array.from({ length: 2 + Math.floor(random() * 20) }, () => pick(SENTENCES));
    const raw = {
      channel: pick(personChannels),
      category: pick(categories),
      subject: pick(SUBJECTS),
      description: sentences.join(' '),
      contact: random() < 0.7 ? { email: `${owner(i)}@example.com` } : { phone: '+44 20 7946 0000' },
      ...(random() < 0.4 && { relatedContentUrl: `https://market.example.com/listings/${100000 + i}` }),
    };
    // Validated as the handler would, so the fixture stays inside the API's contract.
    return { caller: { kind: 'person', sub: owner(i), roles: ['user'], scopes: [] }, input: CreateComplaintRequestSchema.parse(raw) };
  });
};
