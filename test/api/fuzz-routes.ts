// The app API's routes as the fuzz test knows them: body fields, params, queries, and when a body may be accepted.
import fc from 'fast-check';
import type { TestStorage } from '../../src/channels/http/test-app.js';
import { type CountryCode, normalizePhone } from '../../src/domain/customers/phone.js';
import { parsePositiveAmount } from '../../src/money/index.js';
import { shortJunk } from './fuzz-inputs.js';
import { historyQuery, phoneLike, smsQuery } from './fuzz-queries.js';

export type Mode = 'anonymous' | 'session';

/** What the test set up before fuzzing, and what no case may send. */
export interface FuzzWorld {
  storage: TestStorage;
  region: CountryCode;
  currency: string;
  /** The funded customer's session token and number, the other customer's number, an unregistered number. */
  token: string;
  ownPhone: string;
  otherPhone: string;
  freePhone: string;
  /** A quote of the funded customer that needs a PIN, and a live SMS-code challenge. */
  quoteId: string;
  challengeId: string;
  /** The funded customer's device key (what the app sends at login). */
  deviceKey: string;
  /** Never in a URL or body: the right PIN, the right SMS code, the funded customer's device ids. */
  secrets: string[];
}

export interface FuzzRequest {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

export type Gen<T> = (world: FuzzWorld) => fc.Arbitrary<T>;

export interface Field {
  name: string;
  required: boolean;
  /** Values the schema takes (the domain may still refuse them). */
  wellFormed: Gen<unknown>;
  /** Values the schema takes and the domain surely refuses. */
  refused?: Gen<unknown>;
}

export interface RouteSpec {
  method: FuzzRequest['method'];
  /** As in the OpenAPI document, e.g. /api/v1/otp/{challengeId}/verify. */
  path: string;
  auth: boolean;
  idempotent: boolean;
  /** The fields of its JSON object body (no others allowed); absent when it takes no body. */
  fields?: Field[];
  /** Values for its path parameters besides junk (never a secret). */
  params?: Record<string, Gen<string>>;
  query?: fc.Arbitrary<string>;
  /** Whether a parsed body could be accepted (a valid Idempotency-Key and JSON assumed); such cases are not sent. */
  mayAccept?: (body: Record<string, unknown>, world: FuzzWorld) => boolean;
  /** With a valid session, any request whose body parses is accepted (log out). */
  acceptsAnyBody?: boolean;
}

const PUBLIC_PURPOSES = ['register', 'login', 'reset_pin', 'lock', 'unlock'];
const SESSION_PURPOSES = ['payment', 'close'];
const LOCALES = ['en', 'zh-CN'];

/** The strings a JSON value may become under Fastify's Ajv type coercion (coerceTypes: 'array'). */
export function coercedStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value)];
  if (value === null) return [''];
  if (Array.isArray(value) && value.length === 1) return coercedStrings(value[0]);
  return [];
}

/** Whether Ajv surely coerces a value to the boolean true. */
const coercesToTrue = (value: unknown): boolean =>
  value === true ||
  value === 'true' ||
  value === 1 ||
  (Array.isArray(value) && value.length === 1 && coercesToTrue(value[0]));
const anyOf = (value: unknown, allowed: readonly string[]) =>
  coercedStrings(value).some((s) => allowed.includes(s));
export const keysWithin = (body: Record<string, unknown>, names: readonly string[]) =>
  Object.keys(body).every((key) => names.includes(key));
const validPhone = (text: string, world: FuzzWorld) => normalizePhone(text, world.region).ok;
const isOwn = (text: string, world: FuzzWorld) => {
  const phone = normalizePhone(text, world.region);
  return phone.ok && phone.e164 === world.ownPhone;
};

/** Numbers and junk that are no valid mobile number. */
const refusedPhone: Gen<string> = (world) => phoneLike.filter((text) => !validPhone(text, world));
/** No valid mobile number, or the customer's own (no payments to oneself). */
const refusedRecipient: Gen<string> = (world) =>
  fc.oneof(refusedPhone(world), fc.constantFrom(world.ownPhone, world.ownPhone.slice(3)));
const refusedAmount: Gen<string> = (world) =>
  fc
    .oneof(
      fc.constantFrom(
        '1e3',
        '-1',
        '0x10',
        ' 1',
        '1 ',
        '1.234',
        '99999999999999999999',
        '0',
        '0.00',
        '01',
        '1.',
      ),
      fc.constantFrom(
        '.5',
        '+1',
        '1,00',
        '１',
        'NaN',
        'Infinity',
        '-0',
        '1_000',
        '12.5.0',
        '١',
        '¥1',
        '1 000',
      ),
      shortJunk(32),
    )
    .filter((text) => !parsePositiveAmount(text, world.currency).ok);
const pinText = fc.oneof(
  fc.stringMatching(/^\d{6}$/),
  fc.constantFrom('000000', '123456', '111111', '12345', '1234567', 'abcdef', '１２３４５６'),
  fc.string({ minLength: 1, maxLength: 16 }),
);
const tokenText = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9_-]{1,100}$/),
  fc.string({ minLength: 1, maxLength: 100 }),
);
const idNumberText = fc.oneof(
  fc.stringMatching(/^[A-Z0-9]{5,20}$/),
  fc.stringMatching(/^[1-9]\d{16}[\dX]$/),
  fc.constantFrom('110101199003074514', '11010119900307451X', 'E12345678'),
  fc.string({ minLength: 1, maxLength: 32 }),
);
const device = fc.record({
  id: fc.stringMatching(/^[A-Za-z0-9_.:-]{8,40}$/),
  name: fc.string({ minLength: 1, maxLength: 64 }),
});
const always =
  <T>(arbitrary: fc.Arbitrary<T>): Gen<T> =>
  () =>
    arbitrary;

const field = (name: string, wellFormed: Gen<unknown>, refused?: Gen<unknown>): Field => ({
  name,
  required: true,
  wellFormed,
  ...(refused ? { refused } : {}),
});
const optional = (f: Field): Field => ({ ...f, required: false });

const phoneField = (name: string, refused: Gen<string> = refusedPhone): Field =>
  field(
    name,
    (w) => fc.oneof(fc.constantFrom(w.ownPhone, w.otherPhone, w.freePhone), refusedPhone(w)),
    refused,
  );

/** Every /api/v1 route of the OpenAPI document, and GET /dev/sms. */
export const ROUTES: RouteSpec[] = [
  {
    method: 'POST',
    path: '/api/v1/otp',
    auth: false,
    idempotent: true,
    fields: [
      phoneField('phone'),
      field('purpose', always(fc.constantFrom(...PUBLIC_PURPOSES))),
      optional(field('locale', always(fc.constantFrom(...LOCALES)))),
    ],
    mayAccept: (b, w) =>
      keysWithin(b, ['phone', 'purpose', 'locale']) &&
      coercedStrings(b.phone).some((s) => validPhone(s, w)) &&
      anyOf(b.purpose, PUBLIC_PURPOSES) &&
      (b.locale === undefined || anyOf(b.locale, LOCALES)),
  },
  {
    method: 'POST',
    path: '/api/v1/me/otp',
    auth: true,
    idempotent: true,
    fields: [field('purpose', always(fc.constantFrom(...SESSION_PURPOSES)))],
    mayAccept: (b) => keysWithin(b, ['purpose']) && anyOf(b.purpose, SESSION_PURPOSES),
  },
  {
    method: 'POST',
    path: '/api/v1/otp/{challengeId}/verify',
    auth: false,
    idempotent: true,
    params: { challengeId: (w) => fc.constant(w.challengeId) },
    fields: [
      field(
        'code',
        always(fc.oneof(fc.stringMatching(/^\d{6}$/), fc.string({ minLength: 1, maxLength: 16 }))),
      ),
    ],
  },
  {
    method: 'POST',
    path: '/api/v1/registrations',
    auth: false,
    idempotent: true,
    fields: [
      field('verificationToken', always(tokenText)),
      field('pin', always(pinText)),
      field('device', always(device)),
      field('locale', always(fc.constantFrom(...LOCALES))),
    ],
  },
  {
    method: 'POST',
    path: '/api/v1/sessions',
    auth: false,
    idempotent: true,
    fields: [
      phoneField('phone'),
      field('pin', always(pinText)),
      field('device', (w) =>
        fc.oneof(
          device,
          device.map((d) => ({ ...d, id: w.deviceKey })),
        ),
      ),
      optional(field('verificationToken', always(tokenText))),
    ],
  },
  { method: 'DELETE', path: '/api/v1/sessions/current', auth: true, idempotent: false, acceptsAnyBody: true },
  { method: 'GET', path: '/api/v1/me', auth: true, idempotent: false },
  { method: 'GET', path: '/api/v1/me/devices', auth: true, idempotent: false },
  { method: 'DELETE', path: '/api/v1/me/devices/{deviceId}', auth: true, idempotent: false },
  { method: 'GET', path: '/api/v1/wallet', auth: true, idempotent: false },
  { method: 'GET', path: '/api/v1/wallet/statement', auth: true, idempotent: false },
  { method: 'GET', path: '/api/v1/wallet/history', auth: true, idempotent: false, query: historyQuery },
  { method: 'GET', path: '/api/v1/wallet/history.csv', auth: true, idempotent: false, query: historyQuery },
  {
    method: 'POST',
    path: '/api/v1/p2p/quotes',
    auth: true,
    idempotent: true,
    fields: [
      phoneField('to', refusedRecipient),
      field(
        'amount',
        (w) => fc.oneof(fc.constantFrom('1.00', '10', '0.01', '300.00', '1.230'), refusedAmount(w)),
        refusedAmount,
      ),
      optional(field('note', always(fc.string({ maxLength: 200 })))),
    ],
    mayAccept: (b, w) =>
      keysWithin(b, ['to', 'amount', 'note']) &&
      coercedStrings(b.to).some((s) => validPhone(s, w) && !isOwn(s, w)) &&
      coercedStrings(b.amount).some((s) => parsePositiveAmount(s, w.currency).ok),
  },
  {
    method: 'POST',
    path: '/api/v1/p2p/transfers',
    auth: true,
    idempotent: true,
    fields: [
      field('quoteId', (w) => fc.oneof(fc.constant(w.quoteId), fc.string({ minLength: 1, maxLength: 64 }))),
      optional(field('pin', always(pinText))),
      optional(field('verificationToken', always(tokenText))),
    ],
  },
  { method: 'GET', path: '/api/v1/p2p/transfers/{paymentId}', auth: true, idempotent: false },
  {
    method: 'POST',
    path: '/api/v1/me/pin',
    auth: true,
    idempotent: true,
    fields: [field('currentPin', always(pinText)), field('newPin', always(pinText))],
  },
  {
    method: 'POST',
    path: '/api/v1/pin-resets',
    auth: false,
    idempotent: true,
    fields: [
      field('verificationToken', always(tokenText)),
      field('newPin', always(pinText)),
      optional(field('idNumber', always(idNumberText))),
    ],
  },
  {
    method: 'POST',
    path: '/api/v1/locks',
    auth: false,
    idempotent: true,
    fields: [field('verificationToken', always(tokenText))],
  },
  {
    method: 'POST',
    path: '/api/v1/unlocks',
    auth: false,
    idempotent: true,
    fields: [
      field('verificationToken', always(tokenText)),
      field('pin', always(pinText)),
      optional(field('idNumber', always(idNumberText))),
    ],
  },
  {
    method: 'POST',
    path: '/api/v1/me/preferences',
    auth: true,
    idempotent: true,
    fields: [
      optional(field('locale', always(fc.constantFrom(...LOCALES)))),
      // Opting in needs the right PIN, which no case sends.
      optional(field('passwordFree', always(fc.boolean()), always(fc.constantFrom(true, 'true', 1, [true])))),
      optional(field('pin', always(pinText))),
    ],
    mayAccept: (b) =>
      keysWithin(b, ['locale', 'passwordFree', 'pin']) &&
      (b.locale === undefined || anyOf(b.locale, LOCALES)) &&
      !coercesToTrue(b.passwordFree),
  },
  {
    // Never accepted: the test gives the customer a pending application first.
    method: 'POST',
    path: '/api/v1/me/kyc',
    auth: true,
    idempotent: true,
    fields: [
      field(
        'name',
        always(fc.oneof(fc.constantFrom('Wang Fang', '王芳'), fc.string({ minLength: 1, maxLength: 40 }))),
      ),
      field('idType', always(fc.constantFrom('resident_id', 'passport'))),
      field('idNumber', always(idNumberText)),
      field(
        'birthDate',
        always(
          fc.oneof(
            fc
              .date({ min: new Date('1900-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
              .map((d) => d.toISOString().slice(0, 10)),
            fc.constantFrom('1990-03-07', '2024-02-30', '1990-3-7'),
            shortJunk(12),
          ),
        ),
      ),
      field('tier', always(fc.constantFrom('class_2', 'class_3'))),
    ],
  },
  { method: 'GET', path: '/api/v1/me/kyc', auth: true, idempotent: false },
  {
    method: 'POST',
    path: '/api/v1/me/closure',
    auth: true,
    idempotent: true,
    fields: [field('pin', always(pinText)), field('verificationToken', always(tokenText))],
  },
  {
    // A junk payload never passes the QR checksum: always refused.
    method: 'POST',
    path: '/api/v1/merchant-qr/scan',
    auth: true,
    idempotent: false,
    fields: [field('payload', always(fc.string({ minLength: 1, maxLength: 200 })))],
  },
  {
    method: 'POST',
    path: '/api/v1/merchant-payments',
    auth: true,
    idempotent: true,
    fields: [
      field('payload', always(fc.string({ minLength: 1, maxLength: 200 }))),
      optional(field('amount', always(fc.constantFrom('1.00', '12.50')), refusedAmount)),
      optional(field('note', always(fc.string({ maxLength: 140 })))),
      optional(field('pin', always(pinText))),
      optional(field('verificationToken', always(tokenText))),
    ],
  },
  { method: 'GET', path: '/api/v1/merchant-payments/{paymentId}', auth: true, idempotent: false },
  { method: 'GET', path: '/api/v1/tills/{code}', auth: true, idempotent: false },
  {
    // No till exists in the fuzz world: every code is refused.
    method: 'POST',
    path: '/api/v1/till-payments',
    auth: true,
    idempotent: true,
    fields: [
      field(
        'code',
        always(fc.oneof(fc.stringMatching(/^\d{8}$/), fc.string({ minLength: 1, maxLength: 16 }))),
      ),
      field('amount', always(fc.constantFrom('1.00', '12.50')), refusedAmount),
      optional(field('pin', always(pinText))),
      optional(field('verificationToken', always(tokenText))),
    ],
  },
  {
    method: 'POST',
    path: '/api/v1/payment-codes',
    auth: true,
    idempotent: false,
    fields: [optional(field('qr', always(fc.boolean())))],
    mayAccept: (b) => keysWithin(b, ['qr']),
  },
  {
    // Never accepted: no case sends the right PIN.
    method: 'POST',
    path: '/api/v1/authorisation-codes',
    auth: true,
    idempotent: true,
    fields: [
      field('pin', always(pinText)),
      optional(field('amount', always(fc.constantFrom('1.00', '12.50')), refusedAmount)),
      optional(field('amountType', always(fc.constantFrom('exact', 'maximum')))),
      optional(field('lifetimeSeconds', always(fc.integer({ min: 60, max: 86_400 })))),
    ],
  },
  { method: 'GET', path: '/api/v1/payment-requests', auth: true, idempotent: false },
  {
    method: 'POST',
    path: '/api/v1/payment-requests/{requestId}/confirm',
    auth: true,
    idempotent: true,
    fields: [
      optional(field('pin', always(pinText))),
      optional(field('verificationToken', always(tokenText))),
    ],
  },
  {
    method: 'POST',
    path: '/api/v1/payment-requests/{requestId}/decline',
    auth: true,
    idempotent: true,
    fields: [optional(field('reason', always(fc.string({ maxLength: 200 }))))],
  },
  { method: 'GET', path: '/dev/sms', auth: false, idempotent: false, query: smsQuery },
];
