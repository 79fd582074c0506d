// Rules a new 6-digit PIN must meet: the right shape, and not guessable from patterns or personal data.

/** Result of {@link checkNewPin}. */
export type PinPolicyResult = { ok: true } | { ok: false; error: 'pin_format' | 'pin_too_simple' };

/** What is known about the customer that a PIN must not be derived from. */
export interface PinContext {
  /** `YYYY-MM-DD`; ignored when absent or not in that shape. */
  birthDate?: string;
  /** E.164; its last six digits are refused as a PIN. */
  phoneE164?: string;
}

const PIN_FORMAT = /^[0-9]{6}$/;
const BIRTH_DATE = /^[0-9]{2}([0-9]{2})-([0-9]{2})-([0-9]{2})$/;
/** Repeating a block of this many digits makes a guessable PIN: `111111`, `121212`, `123123`. */
const REPEATED_BLOCK_LENGTHS = [1, 2, 3] as const;

/**
 * Checks a PIN a customer wants to set. `pin_format` unless it is a string of exactly six ASCII digits;
 * `pin_too_simple` for a repeated block of one to three digits (`000000`, `121212`, `123123`), a run of
 * consecutive ascending or descending digits (`012345`, `987654`), the birth date as YYMMDD, MMDDYY or
 * DDMMYY, or the last six digits of the phone number.
 */
export function checkNewPin(pin: unknown, context: PinContext): PinPolicyResult {
  if (typeof pin !== 'string' || !PIN_FORMAT.test(pin)) return { ok: false, error: 'pin_format' };
  if (isPatterned(pin) || personalPins(context).includes(pin)) return { ok: false, error: 'pin_too_simple' };
  return { ok: true };
}

function isPatterned(pin: string): boolean {
  return isRepeatedBlock(pin) || isConsecutiveRun(pin, 1) || isConsecutiveRun(pin, -1);
}

function isRepeatedBlock(pin: string): boolean {
  return REPEATED_BLOCK_LENGTHS.some((length) => pin.slice(0, length).repeat(pin.length / length) === pin);
}

function isConsecutiveRun(pin: string, step: 1 | -1): boolean {
  const digits = Array.from(pin, Number);
  return digits.every((digit, index) => index === 0 || digit - (digits[index - 1] ?? 0) === step);
}

function personalPins(context: PinContext): string[] {
  return [...birthDatePins(context.birthDate), ...phonePins(context.phoneE164)];
}

function birthDatePins(birthDate: string | undefined): string[] {
  const match = BIRTH_DATE.exec(birthDate ?? '');
  if (match === null) return [];
  const [, yy = '', mm = '', dd = ''] = match;
  return [yy + mm + dd, mm + dd + yy, dd + mm + yy];
}

function phonePins(phoneE164: string | undefined): string[] {
  const digits = (phoneE164 ?? '').replace(/[^0-9]/g, '');
  return digits.length >= 6 ? [digits.slice(-6)] : [];
}
