// Unit and property tests for masking names and phone numbers shown to other people.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { maskName, maskPhone } from './masking.js';

describe('maskName', () => {
  it('CJK names keep the last character, and the first from three characters on', () => {
    assert.equal(maskName('张三'), '*三');
    assert.equal(maskName('张小三'), '张*三');
    assert.equal(maskName('欧阳小明'), '欧**明');
    assert.equal(maskName('司马相如之'), '司***之');
    assert.equal(maskName('张'), '*');
    assert.equal(maskName('  张小三 '), '张*三');
  });

  it('Japanese and Korean names use the CJK rule', () => {
    assert.equal(maskName('김민준'), '김*준');
    assert.equal(maskName('さくら'), 'さ*ら');
  });

  it('counts a surrogate pair as one character', () => {
    assert.equal(maskName('𠀋小明'), '𠀋*明');
    assert.equal(maskName('王𠀋'), '*𠀋');
    assert.equal(maskName('张𠀋𠀋三'), '张**三');
  });

  it('Latin names keep the first letter of each word', () => {
    assert.equal(maskName('John Smith'), 'J*** S****');
    assert.equal(maskName('  Mary   Ann  Lee '), 'M*** A** L**');
    assert.equal(maskName('John F Kennedy'), 'J*** F K******');
    assert.equal(maskName('Wanjiru'), 'W******');
  });

  it('counts combining marks and astral letters as part of one character', () => {
    assert.equal(maskName('Jose\u0301 Zoë'), 'J*** Z**');
    assert.equal(maskName('𝐀𝐁𝐂'), '𝐀**');
  });

  it('gives an empty string for blank names', () => {
    for (const name of ['', '   ', '\t\n']) assert.equal(maskName(name), '');
  });

  it('never shows more than two characters of a Han name and keeps its length', () => {
    const hanName = fc.array(fc.constantFrom(...'张王李欧阳小明华𠀋'), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(hanName, (characters) => {
        const masked = Array.from(maskName(characters.join('')));
        assert.equal(masked.length, characters.length);
        assert.ok(masked.filter((character) => character !== '*').length <= 2);
        assert.ok(masked.includes('*'));
      }),
    );
  });
});

describe('maskPhone', () => {
  it('Chinese mobiles show the first three and last four digits', () => {
    assert.equal(maskPhone('+8613800138000'), '138****8000');
    assert.equal(maskPhone('+8619912345678'), '199****5678');
  });

  it('other numbers show the calling code, one star per hidden digit and the last four digits', () => {
    assert.equal(maskPhone('+254712345678'), '+254 *****5678');
    assert.equal(maskPhone('+12015550123'), '+1 ******0123');
    assert.equal(maskPhone('+447911123456'), '+44 ******3456');
    assert.equal(maskPhone('+861012345678'), '+86 ******5678');
  });

  it('shows at least one star', () => {
    assert.equal(maskPhone('+2901234'), '+290 *1234');
  });

  it('gives **** for anything that is not a parseable E.164 number', () => {
    for (const text of ['', 'abc', '13800138000', '+86 138 0013 8000', '+0123456789', '+9991234567']) {
      assert.equal(maskPhone(text), '****', text);
    }
  });
});
