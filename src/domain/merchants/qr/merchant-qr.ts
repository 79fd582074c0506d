// mwallet's EMVCo merchant-presented QR payload: encode fields to a payload, decode and validate a scanned one.
//
// The CRC (data object 63) only catches misreads and accidental damage. It is not a signature: anyone can
// change the amount or the order id and recompute it. The server must treat a decoded payload as a claim
// and compare it against what it stored (the merchant, till and order, and the order's amount).
import { emvCrc } from './emv-crc.js';
import { decodeEmvDataObjects, type EmvDataObject, emvLength, encodeTlv, type TlvObject } from './emv-tlv.js';

/** What a merchant QR carries. With an `orderId` it is dynamic (one order), without it static (a sticker). */
export interface MerchantQrFields {
  merchantId: string;
  tillId?: string;
  orderId?: string;
  /** ISO 18245 merchant category code, 4 digits. */
  mcc: string;
  /** ISO 4217 numeric currency code, 3 digits, e.g. '156' for CNY. */
  currencyNumeric: string;
  /** Decimal text exactly as it should appear, e.g. '12.50'. */
  amount?: string;
  /** ISO 3166-1 alpha-2, uppercase, e.g. 'CN'. */
  countryCode: string;
  merchantName: string;
  merchantCity: string;
  reference?: string;
}

export interface DecodedMerchantQr {
  initiation: 'static' | 'dynamic';
  merchantId: string;
  tillId: string | null;
  orderId: string | null;
  mcc: string;
  currencyNumeric: string;
  amount: string | null;
  countryCode: string;
  merchantName: string;
  merchantCity: string;
  reference: string | null;
}

export type MerchantQrError = 'qr_malformed' | 'qr_checksum' | 'qr_not_supported';

export type MerchantQrDecodeResult =
  | { ok: true; qr: DecodedMerchantQr }
  | { ok: false; error: MerchantQrError; detail: string };

type Failure = Extract<MerchantQrDecodeResult, { ok: false }>;

/** Globally unique identifier (sub-id 00) of mwallet's merchant account information template. */
export const MWALLET_QR_GUID = 'com.mwallet';

const MAX_PAYLOAD_LENGTH = 512;
const CRC_SUFFIX = /6304([0-9A-Fa-f]{4})$/;
/** Controls, format characters (e.g. bidi overrides), lone surrogates, private use, line/paragraph breaks. */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Zl}\p{Zp}]/u;
const AMOUNT_FORMAT = /^(0|[1-9]\d*)(\.\d+)?$/;
const MAX_AMOUNT_LENGTH = 13;

const isPrintable = (text: string) => !UNPRINTABLE.test(text);
const isTextOfAtMost = (max: number) => (text: string) => {
  const length = emvLength(text);
  return length >= 1 && length <= max && isPrintable(text);
};

/** Format rules shared by encoding (a violation is a caller bug) and decoding (a violation is `qr_malformed`). */
const FIELD_RULES = {
  merchantId: { id: '01', valid: isTextOfAtMost(99), what: 'merchant id' },
  tillId: { id: '02', valid: isTextOfAtMost(99), what: 'till id' },
  orderId: { id: '03', valid: isTextOfAtMost(99), what: 'order id' },
  mcc: { id: '52', valid: (text: string) => /^\d{4}$/.test(text), what: 'merchant category code' },
  currencyNumeric: { id: '53', valid: (text: string) => /^\d{3}$/.test(text), what: 'currency' },
  amount: {
    id: '54',
    valid: (text: string) => text.length <= MAX_AMOUNT_LENGTH && AMOUNT_FORMAT.test(text),
    what: 'amount',
  },
  countryCode: { id: '58', valid: (text: string) => /^[A-Z]{2}$/.test(text), what: 'country code' },
  merchantName: { id: '59', valid: isTextOfAtMost(25), what: 'merchant name' },
  merchantCity: { id: '60', valid: isTextOfAtMost(15), what: 'merchant city' },
  reference: { id: '05', valid: isTextOfAtMost(25), what: 'reference label' },
} as const satisfies Record<
  keyof MerchantQrFields,
  { id: string; valid: (text: string) => boolean; what: string }
>;

/**
 * Builds the payload: 00 format "01", 01 initiation ("12" with an order id, else "11"), 26 the mwallet
 * template (00 GUID, 01 merchant, 02 till, 03 order), 52 MCC, 53 currency, 54 amount, 58 country, 59 name,
 * 60 city, 62 additional data (05 reference) and last 63, the CRC over everything before its value.
 * Throws a RangeError if a field breaks its format: callers pass validated data.
 */
export function encodeMerchantQr(fields: MerchantQrFields): string {
  assertValidFields(fields);
  const account = encodeTlv(
    present([
      ['00', MWALLET_QR_GUID],
      ['01', fields.merchantId],
      ['02', fields.tillId],
      ['03', fields.orderId],
    ]),
  );
  const additionalData =
    fields.reference === undefined ? undefined : encodeTlv([{ id: '05', value: fields.reference }]);
  const body = encodeTlv(
    present([
      ['00', '01'],
      ['01', fields.orderId === undefined ? '11' : '12'],
      ['26', account],
      ['52', fields.mcc],
      ['53', fields.currencyNumeric],
      ['54', fields.amount],
      ['58', fields.countryCode],
      ['59', fields.merchantName],
      ['60', fields.merchantCity],
      ['62', additionalData],
    ]),
  );
  const withCrcHeader = `${body}6304`;
  return withCrcHeader + emvCrc(withCrcHeader);
}

function assertValidFields(fields: MerchantQrFields): void {
  for (const [name, rule] of Object.entries(FIELD_RULES)) {
    const value = fields[name as keyof MerchantQrFields];
    if (value !== undefined && !rule.valid(value)) throw new RangeError(`invalid ${rule.what}: "${value}"`);
  }
}

function present(entries: [string, string | undefined][]): TlvObject[] {
  return entries.flatMap(([id, value]) => (value === undefined ? [] : [{ id, value }]));
}

/**
 * Decodes and validates a scanned payload. Checks, in order: at most 512 printable characters
 * (`qr_malformed`); a trailing CRC object `6304XXXX` whose hex (either case) matches (`qr_checksum`);
 * strict TLV with 63 last (`qr_malformed`); 00 first and "01" (`qr_malformed`); a template among ids 26–51
 * whose GUID is "com.mwallet" (`qr_not_supported`); well-formed required and optional fields, and an order
 * id exactly when the initiation is dynamic (`qr_malformed`). Unknown data objects are ignored.
 */
export function decodeMerchantQr(payload: string): MerchantQrDecodeResult {
  if (payload.length > 2 * MAX_PAYLOAD_LENGTH || emvLength(payload) > MAX_PAYLOAD_LENGTH) {
    return fail('qr_malformed', `payload is longer than ${MAX_PAYLOAD_LENGTH} characters`);
  }
  if (!isPrintable(payload)) return fail('qr_malformed', 'payload contains unprintable characters');
  const crc = CRC_SUFFIX.exec(payload)?.[1];
  if (crc === undefined)
    return fail('qr_checksum', 'payload does not end with a CRC data object (6304 + 4 hex)');
  const expectedCrc = emvCrc(payload.slice(0, -4));
  if (crc.toUpperCase() !== expectedCrc) return fail('qr_checksum', `CRC is ${crc}, expected ${expectedCrc}`);
  const parsed = decodeEmvDataObjects(payload);
  if (!parsed.ok) return parsed;
  const objects = parsed.objects;
  if (objects.at(-1)?.id !== '63') return fail('qr_malformed', 'the CRC (63) is not the last data object');
  if (objects[0]?.id !== '00' || objects[0].value !== '01') {
    return fail('qr_malformed', 'the payload format indicator (00) must come first and be "01"');
  }
  const account = findMwalletTemplate(objects);
  if (!account.ok) return account;
  return readFields(objects, account.template);
}

function findMwalletTemplate(
  objects: readonly EmvDataObject[],
): { ok: true; template: readonly TlvObject[] } | Failure {
  const templates = objects.flatMap((object) => {
    const isAccountInformation = Number(object.id) >= 26 && Number(object.id) <= 51;
    const guid = object.nested?.find((nested) => nested.id === '00')?.value;
    return isAccountInformation && guid === MWALLET_QR_GUID && object.nested ? [object.nested] : [];
  });
  const [template, ...others] = templates;
  if (template === undefined)
    return fail('qr_not_supported', `no merchant account template for ${MWALLET_QR_GUID}`);
  if (others.length > 0) return fail('qr_malformed', `more than one template for ${MWALLET_QR_GUID}`);
  return { ok: true, template };
}

/** Reads every field, collecting all format problems into one `qr_malformed` detail. */
function readFields(
  objects: readonly EmvDataObject[],
  account: readonly TlvObject[],
): MerchantQrDecodeResult {
  const topLevel = valuesById(objects);
  const accountFields = valuesById(account);
  const additionalData = valuesById(objects.find((object) => object.id === '62')?.nested ?? []);
  const problems: string[] = [];
  const optional = (source: ReadonlyMap<string, string>, name: keyof MerchantQrFields): string | null => {
    const { id, valid, what } = FIELD_RULES[name];
    const value = source.get(id);
    if (value === undefined) return null;
    if (!valid(value)) problems.push(`invalid ${what}`);
    return value;
  };
  const required = (source: ReadonlyMap<string, string>, name: keyof MerchantQrFields): string => {
    const value = optional(source, name);
    if (value === null) problems.push(`missing ${FIELD_RULES[name].what}`);
    return value ?? '';
  };
  const fields = {
    merchantId: required(accountFields, 'merchantId'),
    tillId: optional(accountFields, 'tillId'),
    orderId: optional(accountFields, 'orderId'),
    mcc: required(topLevel, 'mcc'),
    currencyNumeric: required(topLevel, 'currencyNumeric'),
    amount: optional(topLevel, 'amount'),
    countryCode: required(topLevel, 'countryCode'),
    merchantName: required(topLevel, 'merchantName'),
    merchantCity: required(topLevel, 'merchantCity'),
    reference: optional(additionalData, 'reference'),
  };
  if (problems.length > 0) return fail('qr_malformed', problems.join('; '));
  const initiation = readInitiation(topLevel.get('01'), fields.orderId);
  if (typeof initiation !== 'string') return initiation;
  return { ok: true, qr: { initiation, ...fields } };
}

/** Point of initiation (01): "11" static must not carry an order id, "12" dynamic must. */
function readInitiation(
  value: string | undefined,
  orderId: string | null,
): DecodedMerchantQr['initiation'] | Failure {
  if (value === '11')
    return orderId === null ? 'static' : fail('qr_malformed', 'a static QR carries an order id');
  if (value === '12')
    return orderId === null ? fail('qr_malformed', 'a dynamic QR has no order id') : 'dynamic';
  return fail('qr_malformed', 'point of initiation (01) must be "11" or "12"');
}

function valuesById(objects: readonly TlvObject[]): ReadonlyMap<string, string> {
  return new Map(objects.map((object) => [object.id, object.value]));
}

function fail(error: MerchantQrError, detail: string): Failure {
  return { ok: false, error, detail };
}
