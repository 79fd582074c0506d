// Junk for the API fuzz test: strings, JSON values and broken JSON texts, header values, path segments.
import fc from 'fast-check';

/** What the API takes as an Idempotency-Key: 1–128 letters, digits, - _ . : */
export const VALID_KEY = /^[A-Za-z0-9_.:-]{1,128}$/;

/** Content types Fastify parses as JSON here (it ignores the charset); anything else is not parsed as JSON. */
export const JSON_TYPE = /^\s*application\/json\s*(;|$)/i;

/** Content types no parser of the app takes: a request body sent with one of them gets 415. */
export const UNPARSED_TYPES = [
  'text/html',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  'application/jsonx',
  'application/x-json',
  'application/problem+json',
  'application/json-patch+json',
  'application/vnd.api+json',
  'application/json, text/plain',
  '*/*',
  '',
  'json',
] as const;

/** What a client may put in a header value: a UTF-8 text arrives as its bytes read as Latin-1, and no control characters. */
export function toWire(text: string): string {
  const latin1 = Buffer.from(text, 'utf8').toString('latin1');
  return [...latin1].filter((char) => char === '\t' || (char >= ' ' && char !== '\u007f')).join('');
}

/** Percent-encodes every byte but the unreserved ones; never throws (a lone surrogate becomes U+FFFD). */
export function percentEncode(text: string): string {
  let encoded = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    encoded += /[A-Za-z0-9_.~-]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}

const SPECIAL_STRINGS = [
  '',
  ' ',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'null',
  'undefined',
  'true',
  'NaN',
  'Infinity',
  '-0',
  '0x10',
  '1e3',
  "' OR '1'='1",
  '"; DROP TABLE customers; --',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%00',
  '\u0000',
  '\u202e\u0661\u0662\u0663',
  '\ufeff',
  '\ud800',
  '\r\n',
  `\${jndi:ldap://x}`,
  '{{7*7}}',
];
const EMOJI = ['💸', '👨‍👩‍👧‍👦', '🇨🇳', '🔑', 'Z̷̨̛̖a͂l͑g͂o'];

/** A long run of one character: 200 to 200,000 of them. */
export const hugeString: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('a', '9', 'é', '💸', '\u0000'), fc.constantFrom(200, 1_000, 20_000, 200_000))
  .map(([char, count]) => char.repeat(count));

/** Any text, leaning to the nasty: unicode, control characters, emoji, keywords, injections, huge. */
export const junkString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc.string({
      unit: fc.integer({ min: 0, max: 31 }).map((code) => String.fromCharCode(code)),
      minLength: 1,
      maxLength: 10,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.array(fc.constantFrom(...EMOJI), { minLength: 1, maxLength: 8 }).map((a) => a.join('')),
  },
  { weight: 2, arbitrary: fc.constantFrom(...SPECIAL_STRINGS) },
  { weight: 1, arbitrary: hugeString },
);

/** Like junkString, at most `max` characters long. */
export const shortJunk = (max: number): fc.Arbitrary<string> => junkString.map((s) => s.slice(0, max));

const junkNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -0, -1, 1, 12.5, 0.1, 1e-7, 1e21, 1e308, -1e308, 2 ** 53 + 2),
);
const junkScalar: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: junkString },
  { weight: 2, arbitrary: junkNumber },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
);

function nest(depth: number, arrays: boolean): unknown {
  let value: unknown = 1;
  for (let level = 0; level < depth; level++) value = arrays ? [value] : { a: value };
  return value;
}

/** Arrays or objects nested 20 to 3,000 deep. */
export const deepValue: fc.Arbitrary<unknown> = fc
  .tuple(fc.integer({ min: 20, max: 3000 }), fc.boolean())
  .map(([depth, arrays]) => nest(depth, arrays));

const junkKey = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('a', 'id', 'amount', 'toString', ''));

/** Any JSON value: scalars, arrays, objects, deep nesting. */
export const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: junkScalar },
  { weight: 2, arbitrary: fc.array(junkScalar, { maxLength: 4 }) },
  { weight: 2, arbitrary: fc.dictionary(junkKey, junkScalar, { maxKeys: 4 }) },
  { weight: 1, arbitrary: deepValue },
);

const BROKEN_JSON = [
  '',
  ' ',
  'undefined',
  'NaN',
  '{',
  '}',
  '[',
  '{"a":}',
  '{a:1}',
  '{"a":1,}',
  "{'a':1}",
  '{"a":01}',
  '{"a":.5}',
  '{"a":+1}',
  '{"a":0x10}',
  '{"a":Infinity}',
  '{"a":"\\x41"}',
  '{"a":"\\u12"}',
  '{"a":"\n"}',
  '{"a" 1}',
  '{"a":1}}',
  '{"a":1}{"b":2}',
  '\u0000',
  '[1,2',
  '"unterminated',
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"isAdmin":true}}}',
  '{"a":1e400}',
  '{"a":123456789012345678901234567890}',
  `${'['.repeat(100_000)}`,
  `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`,
];

/** Texts that are not the JSON they try to be, built from a valid JSON text and on their own. */
export function malformedJson(valid: string): fc.Arbitrary<string> {
  const at = fc.nat({ max: Math.max(0, valid.length - 1) });
  return fc.oneof(
    at.map((end) => valid.slice(0, end)),
    fc
      .tuple(at, fc.constantFrom('{', '}', '[', ']', '"', ',', ':', '\\', '\u0000', "'", 'x', '\n'))
      .map(([i, char]) => valid.slice(0, i) + char + valid.slice(i)),
    at.map((i) => valid.slice(0, i) + valid.slice(i + 1)),
    fc.constant(valid.replaceAll('"', "'")),
    fc.constant(valid.replace(/}$/, ',}')),
    fc.constant(`/* comment */${valid}`),
    fc.constant(`\ufeff${valid}`),
    fc.constant(valid + valid),
    fc.constant(valid.replace(/^\{/, '{"__proto__":{"isAdmin":true},')),
    fc.constant(valid.replace(/^\{/, '{"constructor":{"prototype":{"isAdmin":true}},')),
    fc.constantFrom(...BROKEN_JSON),
  );
}

/** Content types that are no JSON, or none at all. */
export const junkContentType: fc.Arbitrary<string | undefined> = fc.oneof(
  fc.constantFrom<string | undefined>(
    undefined,
    'text/plain',
    'text/plain; charset=utf-8',
    ...UNPARSED_TYPES,
  ),
  shortJunk(60).map(toWire),
);

/** Idempotency-Keys that are wrong: empty, spaces, unicode, over 128 characters, or junk. */
export const junkIdempotencyKey: fc.Arbitrary<string> = fc
  .oneof(
    fc.constantFrom('', ' ', 'a b', ' key', 'key ', 'key\t', 'a,b', 'k/ey', 'ключ', '🔑', '%20', '键-1'),
    fc.string({ unit: 'grapheme-ascii', minLength: 129, maxLength: 300 }),
    fc.integer({ min: 129, max: 5000 }).map((n) => 'k'.repeat(n)),
    shortJunk(300),
  )
  .map(toWire);

/** Authorization values that hold no session: junk bearer tokens, Basic, schemes without tokens, huge. */
export const junkAuthorization: fc.Arbitrary<string> = fc
  .oneof(
    fc.constantFrom('', 'Bearer', 'Bearer ', 'bearer', 'Basic', 'Token abc', 'Bearer null', 'Bearer  abc'),
    fc.constantFrom('Bearer abc def', 'BEARER abcdefgh', 'Bearer abc,Bearer def', 'Digest username="a"'),
    shortJunk(200).map((s) => `Bearer ${s}`),
    fc.stringMatching(/^[A-Za-z0-9_-]{1,100}$/).map((s) => `Bearer ${s}`),
    fc.stringMatching(/^[A-Za-z0-9_-]{101,140}$/).map((s) => `Bearer ${s}`),
    fc
      .tuple(shortJunk(40), shortJunk(40))
      .map(([user, password]) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`),
    fc.constantFrom(1_000, 10_000, 60_000).map((n) => `Bearer ${'A'.repeat(n)}`),
  )
  .map(toWire);

export const junkAcceptLanguage: fc.Arbitrary<string> = fc
  .oneof(
    fc.constantFrom('zh', 'zh-CN', 'ZH', 'zh-TW;q=0.1', 'en;q=abc', '*', ',,,', 'xx-YY', ';q=', 'zh-Hans-CN'),
    fc.constant('zh,'.repeat(5000)),
    shortJunk(100),
  )
  .map(toWire);

const OTHER_HEADERS = ['accept', 'accept-encoding', 'content-encoding', 'x-forwarded-for', 'x-request-id'];
/** Extra headers, known and unknown, with junk values. */
export const junkHeaders: fc.Arbitrary<Record<string, string>> = fc.dictionary(
  fc.oneof(
    fc.constantFrom(...OTHER_HEADERS, 'cookie', 'origin', 'x-correlationid'),
    fc.stringMatching(/^x-[a-z0-9-]{1,20}$/),
  ),
  shortJunk(200).map(toWire),
  { maxKeys: 3 },
);

/** One path segment, percent-encoded: junk, too long, dots, slashes, broken encodings, id look-alikes. */
export const junkSegment: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: shortJunk(120).map(percentEncode) },
  { weight: 1, arbitrary: fc.constantFrom('.', '..', '%2F', '%2E%2E%2F', 'null', '0', '-1', '%20', '%00') },
  { weight: 1, arbitrary: fc.constantFrom('%', '%zz', '%E0%A4%A', '%ff', '%C0%AF', '%ED%A0%80') },
  { weight: 1, arbitrary: fc.integer({ min: 65, max: 3000 }).map((n) => 'x'.repeat(n)) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.constantFrom('pay_', 'otp_', 'dev_', 'quo_', 'cus_'),
        fc.stringMatching(/^[A-Za-z0-9_-]{0,24}$/),
      )
      .map(([prefix, rest]) => prefix + rest),
  },
);
