// Unit and property tests for PRC identity number validation: error codes, checksum, extracted fields.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { computeResidentIdCheckChar, validateResidentId } from './resident-id.js';

const TODAY = new Date('2024-06-15T12:00:00Z');
const REGIONS = [
  '11',
  '15',
  '21',
  '23',
  '31',
  '37',
  '41',
  '46',
  '50',
  '54',
  '61',
  '65',
  '71',
  '81',
  '82',
  '83',
];

function withCheck(first17: string): string {
  return first17 + computeResidentIdCheckChar(first17);
}

function errorOf(input: unknown, today = TODAY): string | undefined {
  const result = validateResidentId(input, today);
  return result.ok ? undefined : result.error;
}

const digits = (count: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: count, maxLength: count });
const birthDates = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: TODAY, noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10).replaceAll('-', ''));
const validFirst17 = fc
  .tuple(fc.constantFrom(...REGIONS), digits(4), birthDates, digits(3))
  .map((parts) => parts.join(''));

describe('validateResidentId accepts', () => {
  it('a known valid number, extracting birth date and sex', () => {
    assert.deepEqual(validateResidentId('11010519491231002X', TODAY), {
      ok: true,
      id: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'female',
    });
  });

  it('a lowercase x, returned as X', () => {
    const result = validateResidentId('11010519491231002x', TODAY);
    assert.ok(result.ok);
    assert.equal(result.id, '11010519491231002X');
  });

  it('odd digit 17 as male', () => {
    const id = withCheck('44030619900101001');
    assert.deepEqual(validateResidentId(id, TODAY), { ok: true, id, birthDate: '1990-01-01', sex: 'male' });
  });

  it('the first and last allowed birth dates', () => {
    assert.equal(validateResidentId(withCheck('11010519000101001'), TODAY).ok, true);
    assert.equal(validateResidentId(withCheck('11010520240615001'), TODAY).ok, true);
  });

  it('any generated number with a valid region, a real birth date and its computed check character', () => {
    fc.assert(
      fc.property(validFirst17, (first17) => {
        const result = validateResidentId(withCheck(first17), TODAY);
        assert.ok(result.ok, `${first17}: ${result.ok ? '' : result.error}`);
        assert.equal(result.birthDate.replaceAll('-', ''), first17.slice(6, 14));
        assert.equal(result.sex, Number(first17[16]) % 2 === 1 ? 'male' : 'female');
      }),
    );
  });
});

describe('the check character', () => {
  it('follows ISO 7064 MOD 11-2 on known numbers', () => {
    assert.equal(computeResidentIdCheckChar('11010519491231002'), 'X');
    // Hand-computed: weighted sums 222 (mod 11 = 2) and 184 (mod 11 = 8).
    assert.equal(computeResidentIdCheckChar('11010119900307803'), 'X');
    assert.equal(computeResidentIdCheckChar('44030619900101001'), '4');
    assert.equal(computeResidentIdCheckChar('00000000000000000'), '1');
  });

  it('changes when any single digit of the first 17 changes', () => {
    fc.assert(
      fc.property(validFirst17, fc.nat(16), fc.integer({ min: 1, max: 9 }), (first17, index, shift) => {
        const changed = (Number(first17[index]) + shift) % 10;
        const mutated = `${first17.slice(0, index)}${changed}${first17.slice(index + 1)}`;
        const check = computeResidentIdCheckChar(first17);
        assert.notEqual(computeResidentIdCheckChar(mutated), check);
        assert.equal(validateResidentId(mutated + check, TODAY).ok, false);
      }),
    );
  });

  it('is refused with invalid_id_checksum when it is wrong', () => {
    fc.assert(
      fc.property(validFirst17, fc.constantFrom(...'0123456789X'), (first17, check) => {
        fc.pre(check !== computeResidentIdCheckChar(first17));
        assert.equal(errorOf(first17 + check), 'invalid_id_checksum');
      }),
    );
  });

  it('throws for input that is not 17 digits', () => {
    for (const bad of ['1101051949123100', '110105194912310021', '1101051949123100X']) {
      assert.throws(() => computeResidentIdCheckChar(bad), RangeError);
    }
  });
});

describe('validateResidentId refuses', () => {
  it('bad shapes and non-strings with invalid_id_format', () => {
    const inputs = [
      '11010519491231002',
      '11010519491231002XX',
      '110105 19491231002X',
      ' 11010519491231002X',
      '1101051949123100X2',
      '11010519491231002Y',
      '１１０１０５１９４９１２３１００２Ｘ',
      11010519491231002,
      null,
    ];
    for (const input of inputs) assert.equal(errorOf(input), 'invalid_id_format', String(input));
  });

  it('unknown province-level codes with invalid_id_region', () => {
    for (const region of [
      '00',
      '10',
      '16',
      '20',
      '24',
      '30',
      '38',
      '47',
      '55',
      '66',
      '70',
      '72',
      '80',
      '84',
      '91',
      '99',
    ]) {
      assert.equal(errorOf(withCheck(`${region}010519491231002`)), 'invalid_id_region', region);
    }
  });

  it('impossible, future and pre-1900 birth dates with invalid_id_birth_date', () => {
    const dates = [
      '19490230',
      '19491301',
      '19490001',
      '19491200',
      '19000229',
      '20240616',
      '18991231',
      '30000101',
    ];
    for (const date of dates) {
      assert.equal(errorOf(withCheck(`110105${date}002`)), 'invalid_id_birth_date', date);
    }
    assert.equal(errorOf(withCheck('11010520000229002')), undefined, 'leap day exists in 2000');
  });

  it('in the order format, region, birth date, checksum', () => {
    assert.equal(errorOf('99010519490230002Y'), 'invalid_id_format');
    assert.equal(errorOf('99010519490230002X'), 'invalid_id_region');
    assert.equal(errorOf('11010519490230002X'), 'invalid_id_birth_date');
    assert.equal(errorOf('110105194912310021'), 'invalid_id_checksum');
  });

  it('a birth date after today, depending on the date passed', () => {
    const id = withCheck('11010520240616002');
    assert.equal(errorOf(id, TODAY), 'invalid_id_birth_date');
    assert.equal(errorOf(id, new Date('2024-06-16T00:00:00Z')), undefined);
  });
});
