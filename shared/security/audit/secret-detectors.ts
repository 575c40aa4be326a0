/**
 * Does an environment variable look like a secret? By its name (`DB_PASSWORD`, `API_TOKEN`) when
 * its value is not a mere reference (an ARN, a URL, a number), and by its value's shape whatever
 * its name: an AWS access key pair, a private key, a JWT or bearer token, a password in a URL, or a
 * long high-entropy string. JSON values are looked into, each string by its own key. What is
 * reported is the variable's name (and the key path inside JSON) and the reason, never the value.
 */

export interface SecretLikeVariable {
  /** The variable's name, and the path inside a JSON value (`TARGETS.db.password`). */
  name: string;
  reason: string;
}

/** Name parts that say the value is a secret. */
const SECRET_NAME = /(^|_)(SECRETS?|PASSWORD|PASSWD|PWD|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|SECRET_?KEY|CREDENTIALS?|AUTH)(_|$)/i;
/** A last name part that says the value points at a secret, or configures the access to one, rather than holding it. */
const REFERENCE_SUFFIX = /_(ARN|NAME|ID|IDS|URL|URI|PATH|FILE|TTL|REGION|ENDPOINT|PARAMETER|HEADER|SIZE|TIMEOUT|ENABLED)$/i;

const valueShapes: readonly { reason: string; pattern: RegExp }[] = [
  { reason: 'a private key', pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/ },
  { reason: 'an AWS access key id', pattern: /\b(AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { reason: 'a JSON web token', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/ },
  { reason: 'a bearer token', pattern: /\bBearer\s+[A-Za-z0-9._~+/=-]{16,}/i },
  { reason: 'a password in a URL', pattern: /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i },
  { reason: 'a Slack or GitHub token', pattern: /\b(xox[abpr]-[A-Za-z0-9-]{10,}|gh[pousr]_[A-Za-z0-9]{30,})\b/ },
];

/** Bits per character: a random base64 string is near 6, English text and names near 3 to 4. */
const shannonEntropy = (text: string): number => {
  const counts = new Map<string, number>();
  for (const character of text) counts.set(character, (counts.get(character) ?? 0) + 1);
  return [...counts.values()].reduce((sum, count) => {
    const share = count / text.length;
    return sum - share * Math.log2(share);
  }, 0);
};

/**
 * A long run of base64 or hex characters with the entropy of random bytes: an AWS secret access
 * key (40 characters), an API key, a client secret. Bounded above: a compressed document (the
 * audit's own inventory) is data, not a key. Names with hyphens, dots or colons (physical names,
 * ARNs, UUIDs) never qualify.
 */
const looksRandom = (value: string): boolean => {
  if (value.length < 32 || value.length > 256) return false;
  if (/^[0-9a-f]+$/i.test(value)) return value.length >= 40 && shannonEntropy(value) > 3.5;
  const mixed = /[a-z]/.test(value) && /[A-Z]/.test(value) && /[0-9]/.test(value);
  return /^[A-Za-z0-9+/_]+={0,2}$/.test(value) && mixed && shannonEntropy(value) > 4.5;
};

/** Why a value looks like a secret by its shape alone, or undefined. */
const secretShapeOf = (value: string): string | undefined =>
  valueShapes.find(({ pattern }) => pattern.test(value))?.reason ?? (looksRandom(value) ? 'a long random-looking value' : undefined);

/** A value that only points at something or configures it: empty, a number, a boolean, an ARN, a URL without credentials. */
const isReference = (value: string): boolean =>
  value.trim().length < 8 || /^(true|false|\d+(\.\d+)?)$/i.test(value) || value.startsWith('arn:') || /^[a-z][a-z0-9+.-]*:\/\/[^@]*$/i.test(value);

const parseJson = (value: string): unknown => {
  if (!/^\s*[[{]/.test(value)) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
};

const inspect = (name: string, value: unknown, found: SecretLikeVariable[]): void => {
  if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) inspect(`${name}.${key}`, inner, found);
    return;
  }
  if (typeof value !== 'string') return;
  const json = parseJson(value);
  if (json !== undefined) {
    inspect(name, json, found);
    return;
  }
  const shape = secretShapeOf(value);
  if (shape) {
    found.push({ name, reason: `its value looks like ${shape}` });
    return;
  }
  // `clientSecret` reads as `client_Secret`: JSON keys are often camel case.
  const lastPart = (name.split('.').at(-1) ?? name).replace(/([a-z0-9])([A-Z])/g, '$1_$2');
  if (SECRET_NAME.test(lastPart) && !REFERENCE_SUFFIX.test(lastPart) && !isReference(value)) {
    found.push({ name, reason: 'its name says it holds a secret, and its value is not a reference' });
  }
};

/** The variables (and JSON keys) of an environment that look like secrets, in name order. */
export const secretLikeVariables = (variables: Readonly<Record<string, string>>): SecretLikeVariable[] => {
  const found: SecretLikeVariable[] = [];
  for (const name of Object.keys(variables).sort()) inspect(name, variables[name], found);
  return found;
};
