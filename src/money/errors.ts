// The string codes of every expected failure in money handling; returned, never thrown.

/**
 * - `unknown_currency`: the code is not in our ISO 4217 table (codes are case-sensitive: `"cny"` is unknown).
 * - `invalid_format`: not a string, or not exactly `0|[1-9][0-9]*` optionally followed by `.` and 1+ ASCII
 *   digits (no sign, spaces, exponent, grouping, leading zeros, bare `.`, or non-ASCII digits).
 * - `too_many_decimals`: more significant decimals than the currency's exponent (trailing zeros are fine).
 * - `out_of_range`: the value in minor units does not fit a signed 64-bit integer (parse: above 2^63−1).
 * - `not_positive`: zero where a positive amount is required (`parsePositiveAmount`).
 * - `currency_mismatch`: arithmetic or comparison across two different currencies.
 */
export type MoneyError =
  | 'unknown_currency'
  | 'invalid_format'
  | 'too_many_decimals'
  | 'out_of_range'
  | 'not_positive'
  | 'currency_mismatch';

/** The failures `parseAmount` can return. */
export type ParseError = Extract<
  MoneyError,
  'unknown_currency' | 'invalid_format' | 'too_many_decimals' | 'out_of_range'
>;

/** The failures `parsePositiveAmount` can return. */
export type PositiveParseError = ParseError | 'not_positive';

/** The failures `addAmounts` and `subtractAmounts` can return. */
export type ArithmeticError = Extract<MoneyError, 'currency_mismatch' | 'out_of_range'>;
