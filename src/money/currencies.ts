// The ISO 4217 table of the currencies we handle: alphabetic code, numeric code and minor-unit exponent.

/** One ISO 4217 entry. `numeric` is the three-digit code as a string (EMVCo QR tag 53 uses it as is). */
export interface Currency {
  readonly code: CurrencyCode;
  readonly numeric: string;
  readonly exponent: 0 | 2 | 3;
}

const CURRENCIES = {
  AED: { code: 'AED', numeric: '784', exponent: 2 },
  BHD: { code: 'BHD', numeric: '048', exponent: 3 },
  CNY: { code: 'CNY', numeric: '156', exponent: 2 },
  EGP: { code: 'EGP', numeric: '818', exponent: 2 },
  ETB: { code: 'ETB', numeric: '230', exponent: 2 },
  EUR: { code: 'EUR', numeric: '978', exponent: 2 },
  GBP: { code: 'GBP', numeric: '826', exponent: 2 },
  GHS: { code: 'GHS', numeric: '936', exponent: 2 },
  HKD: { code: 'HKD', numeric: '344', exponent: 2 },
  INR: { code: 'INR', numeric: '356', exponent: 2 },
  JOD: { code: 'JOD', numeric: '400', exponent: 3 },
  JPY: { code: 'JPY', numeric: '392', exponent: 0 },
  KES: { code: 'KES', numeric: '404', exponent: 2 },
  KRW: { code: 'KRW', numeric: '410', exponent: 0 },
  KWD: { code: 'KWD', numeric: '414', exponent: 3 },
  MWK: { code: 'MWK', numeric: '454', exponent: 2 },
  MZN: { code: 'MZN', numeric: '943', exponent: 2 },
  NGN: { code: 'NGN', numeric: '566', exponent: 2 },
  OMR: { code: 'OMR', numeric: '512', exponent: 3 },
  RWF: { code: 'RWF', numeric: '646', exponent: 0 },
  SGD: { code: 'SGD', numeric: '702', exponent: 2 },
  TND: { code: 'TND', numeric: '788', exponent: 3 },
  TZS: { code: 'TZS', numeric: '834', exponent: 2 },
  UGX: { code: 'UGX', numeric: '800', exponent: 0 },
  USD: { code: 'USD', numeric: '840', exponent: 2 },
  XAF: { code: 'XAF', numeric: '950', exponent: 0 },
  XOF: { code: 'XOF', numeric: '952', exponent: 0 },
  ZAR: { code: 'ZAR', numeric: '710', exponent: 2 },
  ZMW: { code: 'ZMW', numeric: '967', exponent: 2 },
} as const satisfies Record<string, { code: string; numeric: string; exponent: 0 | 2 | 3 }>;

/** An ISO 4217 alphabetic code present in our table (upper case, exactly as ISO spells it). */
export type CurrencyCode = keyof typeof CURRENCIES;

/** Every supported currency, in alphabetical order of code. */
export const CURRENCY_CODES: readonly CurrencyCode[] = Object.freeze(
  Object.keys(CURRENCIES) as CurrencyCode[],
);

/** Looks up a currency by its exact (case-sensitive) alphabetic code. */
export function currencyOf(
  code: string,
): { ok: true; currency: Currency } | { ok: false; error: 'unknown_currency' } {
  if (!Object.hasOwn(CURRENCIES, code)) return { ok: false, error: 'unknown_currency' };
  return { ok: true, currency: CURRENCIES[code as CurrencyCode] };
}

/** The number of decimal digits of the currency's minor unit (CNY 2, JPY 0, BHD 3). */
export function minorUnits(currency: CurrencyCode): 0 | 2 | 3 {
  return CURRENCIES[currency].exponent;
}
