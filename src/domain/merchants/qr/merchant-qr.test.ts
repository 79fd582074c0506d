// Tests of mwallet's merchant QR payload: exact layout, round trips, tampering, and every refusal code.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { emvCrc } from './emv-crc.js';
import {
  type DecodedMerchantQr,
  decodeMerchantQr,
  encodeMerchantQr,
  type MerchantQrFields,
} from './merchant-qr.js';

const STATIC_FIELDS: MerchantQrFields = {
  merchantId: 'M123',
  tillId: 'T01',
  mcc: '5812',
  currencyNumeric: '156',
  countryCode: 'CN',
  merchantName: 'LUCKY NOODLE BAR',
  merchantCity: 'SHANGHAI',
  reference: 'TABLE7',
};

/** Built by hand object by object; its CRC 5E74 was computed with a separate bit-at-a-time CRC-16/CCITT-FALSE. */
const STATIC_PAYLOAD =
  '000201' +
  '010211' +
  '2630' +
  '0011com.mwallet' +
  '0104M123' +
  '0203T01' +
  '52045812' +
  '5303156' +
  '5802CN' +
  '5916LUCKY NOODLE BAR' +
  '6008SHANGHAI' +
  '6210' +
  '0506TABLE7' +
  '63045E74';

const DYNAMIC_FIELDS: MerchantQrFields = {
  merchantId: 'M123',
  tillId: 'T01',
  orderId: 'ORD-2024-01',
  mcc: '5812',
  currencyNumeric: '156',
  amount: '12.50',
  countryCode: 'CN',
  merchantName: '幸运面馆',
  merchantCity: '上海',
};

/** Also by hand: the Chinese name and city count 4 and 2 characters; CRC 1FE5 over their UTF-8 bytes. */
const DYNAMIC_PAYLOAD =
  '00020101021226450011com.mwallet0104M1230203T010311ORD-2024-01' +
  '520458125303156540512.505802CN5904幸运面馆6002上海63041FE5';

/** The EMVCo specification's example: valid EMV, but for other schemes' GUIDs, not mwallet's. */
const EMVCO_EXAMPLE =
  '00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN' +
  '5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***' +
  '0708A60086670902ME91320016A0112233449988770708123456786304A13A';

function expectedDecoded(fields: MerchantQrFields): DecodedMerchantQr {
  return {
    initiation: fields.orderId === undefined ? 'static' : 'dynamic',
    merchantId: fields.merchantId,
    tillId: fields.tillId ?? null,
    orderId: fields.orderId ?? null,
    mcc: fields.mcc,
    currencyNumeric: fields.currencyNumeric,
    amount: fields.amount ?? null,
    countryCode: fields.countryCode,
    merchantName: fields.merchantName,
    merchantCity: fields.merchantCity,
    reference: fields.reference ?? null,
  };
}

/** Replaces `from` with `to` in a payload's body and appends a freshly computed, valid CRC. */
function editAndResign(payload: string, from: string, to: string): string {
  const body = payload.slice(0, -8);
  assert.ok(body.includes(from), `payload has no "${from}"`);
  const head = `${body.replace(from, to)}6304`;
  return head + emvCrc(head);
}

function errorOf(payload: string): string | undefined {
  const result = decodeMerchantQr(payload);
  return result.ok ? undefined : result.error;
}

const unit = (chars: string) => fc.constantFrom(...chars);
const digits = (count: number) => fc.string({ unit: unit('0123456789'), minLength: count, maxLength: count });
const printableAscii = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCodePoint(code));
const anyText = fc.oneof(printableAscii, unit('上海北京幸运面馆最佳运输咖啡'), unit('éß€😀'));
const text = (maxLength: number, characters = anyText) =>
  fc.string({ unit: characters, minLength: 1, maxLength });
const amounts = fc
  .tuple(fc.bigInt({ min: 0n, max: 99_999_999n }), fc.option(digits(2)))
  .map(([whole, fraction]) => (fraction === null ? `${whole}` : `${whole}.${fraction}`));
const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });

/** Any valid fields; ids are kept short enough for the merchant account template to fit in 99 characters. */
const validFields = (characters = anyText): fc.Arbitrary<MerchantQrFields> =>
  fc.record({
    merchantId: text(24, characters),
    tillId: optional(text(20, characters)),
    orderId: optional(text(24, characters)),
    mcc: digits(4),
    currencyNumeric: digits(3),
    amount: optional(amounts),
    countryCode: fc.string({ unit: unit('ABCDEFGHIJKLMNOPQRSTUVWXYZ'), minLength: 2, maxLength: 2 }),
    merchantName: text(25, characters),
    merchantCity: text(15, characters),
    reference: optional(text(25, characters)),
  });

describe('merchant QR encoding', () => {
  it('lays out a static QR exactly as built by hand', () => {
    assert.equal(encodeMerchantQr(STATIC_FIELDS), STATIC_PAYLOAD);
  });

  it('lays out a dynamic QR with a Chinese name and city exactly as built by hand', () => {
    assert.equal(encodeMerchantQr(DYNAMIC_FIELDS), DYNAMIC_PAYLOAD);
  });

  it('throws for fields a caller should never pass', () => {
    const bad: Partial<MerchantQrFields>[] = [
      { mcc: '581' },
      { mcc: '５８１２' },
      { currencyNumeric: 'CNY' },
      { countryCode: 'cn' },
      { amount: '12.' },
      { amount: '012.50' },
      { amount: '-1' },
      { amount: '12345678901.50' },
      { merchantName: '' },
      { merchantName: 'X'.repeat(26) },
      { merchantName: '幸'.repeat(26) },
      { merchantCity: 'Y'.repeat(16) },
      { merchantCity: 'SHANG\nHAI' },
      { merchantName: 'EVIL\u202eRAB' },
      { reference: 'R'.repeat(26) },
      { tillId: '' },
      { merchantId: 'M'.repeat(100) },
      { merchantId: 'M'.repeat(40), tillId: 'T'.repeat(40) },
    ];
    for (const change of bad) {
      assert.throws(
        () => encodeMerchantQr({ ...STATIC_FIELDS, ...change }),
        RangeError,
        JSON.stringify(change),
      );
    }
    assert.ok(
      encodeMerchantQr({ ...STATIC_FIELDS, merchantName: '幸'.repeat(25), merchantCity: '市'.repeat(15) }),
    );
  });
});

describe('merchant QR decoding', () => {
  it('decodes the hand-built static and dynamic payloads', () => {
    assert.deepEqual(decodeMerchantQr(STATIC_PAYLOAD), { ok: true, qr: expectedDecoded(STATIC_FIELDS) });
    assert.deepEqual(decodeMerchantQr(DYNAMIC_PAYLOAD), { ok: true, qr: expectedDecoded(DYNAMIC_FIELDS) });
  });

  it('round-trips any valid fields, with or without order, amount, till and reference', () => {
    fc.assert(
      fc.property(validFields(), (fields) => {
        assert.deepEqual(decodeMerchantQr(encodeMerchantQr(fields)), {
          ok: true,
          qr: expectedDecoded(fields),
        });
      }),
    );
  });

  it('accepts a static QR with a fixed amount, and a dynamic one whose amount is only on the order', () => {
    const { orderId: _orderId, ...staticFields } = DYNAMIC_FIELDS;
    assert.deepEqual(decodeMerchantQr(encodeMerchantQr(staticFields)), {
      ok: true,
      qr: expectedDecoded(staticFields),
    });
    const { amount: _amount, ...noAmount } = DYNAMIC_FIELDS;
    assert.deepEqual(decodeMerchantQr(encodeMerchantQr(noAmount)), {
      ok: true,
      qr: expectedDecoded(noAmount),
    });
  });

  it('accepts an amount of up to 13 characters', () => {
    const fields = { ...DYNAMIC_FIELDS, amount: '12345678901.5' };
    assert.deepEqual(decodeMerchantQr(encodeMerchantQr(fields)), { ok: true, qr: expectedDecoded(fields) });
  });

  it('accepts a lowercase CRC', () => {
    assert.equal(STATIC_PAYLOAD.slice(-4), '5E74');
    assert.equal(decodeMerchantQr(`${STATIC_PAYLOAD.slice(0, -4)}5e74`).ok, true);
    assert.equal(decodeMerchantQr(`${DYNAMIC_PAYLOAD.slice(0, -4)}1fe5`).ok, true);
  });

  it('ignores data objects and other schemes’ templates it does not use', () => {
    const extra = editAndResign(STATIC_PAYLOAD, '52045812', '27090005OTHER5204581264060002ZH');
    assert.equal(extra.includes('27090005OTHER'), true);
    assert.deepEqual(decodeMerchantQr(extra), { ok: true, qr: expectedDecoded(STATIC_FIELDS) });
    const moved = editAndResign(STATIC_PAYLOAD, '2630', '5130');
    assert.deepEqual(decodeMerchantQr(moved), { ok: true, qr: expectedDecoded(STATIC_FIELDS) });
  });
});

describe('merchant QR tampering', () => {
  /** Every payload a one-character edit can make, except a case change of a CRC hex letter (same payload). */
  function* singleCharacterEdits(payload: string, replacements: readonly string[]): Generator<string> {
    const chars = Array.from(payload);
    for (const [position, original] of chars.entries()) {
      const inCrc = position >= chars.length - 4;
      for (const replacement of replacements) {
        if (replacement === original) continue;
        if (inCrc && replacement.toUpperCase() === original.toUpperCase()) continue;
        yield [...chars.slice(0, position), replacement, ...chars.slice(position + 1)].join('');
      }
    }
  }
  const allAscii = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code));

  it('refuses every single-character ASCII edit of the hand-built payloads', () => {
    let edits = 0;
    for (const payload of [STATIC_PAYLOAD, DYNAMIC_PAYLOAD]) {
      for (const edited of singleCharacterEdits(payload, allAscii)) {
        edits += 1;
        const error = errorOf(edited);
        assert.ok(error === 'qr_checksum' || error === 'qr_malformed', `${edited} gave ${error}`);
      }
    }
    assert.ok(edits > 20_000);
  });

  it('refuses a single-character edit at any position of any valid payload', () => {
    const edit = fc.record({
      fields: validFields(printableAscii),
      position: fc.nat(),
      code: fc.integer({ min: 0, max: 127 }),
    });
    fc.assert(
      fc.property(edit, ({ fields, position, code }) => {
        const chars = Array.from(encodeMerchantQr(fields));
        const at = position % chars.length;
        const replacement = String.fromCharCode(code);
        const original = chars[at] ?? '';
        fc.pre(replacement !== original);
        fc.pre(at < chars.length - 4 || replacement.toUpperCase() !== original.toUpperCase());
        chars[at] = replacement;
        const error = errorOf(chars.join(''));
        assert.ok(error === 'qr_checksum' || error === 'qr_malformed', `got ${error}`);
      }),
    );
  });

  it('decodes an edited amount whose CRC was recomputed: the CRC is no signature', () => {
    const forged = editAndResign(DYNAMIC_PAYLOAD, '540512.50', '540599.99');
    assert.deepEqual(decodeMerchantQr(forged), {
      ok: true,
      qr: { ...expectedDecoded(DYNAMIC_FIELDS), amount: '99.99' },
    });
  });
});

describe('merchant QR refusals', () => {
  it('refuses truncated payloads with qr_checksum', () => {
    assert.equal(errorOf(STATIC_PAYLOAD.slice(0, -1)), 'qr_checksum');
    assert.equal(errorOf(STATIC_PAYLOAD.slice(0, 40)), 'qr_checksum');
    assert.equal(errorOf(STATIC_PAYLOAD.slice(1)), 'qr_checksum');
    assert.equal(errorOf(''), 'qr_checksum');
  });

  it('refuses a wrong CRC with qr_checksum', () => {
    assert.equal(errorOf(`${STATIC_PAYLOAD.slice(0, -4)}5E75`), 'qr_checksum');
    assert.equal(errorOf(`${STATIC_PAYLOAD.slice(0, -4)}5E7G`), 'qr_checksum');
    assert.equal(errorOf(`${STATIC_PAYLOAD.slice(0, -8)}6305${STATIC_PAYLOAD.slice(-4)}`), 'qr_checksum');
  });

  it('refuses a bad length field, even under a valid CRC, with qr_malformed', () => {
    assert.equal(errorOf(STATIC_PAYLOAD.replace('5916LUCKY', '5917LUCKY')), 'qr_checksum');
    assert.equal(errorOf(editAndResign(STATIC_PAYLOAD, '5916LUCKY', '59x6LUCKY')), 'qr_malformed');
    assert.equal(errorOf(editAndResign(STATIC_PAYLOAD, '5916LUCKY', '5999LUCKY')), 'qr_malformed');
    assert.equal(errorOf(editAndResign(STATIC_PAYLOAD, '5916LUCKY', '5900LUCKY')), 'qr_malformed');
  });

  it('refuses a payload that is not mwallet’s with qr_not_supported', () => {
    assert.equal(errorOf(EMVCO_EXAMPLE), 'qr_not_supported');
    assert.equal(errorOf(editAndResign(STATIC_PAYLOAD, 'com.mwallet', 'com.mwalleT')), 'qr_not_supported');
    assert.equal(errorOf(editAndResign(STATIC_PAYLOAD, '2630', '2530')), 'qr_not_supported');
  });

  it('refuses a static QR with an order id and a dynamic one without', () => {
    const staticWithOrder = editAndResign(DYNAMIC_PAYLOAD, '010212', '010211');
    assert.deepEqual(decodeMerchantQr(staticWithOrder), {
      ok: false,
      error: 'qr_malformed',
      detail: 'a static QR carries an order id',
    });
    const dynamicWithoutOrder = editAndResign(STATIC_PAYLOAD, '010211', '010212');
    assert.deepEqual(decodeMerchantQr(dynamicWithoutOrder), {
      ok: false,
      error: 'qr_malformed',
      detail: 'a dynamic QR has no order id',
    });
    assert.equal(errorOf(editAndResign(STATIC_PAYLOAD, '010211', '010213')), 'qr_malformed');
    assert.equal(errorOf(editAndResign(STATIC_PAYLOAD, '010211', '')), 'qr_malformed');
  });

  it('refuses a wrong or misplaced payload format indicator (00)', () => {
    assert.equal(errorOf(editAndResign(STATIC_PAYLOAD, '000201', '000202')), 'qr_malformed');
    assert.equal(errorOf(editAndResign(STATIC_PAYLOAD, '000201010211', '010211000201')), 'qr_malformed');
    assert.equal(errorOf(editAndResign(STATIC_PAYLOAD, '000201', '')), 'qr_malformed');
  });

  it('refuses missing or ill-formed required fields, naming each problem', () => {
    const broken = editAndResign(editAndResign(STATIC_PAYLOAD, '52045812', ''), '5802CN', '5802cn');
    assert.deepEqual(decodeMerchantQr(broken), {
      ok: false,
      error: 'qr_malformed',
      detail: 'missing merchant category code; invalid country code',
    });
    const cases: [string, string][] = [
      ['5303156', '5303CNY'],
      ['5303156', ''],
      ['6008SHANGHAI', ''],
      ['6008SHANGHAI', '6016SHANGHAI-PUDONG-A'],
      ['5916LUCKY NOODLE BAR', ''],
      ['0104M123', ''],
    ];
    for (const [from, to] of cases) {
      assert.equal(errorOf(editAndResign(STATIC_PAYLOAD, from, to)), 'qr_malformed', `${from} → ${to}`);
    }
    const longReference = editAndResign(STATIC_PAYLOAD, '62100506TABLE7', `62300526${'R'.repeat(26)}`);
    assert.equal(errorOf(longReference), 'qr_malformed');
    for (const amount of ['012.50', '12.', '.5', '-1', '1e3', '123456789012.5']) {
      const length = String(amount.length).padStart(2, '0');
      const payload = editAndResign(DYNAMIC_PAYLOAD, '540512.50', `54${length}${amount}`);
      assert.equal(errorOf(payload), 'qr_malformed', amount);
    }
  });

  it('refuses two mwallet templates, and a CRC object that is not the last data object', () => {
    const twice = editAndResign(STATIC_PAYLOAD, '52045812', '27230011com.mwallet0104M99952045812');
    assert.deepEqual(decodeMerchantQr(twice), {
      ok: false,
      error: 'qr_malformed',
      detail: 'more than one template for com.mwallet',
    });
    const beforeAdditionalData = STATIC_PAYLOAD.slice(0, STATIC_PAYLOAD.indexOf('6210'));
    const head = `${beforeAdditionalData}62180506TABLE76304`;
    assert.deepEqual(decodeMerchantQr(head + emvCrc(head)), {
      ok: false,
      error: 'qr_malformed',
      detail: 'the CRC (63) is not the last data object',
    });
  });

  it('refuses over-long and unprintable payloads with qr_malformed', () => {
    const padding = ['65', '66', '67', '68', '69'].map((id) => `${id}99${'x'.repeat(99)}`).join('');
    const sixHundred = editAndResign(STATIC_PAYLOAD, '6008SHANGHAI', `6008SHANGHAI${padding}`);
    assert.ok(sixHundred.length > 600, 'well-formed, CRC-valid, and too long');
    assert.deepEqual(decodeMerchantQr(sixHundred), {
      ok: false,
      error: 'qr_malformed',
      detail: 'payload is longer than 512 characters',
    });
    assert.equal(errorOf('0'.repeat(600)), 'qr_malformed');
    assert.equal(errorOf(STATIC_PAYLOAD + 'x'.repeat(512)), 'qr_malformed');
    assert.equal(errorOf('😀'.repeat(513)), 'qr_malformed');
    assert.equal(errorOf(editAndResign(STATIC_PAYLOAD, 'SHANGHAI', 'SHANG\nAI')), 'qr_malformed');
    assert.equal(errorOf(editAndResign(STATIC_PAYLOAD, 'TABLE7', 'TABLE\u0000')), 'qr_malformed');
  });
});
