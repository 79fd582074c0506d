// How a customer's name and phone number are shown to other people: enough to recognise, not to copy.

import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { isE164 } from './phone.js';

const MASK = '*';
const INVALID_PHONE_MASK = '****';
const CHINA_CALLING_CODE = '86';
const CHINA_MOBILE_LENGTH = 11;
const VISIBLE_TAIL = 4;
/** Names written in these scripts use the CJK rule (family name and given name are not space-separated). */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });
/** Masks already made: parsing a number with full metadata costs tens of microseconds, and numbers recur. */
const maskedPhones = new Map<string, string>();
const MASKED_PHONES_KEPT = 100_000;

/**
 * Masks a person's name. CJK names keep their last character, and their first too when they have three
 * or more (`张三` → `*三`, `张小三` → `张*三`, `欧阳小明` → `欧**明`; a single character becomes `*`).
 * Other names keep the first letter of each word (`John Smith` → `J*** S****`). One `*` stands for one
 * user-perceived character, so surrogate pairs and combining marks count once. Blank names give `''`.
 */
export function maskName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') return '';
  if (CJK.test(trimmed)) return maskCjkName(splitCharacters(trimmed));
  return trimmed.split(/\s+/u).map(maskWord).join(' ');
}

/**
 * Masks an E.164 number: Chinese mobiles as `138****0000`, every other number as its country calling
 * code, one `*` per hidden national digit (at least one) and the last four digits (`+254 *****5678`).
 * Anything that is not a parseable E.164 number gives `****`.
 */
export function maskPhone(e164: string): string {
  let masked = maskedPhones.get(e164);
  if (masked === undefined) {
    if (maskedPhones.size >= MASKED_PHONES_KEPT) maskedPhones.clear();
    masked = maskParsedPhone(e164);
    maskedPhones.set(e164, masked);
  }
  return masked;
}

function maskParsedPhone(e164: string): string {
  const phone = isE164(e164) ? parsePhoneNumberFromString(e164) : undefined;
  if (phone === undefined) return INVALID_PHONE_MASK;
  const national = phone.nationalNumber;
  const tail = national.slice(-VISIBLE_TAIL);
  if (phone.countryCallingCode === CHINA_CALLING_CODE && national.length === CHINA_MOBILE_LENGTH) {
    return `${national.slice(0, 3)}${MASK.repeat(4)}${tail}`;
  }
  const hidden = MASK.repeat(Math.max(1, national.length - VISIBLE_TAIL));
  return `+${phone.countryCallingCode} ${hidden}${tail}`;
}

/** A one-character name is hidden entirely; else the last character shows, and the first from three on. */
function maskCjkName(characters: string[]): string {
  const last = characters.at(-1) ?? '';
  if (characters.length === 1) return MASK;
  if (characters.length === 2) return MASK + last;
  return `${characters[0]}${MASK.repeat(characters.length - 2)}${last}`;
}

function maskWord(word: string): string {
  const [first = '', ...rest] = splitCharacters(word);
  return first + MASK.repeat(rest.length);
}

function splitCharacters(text: string): string[] {
  return Array.from(graphemes.segment(text), (part) => part.segment);
}
