// Tests that every SMS kind renders in zh-CN and en with its parameters, the brand, the right script and a short length.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Locale, type OtpPurpose, renderSms, type SmsMessage } from './messages.js';

const LOCALES: Locale[] = ['zh-CN', 'en'];
const PURPOSES = {
  register: true,
  login: true,
  reset_pin: true,
  unlock: true,
  lock: true,
  payment: true,
  close: true,
  merchant_login: true,
} satisfies Record<OtpPurpose, true>;
const KINDS = {
  otp: true,
  new_device_login: true,
  debit: true,
  credit: true,
  incoming_unclaimed: true,
  unclaimed_returned: true,
  refund: true,
  payment_request: true,
  cash_out_request: true,
  account_locked: true,
  account_unlocked: true,
  pin_locked: true,
  pin_reset_allowed: true,
  account_opened: true,
  reply: true,
} satisfies Record<SmsMessage['kind'], true>;

/** Messages with typical (and typically long) parameters; names are Latin so the en text stays Latin. */
const EXAMPLES: SmsMessage[] = [
  ...Object.keys(PURPOSES).map((purpose) => ({ kind: 'otp', code: '482913', purpose }) as SmsMessage),
  { kind: 'new_device_login', device: 'HUAWEI Mate 60 Pro', at: '2025-03-08 18:42' },
  {
    kind: 'debit',
    amount: '¥12,345.67',
    counterparty: 'Chengdu Fresh Market Store',
    balance: '¥87,654.32',
    reference: 'P2025030800012345',
  },
  {
    kind: 'credit',
    amount: '¥12,345.67',
    counterparty: 'Wang Xiaoming 138****1234',
    balance: '¥87,654.32',
    reference: 'P2025030800012345',
  },
  {
    kind: 'incoming_unclaimed',
    amount: '¥1,250.00',
    sender: '138****1234',
    expiresAt: '2025-03-15 18:42',
    claimHint: 'https://mw.cn/c/8F3KQ2',
  },
  { kind: 'unclaimed_returned', amount: '¥1,250.00', recipient: '139****5678', balance: '¥2,480.50' },
  {
    kind: 'refund',
    amount: '¥1,250.00',
    counterparty: 'Chengdu Fresh Market Store',
    balance: '¥2,480.50',
    reference: 'ref_4k2J9x0aBcDeFgHiJkLm',
  },
  {
    kind: 'payment_request',
    merchant: 'Chengdu Water Company',
    amount: '¥1,250.00',
    description: 'Water bill March',
    expiresAt: '2025-03-15 18:42',
  },
  { kind: 'cash_out_request', agent: 'Chengdu Fresh Market Store', amount: '¥1,250.00', expiresAt: '18:42' },
  { kind: 'account_locked' },
  { kind: 'account_unlocked' },
  { kind: 'pin_locked' },
  { kind: 'pin_reset_allowed', until: '2025-03-09 18:42' },
  { kind: 'account_opened', by: 'Chengdu Fresh Market Store' },
];

/** Channel replies arrive written in one language: each is shown as given, behind its locale's brand. */
const REPLIES: Record<Locale, SmsMessage> = {
  'zh-CN': { kind: 'reply', text: '余额¥1,250.00。' },
  en: { kind: 'reply', text: 'Balance CN¥1,250.00.' },
};

const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

function paramsOf(message: SmsMessage): string[] {
  return Object.entries(message)
    .filter(([key]) => key !== 'kind' && key !== 'purpose')
    .map(([, value]) => String(value));
}

describe('renderSms', () => {
  it('has an example of every kind and every OTP purpose', () => {
    const kinds = [...EXAMPLES, ...Object.values(REPLIES)].map((m) => m.kind);
    assert.deepEqual(new Set(kinds), new Set(Object.keys(KINDS)));
    const purposes = EXAMPLES.flatMap((m) => (m.kind === 'otp' ? [m.purpose] : []));
    assert.deepEqual(purposes.sort(), Object.keys(PURPOSES).sort());
  });

  for (const message of EXAMPLES) {
    const label = message.kind === 'otp' ? `otp (${message.purpose})` : message.kind;
    it(`renders ${label} in both locales with its parameters, under 140 characters`, () => {
      for (const locale of LOCALES) {
        const text = renderSms(message, locale);
        for (const param of paramsOf(message))
          assert.ok(text.includes(param), `${locale}: ${param} in ${text}`);
        assert.ok(text.length < 140, `${locale} is ${text.length} characters: ${text}`);
        assert.doesNotMatch(text, /undefined|null|\[object/);
      }
      const zh = renderSms(message, 'zh-CN');
      const en = renderSms(message, 'en');
      assert.ok(zh.startsWith('【mwallet】') && CJK.test(zh.slice('【mwallet】'.length)), zh);
      assert.ok(en.startsWith('[mwallet] ') && !CJK.test(en), en);
    });
  }

  it('renders a channel reply as written, behind the brand of its locale', () => {
    assert.equal(renderSms(REPLIES['zh-CN'], 'zh-CN'), '【mwallet】余额¥1,250.00。');
    assert.equal(renderSms(REPLIES.en, 'en'), '[mwallet] Balance CN¥1,250.00.');
  });

  it('gives each OTP purpose its own words, the 5-minute validity and the warning', () => {
    for (const locale of LOCALES) {
      const texts = Object.keys(PURPOSES).map((purpose) =>
        renderSms({ kind: 'otp', code: '000111', purpose } as SmsMessage, locale),
      );
      assert.equal(new Set(texts).size, texts.length, locale);
    }
    const zh = renderSms({ kind: 'otp', code: '482913', purpose: 'payment' }, 'zh-CN');
    assert.match(zh, /482913.*确认付款.*5分钟内有效.*请勿告诉任何人/);
    const en = renderSms({ kind: 'otp', code: '482913', purpose: 'reset_pin' }, 'en');
    assert.match(en, /482913 to reset your PIN\. Valid 5 minutes\. Never share it/);
  });

  it('tells an unregistered recipient to register with this number to claim the money', () => {
    const message: SmsMessage = {
      kind: 'incoming_unclaimed',
      amount: '¥50.00',
      sender: '138****1234',
      expiresAt: '03-15',
      claimHint: '*123#',
    };
    assert.match(renderSms(message, 'zh-CN'), /请用本手机号注册mwallet领取：\*123#。03-15前未领取将退回/);
    assert.match(renderSms(message, 'en'), /Claim it by 03-15: sign up with this number at \*123#$/);
  });

  it('tells debits from credits', () => {
    const params = { amount: '¥1.00', counterparty: 'Li Lei', balance: '¥9.00', reference: 'R1' };
    assert.match(renderSms({ kind: 'debit', ...params }, 'en'), /You paid ¥1\.00 to Li Lei/);
    assert.match(renderSms({ kind: 'credit', ...params }, 'en'), /You got ¥1\.00 from Li Lei/);
    assert.match(renderSms({ kind: 'debit', ...params }, 'zh-CN'), /您向Li Lei付款¥1\.00/);
    assert.match(renderSms({ kind: 'credit', ...params }, 'zh-CN'), /Li Lei向您转入¥1\.00/);
  });

  it('inserts parameters literally, even replacement patterns', () => {
    const text = renderSms({ kind: 'new_device_login', device: "$& $' $1", at: '$`' }, 'en');
    assert.ok(text.includes(`"$& $' $1" at $\``), text);
  });
});
