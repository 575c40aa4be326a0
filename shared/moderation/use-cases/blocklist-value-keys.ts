import { normaliseMediaHash, normalisePaymentAccount, normalisePhone, normaliseUrl, type BlocklistKind } from '#shared/moderation/domain/screening.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';

/** A normalised URL key stays well inside DynamoDB's 1,024-byte sort key. */
export const MAX_URL_KEY = 900;

/** Identifiers of people are looked up only as keyed pseudonyms. */
export const phoneKeyOf = ({ pseudonyms }: Pick<ModerationPorts, 'pseudonyms'>, phone: string) => pseudonyms.pseudonym('blocklist:phone', phone);
export const paymentAccountKeyOf = ({ pseudonyms }: Pick<ModerationPorts, 'pseudonyms'>, account: string) => pseudonyms.pseudonym('blocklist:payment', account);

/**
 * The value key a blocklist holds for `value`: phones and payment accounts only as keyed
 * pseudonyms. A value that is not what its list holds has no key (refused), and no key outgrows
 * a sort key.
 */
export const blocklistValueKey = async (ports: Pick<ModerationPorts, 'pseudonyms'>, kind: BlocklistKind, value: string): Promise<string | undefined> => {
  switch (kind) {
    case 'media_hash': {
      const hash = normaliseMediaHash(value);
      return /^[0-9a-f]{16,128}$/.test(hash) ? hash : undefined;
    }
    case 'url': {
      const normal = normaliseUrl(value.includes('://') ? value : `https://${value}`);
      return normal && normal.length <= MAX_URL_KEY ? normal : undefined;
    }
    case 'phone': {
      const phone = normalisePhone(value);
      return /^\+\d{5,20}$/.test(phone) ? phoneKeyOf(ports, phone) : undefined;
    }
    case 'payment_account': {
      const account = normalisePaymentAccount(value);
      return /^[A-Z0-9]{6,64}$/.test(account) ? paymentAccountKeyOf(ports, account) : undefined;
    }
  }
};
