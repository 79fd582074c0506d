// PRC 18-digit citizen identity number (GB 11643-1999) validation: format, region, birth date, checksum.

/** Result of {@link validateResidentId}. */
export type ResidentIdResult =
  | { ok: true; id: string; birthDate: string; sex: 'male' | 'female' }
  | {
      ok: false;
      error: 'invalid_id_format' | 'invalid_id_region' | 'invalid_id_birth_date' | 'invalid_id_checksum';
    };

const ID_FORMAT = /^[0-9]{17}[0-9Xx]$/;
const FIRST_17 = /^[0-9]{17}$/;
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
const EARLIEST_BIRTH_DATE = '1900-01-01';

/**
 * First two digits of the address code. Provinces, municipalities and autonomous regions of GB/T 2260
 * (11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71 Taiwan), plus 81/82/83: the residence permits for Hong
 * Kong, Macao and Taiwan residents (2018) use 810000/820000/830000 with the same structure and checksum.
 * No address code starts with 9: a leading 9 marks the foreigners' permanent residence card (2023), a
 * different document, so it is refused here.
 */
const REGION_CODES: ReadonlySet<string> = new Set([
  ...['11', '12', '13', '14', '15', '21', '22', '23'],
  ...['31', '32', '33', '34', '35', '36', '37'],
  ...['41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54'],
  ...['61', '62', '63', '64', '65', '71', '81', '82', '83'],
]);

/**
 * Validates an identity number. A lowercase `x` check character is accepted and returned as `X`; nothing
 * else is normalised (spaces are invalid). The birth date (digits 7–14) must be a real date from
 * 1900-01-01 up to `today`, whose calendar date is read in UTC. Errors are checked in the order format,
 * region, birth date, checksum. Digit 17 gives the sex: odd is male.
 */
export function validateResidentId(input: unknown, today: Date): ResidentIdResult {
  if (typeof input !== 'string' || !ID_FORMAT.test(input)) return { ok: false, error: 'invalid_id_format' };
  const id = input.toUpperCase();
  if (!REGION_CODES.has(id.slice(0, 2))) return { ok: false, error: 'invalid_id_region' };
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isBirthDateInRange(birthDate, today)) return { ok: false, error: 'invalid_id_birth_date' };
  if (computeResidentIdCheckChar(id.slice(0, 17)) !== id[17]) {
    return { ok: false, error: 'invalid_id_checksum' };
  }
  return { ok: true, id, birthDate, sex: Number(id[16]) % 2 === 1 ? 'male' : 'female' };
}

/**
 * The ISO 7064 MOD 11-2 check character (`0`–`9` or `X`) for the first 17 digits of an identity number.
 * Throws a RangeError if `first17` is not exactly 17 ASCII digits (a caller bug, not user input).
 */
export function computeResidentIdCheckChar(first17: string): string {
  if (!FIRST_17.test(first17)) throw new RangeError('expected exactly 17 ASCII digits');
  const sum = WEIGHTS.reduce((total, weight, index) => total + weight * Number(first17[index]), 0);
  return CHECK_CHARS.charAt(sum % 11);
}

function isBirthDateInRange(isoDate: string, today: Date): boolean {
  return isRealDate(isoDate) && isoDate >= EARLIEST_BIRTH_DATE && isoDate <= utcDate(today);
}

/** A `YYYY-MM-DD` string names a real calendar date if it survives a round trip through Date. */
function isRealDate(isoDate: string): boolean {
  const parsed = new Date(`${isoDate}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && utcDate(parsed) === isoDate;
}

function utcDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
