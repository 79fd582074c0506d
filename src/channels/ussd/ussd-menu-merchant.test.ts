// Unit tests of the pure USSD menus for merchants: till code payments, payment requests (paged) and airtime.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { refusalText } from '../phone-refusals.js';
import { con, done, end, LONG_NAME, OWN, ok, PIN, requests, Walk, y } from './ussd-test-walk.js';

for (const locale of ['en', 'zh-CN'] as const) {
  describe(`USSD merchant menus (${locale})`, () => {
    it('pay merchant: till code, the (clipped) name, amount, PIN; wrong PIN asks again', () => {
      const walk = new Walk(locale);
      assert.equal(walk.press('4'), con(walk.t.tillCode));
      assert.match(walk.press('123'), new RegExp(refusalText(locale, { error: 'till_not_found' })));
      const amount = walk.press('80000001', { till: () => ok({ merchant: LONG_NAME }) });
      assert.ok(amount.startsWith(con(walk.t.tillAmount('The Extremely Long Named Chen…'))), amount);
      const pin = walk.press('25.5');
      assert.equal(pin, con(walk.t.payPin(y(locale, '25.50'), 'The Extremely Long Named Chen…')));
      walk.press(PIN, { pay: () => ({ ok: false, error: 'pin_incorrect', attemptsRemaining: 3 }) });
      assert.equal(
        walk.press(PIN, { pay: () => done }),
        end(walk.t.paid(y(locale, '25.50'), 'The Extremely Long Named Chen…')),
      );
      assert.deepEqual(walk.last, {
        kind: 'pay',
        order: { kind: 'till', code: '80000001', amount: '25.50', payee: 'The Extremely Long Named Chen…' },
        pinAt: 5,
        step: 5,
      });
      const gone = new Walk(locale);
      gone.press('4');
      const missing = gone.press('80000002', { till: () => ({ ok: false, error: 'till_not_found' }) });
      assert.equal(missing, con(`${refusalText(locale, { error: 'till_not_found' })}\n${walk.t.tillCode}`));
      const poor = gone.presses(['80000001', '10', PIN], {
        till: () => ok({ merchant: 'Cafe' }),
        pay: () => ({ ok: false, error: 'insufficient_funds' }),
      });
      assert.equal(poor, end(refusalText(locale, { error: 'insufficient_funds' })));
    });

    it('payment requests: none ends; a long list pages; pick one to pay with the PIN or decline', () => {
      const none = new Walk(locale);
      assert.equal(none.press('5', { requests: () => ok({ items: [] }) }), end(none.t.requestsEmpty));
      const walk = new Walk(locale);
      const items = requests(20);
      const first = walk.press('5', { requests: () => ok({ items }) });
      const rows = `1 Shop 0 ${y(locale, '1.50')}\n2 The Extremely L… ${y(locale, '2.50')}\n`;
      assert.ok(first.startsWith(con(`${walk.t.requestsTitle}\n${rows}`)), first);
      const second = walk.press('9');
      const shown = second.match(/\n1 Shop (\d+) /)?.[1] ?? second.match(/\n2 Shop (\d+) /)?.[1];
      assert.ok(shown, second);
      const request = walk.press(second.includes('\n1 Shop') ? '1' : '2');
      assert.ok(request.startsWith(con(`Shop ${shown}`)), request);
      assert.equal(walk.press('0'), second);
      assert.equal(walk.press('0'), first);
      assert.equal(walk.press('9'), second);
      walk.press('0');
      walk.press('2');
      assert.equal(walk.press('2', { decline: () => done }), end(walk.t.declined));
      assert.deepEqual(walk.last, { kind: 'decline', orderId: 'ord_1' });
      const payer = new Walk(locale);
      payer.presses(['5', '1', '1'], { requests: () => ok({ items }) });
      assert.equal(payer.press(PIN, { pay: () => done }), end(payer.t.paid(y(locale, '1.50'), 'Shop 0')));
      assert.deepEqual(payer.last, {
        kind: 'pay',
        order: { kind: 'request', orderId: 'ord_0', amount: '1.50', payee: 'Shop 0' },
        pinAt: 3,
        step: 3,
      });
      const stale = new Walk(locale);
      stale.presses(['5', '1'], { requests: () => ok({ items }) });
      const closed = stale.press('2', { decline: () => ({ ok: false, error: 'order_paid' }) });
      assert.equal(closed, end(refusalText(locale, { error: 'order_paid' })));
    });

    it("an agent's cash-out request: its own confirm, PIN and outcome screens; declined as a cash-out", () => {
      const cashOut = { id: 'cor_1', cashOut: true, merchant: LONG_NAME, amount: '40.00', description: '' };
      const items = [cashOut, ...requests(2)];
      const agent = 'The Extremely Long Named Chen…';
      const walk = new Walk(locale);
      walk.press('5', { requests: () => ok({ items }) });
      assert.equal(walk.press('1'), con(walk.t.cashOutRequest(agent, y(locale, '40.00'))));
      assert.equal(walk.press('1'), con(walk.t.cashOutPin(y(locale, '40.00'), agent)));
      assert.equal(walk.press(PIN, { pay: () => done }), end(walk.t.cashedOut(y(locale, '40.00'), agent)));
      assert.deepEqual(walk.last, {
        kind: 'pay',
        order: { kind: 'cash_out', orderId: 'cor_1', amount: '40.00', agent },
        pinAt: 3,
        step: 3,
      });
      const decline = new Walk(locale);
      decline.presses(['5', '1'], { requests: () => ok({ items }) });
      assert.equal(decline.press('2', { decline: () => done }), end(decline.t.cashOutDeclined));
      assert.deepEqual(decline.last, { kind: 'decline', orderId: 'cor_1' });
    });

    it('airtime: for my number or another, amount, PIN; not offered without an airtime till', () => {
      const off = new Walk(locale, false);
      assert.equal(off.press('6'), end(off.t.airtimeUnavailable));
      const mine = new Walk(locale);
      assert.equal(mine.press('6'), con(mine.t.airtime));
      assert.equal(mine.press('1'), con(mine.t.airtimeAmount('13800000001')));
      assert.equal(mine.press('20'), con(mine.t.airtimePin(y(locale, '20.00'), '13800000001')));
      assert.equal(
        mine.press(PIN, { pay: () => done }),
        end(mine.t.airtimeBought(y(locale, '20.00'), '13800000001')),
      );
      assert.deepEqual(mine.last, {
        kind: 'pay',
        order: { kind: 'airtime', number: OWN, amount: '20.00' },
        pinAt: 3,
        step: 3,
      });
      const other = new Walk(locale);
      other.presses(['6', '2']);
      assert.match(other.press('999'), new RegExp(refusalText(locale, { error: 'invalid_phone' })));
      assert.equal(other.press('13900000009'), con(other.t.airtimeAmount('13900000009')));
    });
  });
}
