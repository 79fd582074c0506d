// Tests that every SMS reply exists in both languages, in the right script, and fits one SMS with long parameters.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Locale, renderSms } from '../../domain/notifications/messages.js';
import { refusalText, type SmsRefusal } from './sms-refusals.js';
import { SMS_BUDGET } from './sms-reply.js';
import { smsTexts, UNREGISTERED } from './sms-texts.js';

const LOCALES: Locale[] = ['en', 'zh-CN'];
const CJK = /\p{Script=Han}/u;
const REFUSALS: SmsRefusal[] = ['account_locked', 'sms_limit_exceeded', 'insufficient_funds', 'pin_required'];

/** Every reply of a locale, with the longest parameters the channel passes. */
function everyReply(locale: Locale): string[] {
  const t = smsTexts(locale);
  const amount = locale === 'en' ? 'CN¥1,000.00' : '¥1,000.00';
  return [
    t.balance('CN¥99,999,999.99'),
    t.statementTitle,
    t.statementEmpty,
    t.confirmSend({ code: '123456', minutes: 5, amount, recipient: '+254 *****5678', fee: amount }),
    t.confirmPay({ code: '123456', minutes: 5, amount, merchant: 'M'.repeat(30), till: '80000001' }),
    t.processing,
    t.nothingToConfirm,
    t.wrongCode(2),
    t.codeVoided,
    `${refusalText(locale, 'sms_limit_exceeded')} ${t.smsCap(amount, amount)}`,
    t.readsPaused(72),
    ...Object.values(t.usage),
    t.help,
    t.unknown,
    ...REFUSALS.map((error) => refusalText(locale, error)),
  ];
}

describe('SMS replies', () => {
  for (const locale of LOCALES) {
    it(`fit one SMS (${SMS_BUDGET} characters, brand included) and are written in ${locale}`, () => {
      for (const text of everyReply(locale)) {
        const rendered = renderSms({ kind: 'reply', text }, locale);
        assert.ok(rendered.length <= SMS_BUDGET, `${rendered.length}: ${rendered}`);
        assert.equal(CJK.test(text), locale === 'zh-CN', text);
      }
    });
  }

  it('tells an unknown number how to register in both languages, within one SMS', () => {
    assert.match(UNREGISTERED, /注册.*register/);
    assert.ok(renderSms({ kind: 'reply', text: UNREGISTERED }, 'zh-CN').length <= SMS_BUDGET);
  });
});
