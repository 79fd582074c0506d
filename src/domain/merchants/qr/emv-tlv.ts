// EMV QR data objects: a 2-digit id, a 2-digit length in characters (01–99) and a value; templates nest them.

/** One data object. `value` is the raw text, which for a template is itself a run of data objects. */
export interface TlvObject {
  readonly id: string;
  readonly value: string;
}

/** A top-level data object; `nested` holds the parsed contents of a template, null for a primitive. */
export interface EmvDataObject extends TlvObject {
  readonly nested: readonly TlvObject[] | null;
}

export type TlvDecodeResult<T extends TlvObject = TlvObject> =
  | { ok: true; objects: T[] }
  | { ok: false; error: 'qr_malformed'; detail: string };

const TWO_DIGITS = /^\d{2}$/;
const MAX_VALUE_LENGTH = 99;

/**
 * Length as EMV QR counts it: characters, taken here as Unicode code points (so one Chinese character is
 * one, as in the EMVCo example `0104最佳运输`). Encoding and decoding both count this way.
 */
export function emvLength(text: string): number {
  return Array.from(text).length;
}

/**
 * Ids whose value is a template of nested data objects (EMV QRCPS merchant-presented mode): 26–51 merchant
 * account information, 62 additional data, 64 merchant information in an alternate language, and 80–99
 * the unreserved templates.
 */
export function isTemplateId(id: string): boolean {
  const number = Number(id);
  return (number >= 26 && number <= 51) || number === 62 || number === 64 || number >= 80;
}

/** Encodes data objects in the order given. Throws a RangeError for a bad id or an empty or over-long value. */
export function encodeTlv(objects: readonly TlvObject[]): string {
  return objects.map(({ id, value }) => encodeTlvObject(id, value)).join('');
}

function encodeTlvObject(id: string, value: string): string {
  if (!TWO_DIGITS.test(id)) throw new RangeError(`EMV data object id must be two digits, got "${id}"`);
  const length = emvLength(value);
  if (length < 1 || length > MAX_VALUE_LENGTH) {
    throw new RangeError(`EMV data object ${id} must hold 1–${MAX_VALUE_LENGTH} characters, got ${length}`);
  }
  return `${id}${String(length).padStart(2, '0')}${value}`;
}

/**
 * Decodes one level of data objects, strictly: every character must belong to an object, ids and lengths
 * must be two ASCII digits, lengths 01–99 and within the text, and no id may appear twice. Never throws.
 */
export function decodeTlv(text: string): TlvDecodeResult {
  const chars = Array.from(text);
  if (chars.length === 0) return malformed('no data objects');
  const objects: TlvObject[] = [];
  const seen = new Set<string>();
  let position = 0;
  while (position < chars.length) {
    if (position + 4 > chars.length) return malformed(`truncated id or length at character ${position}`);
    const id = chars.slice(position, position + 2).join('');
    const lengthText = chars.slice(position + 2, position + 4).join('');
    if (!TWO_DIGITS.test(id)) return malformed(`id "${id}" at character ${position} is not two digits`);
    if (!TWO_DIGITS.test(lengthText) || lengthText === '00') {
      return malformed(`length "${lengthText}" of data object ${id} is not 01–99`);
    }
    const end = position + 4 + Number(lengthText);
    if (end > chars.length) return malformed(`data object ${id} runs past the end`);
    if (seen.has(id)) return malformed(`data object ${id} appears twice`);
    seen.add(id);
    objects.push({ id, value: chars.slice(position + 4, end).join('') });
    position = end;
  }
  return { ok: true, objects };
}

/** Decodes the top level of a payload and, strictly as well, the contents of each template. */
export function decodeEmvDataObjects(text: string): TlvDecodeResult<EmvDataObject> {
  const top = decodeTlv(text);
  if (!top.ok) return top;
  const objects: EmvDataObject[] = [];
  for (const object of top.objects) {
    if (!isTemplateId(object.id)) {
      objects.push({ ...object, nested: null });
      continue;
    }
    const nested = decodeTlv(object.value);
    if (!nested.ok) return malformed(`template ${object.id}: ${nested.detail}`);
    objects.push({ ...object, nested: nested.objects });
  }
  return { ok: true, objects };
}

function malformed(detail: string): { ok: false; error: 'qr_malformed'; detail: string } {
  return { ok: false, error: 'qr_malformed', detail };
}
