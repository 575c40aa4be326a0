/** Providers that ignore dots in the local part and deliver `googlemail.com` to the same box. */
const DOTLESS_DOMAINS = new Map([
  ['gmail.com', 'gmail.com'],
  ['googlemail.com', 'gmail.com'],
]);

/**
 * The mailbox an address delivers to, as far as the limits on anonymous notices are concerned:
 * case folded, `+tag` sub-addresses dropped, dots ignored where the provider ignores them. So
 * `Ada.L+spam@googlemail.com` and `adal@gmail.com` count against one limit. (It errs towards one
 * mailbox: a provider that treats `a+b` as another person's box shares the limit.)
 */
export const mailboxOf = (address: string): string => {
  const at = address.lastIndexOf('@');
  if (at < 1) return address.trim().toLowerCase();
  const domain = address.slice(at + 1).trim().toLowerCase();
  let local = address.slice(0, at).trim().toLowerCase();
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  const dotless = DOTLESS_DOMAINS.get(domain);
  if (dotless) return `${local.replaceAll('.', '')}@${dotless}`;
  return `${local}@${domain}`;
};
