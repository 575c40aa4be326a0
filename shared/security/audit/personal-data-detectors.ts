/**
 * Detectors of personal data in clear text: e-mail addresses, phone numbers and payment card
 * numbers. They run over every string of a sampled item, which holds ids (ULIDs, prefixed ids),
 * timestamps, ISO dates, hashes and pseudonyms: each detector is shaped so that these do not fire
 * (a number glued to letters or digits is part of an id or a hash; a phone number is written with
 * `+` or with separated groups; a card number passes Luhn and starts as cards do).
 */

export type PersonalDataKind = 'e-mail address' | 'phone number' | 'payment card number';

/** A local part, `@`, dot-separated host labels and a top-level domain of letters. */
const EMAIL = /(?<![\w.%+-])[\w.%+-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9-])/;

/** Not the end of a token: the next character is no letter, digit, `-` or `_`, nor a `.` before a digit. */
const TOKEN_END = String.raw`(?![\w-]|\.\d)`;
/** Not inside a token: the previous character is no letter, digit, `-`, `_`, `.`, `+` or `/`. */
const TOKEN_START = String.raw`(?<![\w.+/-])`;

/** International form: `+` and 8 to 15 digits, with spaces, dots, dashes or brackets between groups. */
const INTERNATIONAL_PHONE = /(?<![\w+/=])\+\d(?:[ .()-]{0,2}\d){7,14}(?![\w/+=-]|\.\d)/g;
/**
 * National forms written in groups: `(020) 7946 0018`, `555-123-4567`, `138 0013 8000`; not three
 * groups out of a longer run of groups (a card number in groups of four).
 */
const GROUPED_PHONE = new RegExp(
  `${TOKEN_START}(?<!\\d[ .])(?:\\(\\d{2,5}\\) ?|\\d{2,5}[ .-])\\d{3,4}[ .-]\\d{3,5}${TOKEN_END}(?![ .-]\\d)`,
  'g',
);
/** A mainland China mobile number written as one run of 11 digits (`13800138000`). */
const CHINA_MOBILE = new RegExp(`${TOKEN_START}1[3-9]\\d{9}${TOKEN_END}`, 'g');

/** 13 to 19 digits, as one run or in groups separated by single spaces or dashes. */
const CARD_CANDIDATE = new RegExp(`${TOKEN_START}\\d(?:[ -]?\\d){12,18}${TOKEN_END}`, 'g');
/** Card schemes' numbers start with 2 to 6 (Mastercard, Amex, JCB, Diners, Visa, Discover, UnionPay). */
const CARD_FIRST_DIGIT = /^[2-6]/;

const digitsOf = (text: string): string => text.replace(/\D/g, '');

/** The Luhn checksum that every payment card number passes. */
export const passesLuhn = (digits: string): boolean => {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
};

/** The digits of a grouped number share one separator (`4111 1111 1111 1111`, not `2026-12 06`). */
const usesOneSeparator = (text: string): boolean => new Set(text.replace(/\d/g, '')).size <= 1;

const looksLikeCard = (candidate: string): boolean => {
  const digits = digitsOf(candidate);
  return (
    digits.length >= 13 &&
    digits.length <= 19 &&
    CARD_FIRST_DIGIT.test(digits) &&
    usesOneSeparator(candidate) &&
    !/^(\d)\1+$/.test(digits) &&
    passesLuhn(digits)
  );
};

const looksLikeGroupedPhone = (candidate: string): boolean => {
  const digits = digitsOf(candidate).length;
  return digits >= 9 && digits <= 12;
};

const anyMatch = (pattern: RegExp, text: string, accept: (match: string) => boolean = () => true): boolean =>
  [...text.matchAll(pattern)].some(([match]) => accept(match));

/** The kinds of personal data found in clear in one string (each kind at most once). */
export const detectPersonalData = (text: string): PersonalDataKind[] => {
  const found: PersonalDataKind[] = [];
  if (EMAIL.test(text)) found.push('e-mail address');
  if (anyMatch(CARD_CANDIDATE, text, looksLikeCard)) found.push('payment card number');
  const phone =
    anyMatch(INTERNATIONAL_PHONE, text, (match) => !looksLikeCard(match)) ||
    anyMatch(GROUPED_PHONE, text, looksLikeGroupedPhone) ||
    anyMatch(CHINA_MOBILE, text);
  if (phone) found.push('phone number');
  return found;
};

/** The committing algorithm suites of message format 2 (0x0478 without, 0x0578 with a signature). */
const COMMITTING_SUITES = new Set([0x0478, 0x0578]);

/**
 * An AWS Encryption SDK message of format version 2 (the committing suites the platform uses): its
 * serialisation starts with the version byte 0x02, then the two-byte algorithm suite id.
 */
export const isEncryptionSdkCiphertext = (bytes: Uint8Array): boolean =>
  bytes.length > 3 && bytes[0] === 0x02 && COMMITTING_SUITES.has(((bytes[1] ?? 0) << 8) | (bytes[2] ?? 0));
