// Unit tests of the pure USSD menus (main, balance, statement, send money, account): screens, back/home, paging.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { refusalText } from '../phone-refusals.js';
import { show } from './ussd-engine.js';
import type { SessionState } from './ussd-state.js';
import { check, con, done, end, ok, PIN, Walk, y } from './ussd-test-walk.js';
import { textsFor } from './ussd-texts.js';

for (const locale of ['en', 'zh-CN'] as const) {
  describe(`USSD menus (${locale})`, () => {
    it('shows the main menu; an unknown choice says so; 0 and 00 lead home', () => {
      const walk = new Walk(locale);
      assert.equal(show(walk.state as SessionState).text, con(walk.t.home));
      assert.equal(walk.press('8'), con(`${walk.t.invalidChoice}\n${walk.t.home}`));
      assert.equal(walk.press('3'), con(walk.t.sendTo));
      assert.equal(walk.press('0'), con(walk.t.home));
      walk.presses(['7', '1']);
      assert.equal(walk.press('00'), con(walk.t.home));
      assert.equal(walk.press('0'), con(walk.t.home));
    });

    it('balance: PIN (format, wrong with tries left, locked) then END with the amount', () => {
      const walk = new Walk(locale);
      assert.equal(walk.press('1'), con(walk.t.enterPin));
      assert.equal(
        walk.press('12'),
        con(`${refusalText(locale, { error: 'pin_format' })}\n${walk.t.enterPin}`),
      );
      const wrong = walk.press(PIN, {
        balance: () => ({ ok: false, error: 'pin_incorrect', attemptsRemaining: 4 }),
      });
      assert.equal(
        wrong,
        con(`${refusalText(locale, { error: 'pin_incorrect', attemptsRemaining: 4 })}\n${walk.t.enterPin}`),
      );
      assert.deepEqual(walk.last, { kind: 'balance', pinAt: 2 });
      assert.equal(
        walk.press(PIN, { balance: () => ok({ balance: '1234.50' }) }),
        end(walk.t.balance(y(locale, '1234.50'))),
      );
      const locked = new Walk(locale);
      locked.press('1');
      const reply = locked.press(PIN, { balance: () => ({ ok: false, error: 'pin_locked' }) });
      assert.equal(reply, end(refusalText(locale, { error: 'pin_locked' })));
    });

    it('mini statement: 10 compact lines on pages (9 more, 0 back a page, then home)', () => {
      const walk = new Walk(locale);
      walk.press('2');
      const lines = Array.from({ length: 10 }, (_, i) => ({
        day: `11-${String(i + 10)}`,
        amount: i % 2 ? '-1200.00' : '35.50',
        text: 'Payment to Chengdu F…',
      }));
      const first = walk.press(PIN, { statement: () => ok({ lines }) });
      assert.match(first, new RegExp(`^CON ${walk.t.statementTitle}\n11-10 ${y(locale, '35.50')} `));
      assert.ok(first.includes(walk.t.more));
      const second = walk.press('9');
      assert.notEqual(second, first);
      assert.ok(second.includes('11-'));
      let page = second;
      while (page.includes(walk.t.more)) page = walk.press('9');
      assert.ok(page.includes(`11-19 ${y(locale, '-1200.00')}`), page);
      assert.match(walk.press('9'), new RegExp(walk.t.invalidChoice));
      walk.press('0');
      walk.press('0');
      while (walk.state && walk.state.trail.length > 1) walk.press('0');
      assert.equal(show(walk.state as SessionState).text, con(walk.t.home));
      const empty = new Walk(locale);
      empty.press('2');
      assert.equal(empty.press(PIN, { statement: () => ok({ lines: [] }) }), end(walk.t.statementEmpty));
    });

    it('send money: number, amount, confirm (masked, fee, total), PIN, SMS code, done', () => {
      const walk = new Walk(locale);
      walk.press('3');
      assert.match(walk.press('12345'), new RegExp(refusalText(locale, { error: 'invalid_phone' })));
      assert.match(walk.press('13800000001'), new RegExp(refusalText(locale, { error: 'self_payment' })));
      assert.equal(walk.press('138 0000 0002'), con(walk.t.sendAmount('13800000002')));
      assert.match(walk.press('ten'), new RegExp(refusalText(locale, { error: 'invalid_amount' })));
      const quote = {
        to: '+8613800000002',
        recipient: '138****0002',
        name: '*三',
        amount: '10.00',
        fee: '0.50',
        total: '10.50',
      };
      const confirm = walk.press('10', { price: () => ok(quote) });
      assert.deepEqual(walk.last, { kind: 'price', to: '+8613800000002', amount: '10.00' });
      assert.equal(
        confirm,
        con(
          walk.t.sendConfirm({
            recipient: '*三 138****0002',
            amount: y(locale, '10.00'),
            fee: y(locale, '0.50'),
            total: y(locale, '10.50'),
          }),
        ),
      );
      assert.equal(walk.press('1'), con(walk.t.enterPin));
      const code = walk.press(PIN, {
        pay: () => ({ ok: false, error: 'otp_required' }),
        send_code: () => ok({ challengeId: 'otp_1' }),
      });
      assert.equal(code, con(walk.t.enterCode));
      const order = { kind: 'p2p', to: '+8613800000002', amount: '10.00', payee: '138****0002' };
      assert.deepEqual(walk.effects.slice(-2), [
        { kind: 'pay', order, pinAt: 7, step: 7 },
        { kind: 'send_code', pinAt: 7 },
      ]);
      const wrong = walk.press('111111', {
        pay: () => ({ ok: false, error: 'otp_incorrect', attemptsRemaining: 2 }),
      });
      assert.equal(
        wrong,
        con(`${refusalText(locale, { error: 'otp_incorrect', attemptsRemaining: 2 })}\n${walk.t.enterCode}`),
      );
      assert.equal(
        walk.press('222222', { pay: () => done }),
        end(walk.t.sent(y(locale, '10.00'), '138****0002')),
      );
      assert.deepEqual(walk.last, {
        kind: 'pay',
        order,
        pinAt: 7,
        step: 9,
        code: { challengeId: 'otp_1', at: 9 },
      });
    });

    it('send money: a refused number goes back to the number, a refused amount asks again, others end', () => {
      const walk = new Walk(locale);
      walk.presses(['3', '13800000002']);
      const reply = walk.press('5', { price: () => ({ ok: false, error: 'not_mobile' }) });
      assert.equal(reply, con(`${refusalText(locale, { error: 'not_mobile' })}\n${walk.t.sendTo}`));
      walk.press('13800000002');
      const below = walk.press('0.01', { price: () => ({ ok: false, error: 'amount_below_fee' }) });
      assert.equal(
        below,
        con(`${refusalText(locale, { error: 'amount_below_fee' })}\n${walk.t.sendAmount('13800000002')}`),
      );
      const locked = walk.press('5', { price: () => ({ ok: false, error: 'account_locked' }) });
      assert.equal(locked, end(refusalText(locale, { error: 'account_locked' })));
    });

    it('my account: change PIN (mismatch and wrong current PIN go back), lock, language', () => {
      const walk = new Walk(locale);
      assert.equal(walk.press('7'), con(walk.t.account));
      assert.equal(walk.press('1'), con(walk.t.pinCurrent));
      assert.equal(walk.press(PIN), con(walk.t.pinNew));
      assert.equal(walk.press('246801'), con(walk.t.pinRepeat));
      const mismatch = walk.press('246802', { change_pin: () => ({ ok: false, error: 'pin_mismatch' }) });
      assert.equal(mismatch, con(`${refusalText(locale, { error: 'pin_mismatch' })}\n${walk.t.pinNew}`));
      walk.press('246801');
      const wrong = walk.press('246801', {
        change_pin: () => ({ ok: false, error: 'pin_incorrect', attemptsRemaining: 4 }),
      });
      assert.equal(
        wrong,
        con(`${refusalText(locale, { error: 'pin_incorrect', attemptsRemaining: 4 })}\n${walk.t.pinCurrent}`),
      );
      walk.presses([PIN, '246801']);
      assert.equal(walk.press('246801', { change_pin: () => done }), end(walk.t.pinChanged));
      assert.deepEqual(walk.last, { kind: 'change_pin', currentAt: 7, newAt: 8, repeatAt: 9 });
      const lock = new Walk(locale);
      assert.equal(lock.presses(['7', '2']), con(lock.t.lockPin));
      assert.equal(lock.press(PIN, { lock: () => done }), end(lock.t.locked));
      for (const [choice, chosen] of [
        ['1', 'en'],
        ['2', 'zh-CN'],
      ] as const) {
        const language = new Walk(locale);
        assert.equal(language.presses(['7', '3']), con(language.t.language));
        assert.equal(language.press(choice, { language: () => done }), end(textsFor(chosen).languageSet));
        assert.deepEqual(language.last, { kind: 'language', locale: chosen });
      }
    });
  });
}

describe('USSD texts', () => {
  it('fit a screen in both languages, session-level texts included', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const t = textsFor(locale);
      for (const text of [t.timedOut('*123*456#'), t.ended('*123*456#')]) check(`END ${text}`, '');
    }
  });
});
