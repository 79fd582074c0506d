// Tests of EMV QR data objects: encoding, strict decoding with returned errors, templates, character lengths.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeEmvDataObjects, decodeTlv, emvLength, encodeTlv, isTemplateId } from './emv-tlv.js';

function detailOf(text: string): string | undefined {
  const result = decodeTlv(text);
  return result.ok ? undefined : result.detail;
}

describe('EMV TLV encoding', () => {
  it('writes id, two-digit length and value, in the order given', () => {
    assert.equal(
      encodeTlv([
        { id: '00', value: '01' },
        { id: '59', value: 'BEST TRANSPORT' },
      ]),
      '0002015914BEST TRANSPORT',
    );
  });

  it('counts characters, not bytes or UTF-16 units', () => {
    assert.equal(encodeTlv([{ id: '01', value: '最佳运输' }]), '0104最佳运输');
    assert.equal(encodeTlv([{ id: '01', value: 'a😀' }]), '0102a😀');
    assert.equal(emvLength('北京😀'), 3);
  });

  it('throws for a bad id or an empty or over-long value (caller bugs)', () => {
    assert.throws(() => encodeTlv([{ id: '1', value: 'x' }]), RangeError);
    assert.throws(() => encodeTlv([{ id: 'ab', value: 'x' }]), RangeError);
    assert.throws(() => encodeTlv([{ id: '01', value: '' }]), RangeError);
    assert.throws(() => encodeTlv([{ id: '01', value: 'x'.repeat(100) }]), RangeError);
    assert.equal(encodeTlv([{ id: '01', value: 'x'.repeat(99) }]).length, 103);
  });
});

describe('EMV TLV decoding', () => {
  it('reads a run of data objects', () => {
    assert.deepEqual(decodeTlv('0002015802CN6002上海'), {
      ok: true,
      objects: [
        { id: '00', value: '01' },
        { id: '58', value: 'CN' },
        { id: '60', value: '上海' },
      ],
    });
  });

  it('refuses, as values, empty input, non-digit ids and lengths, length 00, overruns and duplicates', () => {
    assert.match(detailOf('') ?? '', /no data objects/);
    assert.match(detailOf('0a0201') ?? '', /id "0a"/);
    assert.match(detailOf('00x201') ?? '', /length "x2"/);
    assert.match(detailOf('000001') ?? '', /length "00"/);
    assert.match(detailOf('000301') ?? '', /runs past the end/);
    assert.match(detailOf('000201580') ?? '', /truncated/);
    assert.match(detailOf('0002010') ?? '', /truncated id or length at character 6/);
    assert.match(detailOf('0002015802CN0002') ?? '', /00 runs past the end/);
    assert.match(detailOf('0002010002ab') ?? '', /00 appears twice/);
    assert.match(detailOf('０００２01') ?? '', /not two digits/, 'full-width digits are not digits');
    assert.deepEqual(decodeTlv('01'), {
      ok: false,
      error: 'qr_malformed',
      detail: 'truncated id or length at character 0',
    });
  });

  it('knows the template ids: 26–51, 62, 64 and 80–99', () => {
    const templates = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0')).filter(isTemplateId);
    assert.deepEqual(templates.slice(0, 2), ['26', '27']);
    assert.equal(templates.length, 26 + 2 + 20);
    assert.ok(['51', '62', '64', '80', '99'].every(isTemplateId));
    assert.ok(!['00', '25', '52', '63', '65', '79'].some(isTemplateId));
  });

  it('parses the contents of templates and refuses a template that is not TLV inside', () => {
    assert.deepEqual(decodeEmvDataObjects('00020126130003abc0102xy5802CN'), {
      ok: true,
      objects: [
        { id: '00', value: '01', nested: null },
        {
          id: '26',
          value: '0003abc0102xy',
          nested: [
            { id: '00', value: 'abc' },
            { id: '01', value: 'xy' },
          ],
        },
        { id: '58', value: 'CN', nested: null },
      ],
    });
    assert.deepEqual(decodeEmvDataObjects('0002016205abcde'), {
      ok: false,
      error: 'qr_malformed',
      detail: 'template 62: id "ab" at character 0 is not two digits',
    });
    assert.equal(decodeEmvDataObjects('62050101x').ok, true);
    assert.equal(decodeEmvDataObjects('6203010').ok, false);
  });

  it('round-trips any objects with distinct ids, and never throws on any input', () => {
    const objects = fc
      .uniqueArray(
        fc.record({
          id: fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0')),
          value: fc.string({ unit: 'binary', minLength: 1, maxLength: 99 }),
        }),
        { selector: (object) => object.id, minLength: 1, maxLength: 8 },
      )
      .map((generated) => generated.map(({ id, value }) => ({ id, value })));
    fc.assert(
      fc.property(objects, (generated) => {
        assert.deepEqual(decodeTlv(encodeTlv(generated)), { ok: true, objects: generated });
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const result = decodeEmvDataObjects(text);
        assert.equal(typeof result.ok, 'boolean');
      }),
    );
  });
});
