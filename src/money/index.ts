// The public API of src/money: amounts, the currency table, parsing, formatting and arithmetic.

export { AMOUNT_MAX, AMOUNT_MIN, type Amount, type AmountResult, isZero } from './amount.js';
export { addAmounts, compareAmounts, subtractAmounts } from './arithmetic.js';
export { CURRENCY_CODES, type Currency, type CurrencyCode, currencyOf, minorUnits } from './currencies.js';
export { type DisplayLocale, formatAmountForDisplay } from './display.js';
export type { ArithmeticError, MoneyError, ParseError, PositiveParseError } from './errors.js';
export { formatAmount } from './format.js';
export { parseAmount, parsePositiveAmount } from './parse.js';
