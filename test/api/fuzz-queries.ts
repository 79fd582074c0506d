// Query-string generators for the API fuzz test: unknown and repeated parameters, broken syntax, bad filters.
import fc from 'fast-check';
import { percentEncode, shortJunk } from './fuzz-inputs.js';

export type QueryPair = readonly [string, string];

export function queryString(pairs: readonly QueryPair[]): string {
  if (pairs.length === 0) return '';
  return `?${pairs.map(([key, value]) => `${percentEncode(key)}=${percentEncode(value)}`).join('&')}`;
}

/** Query strings whose very syntax is broken or hostile. */
export const rawQueryJunk: fc.Arbitrary<string> = fc.constantFrom(
  '?',
  '?&',
  '?=',
  '?&&=&',
  '?%',
  '?%ZZ',
  '?a=%E0%A4%A',
  '?limit',
  '?a[b]=1',
  '?__proto__[x]=1',
  '?__proto__=1',
  '?constructor[prototype][x]=1',
  '?a[]=1&a[]=2',
  '?;',
  '?a=1;b=2',
  `?${'x=1&'.repeat(2000)}`,
);

const unknownPair: fc.Arbitrary<QueryPair> = fc.tuple(
  fc.oneof(
    shortJunk(30),
    fc.constantFrom('__proto__', 'constructor', 'x', 'LIMIT', 'Limit', 'limit[]', 'page'),
  ),
  shortJunk(100),
);

/** Unknown parameters, or broken syntax, for routes that take no query. */
export const junkQuery: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: fc.array(unknownPair, { minLength: 1, maxLength: 3 }).map(queryString) },
  { weight: 1, arbitrary: rawQueryJunk },
);

const limitValue = fc.oneof(
  fc.constantFrom(
    '-1',
    '0',
    'abc',
    '101',
    '201',
    '1.5',
    '1e2',
    '',
    ' 1',
    '0x10',
    '99999999999999999999',
    'NaN',
  ),
  fc.constantFrom('Infinity', '5', '20', '100', '1 ', '+1', '١', 'true', '[]'),
  shortJunk(30),
);
const cursorValue = fc.oneof(
  fc.constantFrom('0', '-5', '9'.repeat(40), 'abc', '', '01', ' 1', '1e3', '0x10', '1'.repeat(32)),
  fc.constantFrom('9223372036854775807', '9223372036854775808', '18446744073709551616'),
  fc.bigInt({ min: 1n, max: 2n ** 100n }).map(String),
  shortJunk(40),
);
const dateValue = fc.oneof(
  fc.constantFrom('not-a-date', '', '2024-13-01T00:00:00Z', '2024-02-30T00:00:00Z', '2024-01-01', 'now'),
  fc.constantFrom('2024-01-01T00:00:00', '2024-01-01T25:00:00Z', '1970-01-01T00:00:00Z', '1700000000000'),
  fc.constantFrom(
    '0000-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '2016-12-31T23:59:60Z',
    '1969-12-31T23:59:59Z',
  ),
  fc.constantFrom('2024-01-01T00:00:00+23:59', '2024-01-01t00:00:00z', '2024-01-01 00:00:00Z'),
  fc.constantFrom('-000001-01-01T00:00:00Z', '+275760-09-13T00:00:00Z', '2024-01-01T00:00:00.123456789Z'),
  fc
    .date({
      min: new Date('1600-01-01T00:00:00Z'),
      max: new Date('2400-01-01T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString()),
  shortJunk(40),
);
const entryType = fc.oneof(
  fc.constantFrom(
    'unknown',
    'P2P_SENT',
    'p2p_sent ',
    '',
    'fee',
    'top_up',
    'p2p_received',
    'p2p_sent',
    'merchant_payment',
    'refund',
    'Refund',
    'reversal',
    'all',
  ),
  shortJunk(30),
);

/** Phone-number look-alikes and junk (some may be valid numbers: callers filter). */
export const phoneLike: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('110', '12345', '+', '00', '0086', '+86', '01012345678', '4008123123', '+1 202 555 0100'),
  fc.constantFrom(
    '١٣٨٠٠١٣٨٠٠٠',
    '13800138000x',
    'tel:13800138000',
    '13800138000;ext=1',
    '１３８００１３８０００',
  ),
  fc.constantFrom(
    '+8613800138000',
    '138 0013 8000',
    '(138) 0013-8000',
    '+86 138-0013-8000',
    '008613800138000',
  ),
  fc.stringMatching(/^\+?[0-9 ().-]{0,40}$/),
  shortJunk(40),
);

const historyPair: fc.Arbitrary<QueryPair> = fc.oneof(
  limitValue.map((v) => ['limit', v] as const),
  cursorValue.map((v) => ['before', v] as const),
  dateValue.map((v) => ['from', v] as const),
  dateValue.map((v) => ['to', v] as const),
  entryType.map((v) => ['type', v] as const),
  phoneLike.map((v) => ['counterparty', v] as const),
  unknownPair,
);

/** Filters for GET /api/v1/wallet/history(.csv): bad limits, cursors, dates, types, numbers, repeats, unknowns. */
export const historyQuery: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.array(historyPair, { maxLength: 5 }).map(queryString) },
  { weight: 1, arbitrary: rawQueryJunk },
);

/** Queries for GET /dev/sms: numbers and limits, good and bad, and unknown parameters. */
export const smsQuery: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .array(
        fc.oneof(
          phoneLike.map((v) => ['phone', v] as const),
          fc.oneof(limitValue, fc.constantFrom('200', '1e9', '50')).map((v): QueryPair => ['limit', v]),
          unknownPair,
        ),
        { maxLength: 4 },
      )
      .map(queryString),
  },
  { weight: 1, arbitrary: rawQueryJunk },
);
