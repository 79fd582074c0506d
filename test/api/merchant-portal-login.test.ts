// The merchant portal's login over HTTP: SMS codes without enumeration, sessions, choosing a merchant, and losing access.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { decideMerchant } from '../../src/domain/merchants/merchant-onboarding.js';
import { phoneSequence, refusedWith } from '../support/api-assertions.js';
import { ApiDriver } from '../support/api-driver.js';
import { describeApi } from '../support/api-suite.js';
import { MerchantDriver, onboardMerchant } from '../support/merchant-driver.js';
import { PortalDriver } from '../support/portal-driver.js';

const phones = phoneSequence('1371002');

describeApi('merchant portal login', (suite) => {
  /** A merchant with an owner, and a portal driver on its own network address. */
  async function shopWithOwner(name?: string) {
    const merchant = await onboardMerchant(suite.test, name === undefined ? {} : { name });
    const portal = new PortalDriver(new ApiDriver(suite.test));
    const phone = phones();
    const userId = await portal.addUser(merchant.id, phone, 'owner', 'Wang Fang');
    return { merchant, portal, phone, userId };
  }

  it('logs in with the SMS code: /me says who, logout ends the session, the token is stored only hashed', async () => {
    const { merchant, portal, phone } = await shopWithOwner('Chengdu Noodles');
    const token = await portal.logIn(phone);
    const me = await portal.get(token, '/me');
    assert.equal(me.statusCode, 200, me.body);
    const body = me.json();
    assert.equal(body.id, merchant.id);
    assert.equal(body.name, 'Chengdu Noodles');
    assert.deepEqual(
      { name: body.user.name, role: body.user.role, store: body.user.store },
      { name: 'Wang Fang', role: 'owner', store: null },
    );
    const rows = await suite.test.platform.ctx.db.all<{ token_hash: Buffer }>(
      'SELECT token_hash FROM merchant_sessions WHERE merchant_id = $1',
      [merchant.id],
    );
    assert.equal(rows.length, 1);
    assert.ok(!rows[0]?.token_hash.equals(Buffer.from(token)));
    const sms = await portal.api.smsTo(phone);
    assert.match(sms[0] ?? '', /merchant portal/);
    const out = await portal.send(token, 'DELETE', '/session');
    assert.equal(out.statusCode, 204, out.body);
    refusedWith(await portal.get(token, '/me'), 'session_invalid');
    refusedWith(await portal.get('not-a-token', '/me'), 'session_invalid');
  });

  it('answers a code request the same for strangers, sends them nothing, and rate-limits codes', async () => {
    const { portal, phone } = await shopWithOwner();
    const stranger = phones();
    const known = await portal.requestCode(phone);
    // A second code to the same number within the minute is refused.
    refusedWith(await portal.api.post('/merchant/v1/session/code', { phone }), 'otp_rate_limited');
    const unknown = await portal.requestCode(stranger);
    assert.equal(known.statusCode, 202, known.body);
    assert.equal(unknown.statusCode, 202, unknown.body);
    assert.deepEqual(Object.keys(known.json()), Object.keys(unknown.json()));
    assert.deepEqual(await portal.api.smsTo(stranger), []);
    refusedWith(await portal.submit({ phone: stranger, code: '123456' }), 'otp_incorrect');
    refusedWith(await portal.submit({ phone: phones(), code: '123456' }), 'otp_invalid');
    refusedWith(await portal.api.post('/merchant/v1/session/code', { phone: '12345' }), 'invalid_phone');
  });

  it('refuses wrong, replayed and expired codes, and locks the code after three wrong tries', async () => {
    const { portal, phone } = await shopWithOwner();
    await portal.requestCode(phone);
    const code = await portal.api.lastCode(phone);
    const wrong = code === '000000' ? '000001' : '000000';
    const first = refusedWith(await portal.submit({ phone, code: wrong }), 'otp_incorrect');
    assert.equal(first.attemptsRemaining, 2);
    const ok = await portal.submit({ phone, code });
    assert.equal(ok.statusCode, 201, ok.body);
    refusedWith(await portal.submit({ phone, code }), 'otp_used');

    await portal.requestCode(phone);
    const second = await portal.api.lastCode(phone);
    const miss = second === '000000' ? '000001' : '000000';
    refusedWith(await portal.submit({ phone, code: miss }), 'otp_incorrect');
    refusedWith(await portal.submit({ phone, code: miss }), 'otp_incorrect');
    refusedWith(await portal.submit({ phone, code: miss }), 'otp_attempts_exceeded');
    refusedWith(await portal.submit({ phone, code: second }), 'otp_attempts_exceeded');

    await portal.requestCode(phone);
    const late = await portal.api.lastCode(phone);
    suite.test.advance(5 * 60_000 + 1);
    refusedWith(await portal.submit({ phone, code: late }), 'otp_expired');
  });

  it('lets a user of several merchants choose one; the code stays usable until then', async () => {
    const first = await shopWithOwner('Alpha Teahouse');
    const second = await onboardMerchant(suite.test, { name: 'Beta Bakery' });
    await first.portal.addUser(second.id, first.phone, 'cashier');
    const { portal, phone } = first;
    await portal.requestCode(phone);
    const code = await portal.api.lastCode(phone);
    const choose = await portal.submit({ phone, code });
    assert.equal(choose.statusCode, 200, choose.body);
    assert.deepEqual(
      choose.json().choose.map((m: { merchantName: string; role: string }) => [m.merchantName, m.role]),
      [
        ['Alpha Teahouse', 'owner'],
        ['Beta Bakery', 'cashier'],
      ],
    );
    const stranger = await onboardMerchant(suite.test);
    refusedWith(await portal.submit({ phone, code, merchantId: stranger.id }), 'merchant_login_refused');
    const chosen = await portal.submit({ phone, code, merchantId: second.id });
    assert.equal(chosen.statusCode, 201, chosen.body);
    assert.equal(chosen.json().merchant.role, 'cashier');
    const me = await portal.get(chosen.json().token, '/me');
    assert.equal(me.json().name, 'Beta Bakery');
    refusedWith(await portal.submit({ phone, code, merchantId: first.merchant.id }), 'otp_used');
  });

  it('ends the sessions of a suspended or closed merchant, which then gets no login code', async () => {
    const { ctx } = suite.test.platform;
    for (const decision of ['suspend', 'close'] as const) {
      const { merchant, portal, phone } = await shopWithOwner();
      const token = await portal.logIn(phone);
      assert.ok((await decideMerchant(ctx, merchant.id, decision, 'test', 'test')).ok);
      refusedWith(await portal.get(token, '/me'), 'session_invalid');
      const before = (await portal.api.smsTo(phone)).length;
      assert.equal((await portal.requestCode(phone)).statusCode, 202);
      assert.equal((await portal.api.smsTo(phone)).length, before, `${decision}: no code is sent`);
    }
    // Reinstating a suspended merchant does not bring old sessions back.
    const { merchant, portal, phone } = await shopWithOwner();
    const token = await portal.logIn(phone);
    assert.ok((await decideMerchant(ctx, merchant.id, 'suspend', 'test', 'check')).ok);
    assert.ok((await decideMerchant(ctx, merchant.id, 'reinstate', 'test', 'ok')).ok);
    refusedWith(await portal.get(token, '/me'), 'session_invalid');
    assert.equal((await portal.get(await portal.logIn(phone), '/me')).statusCode, 200);
  });

  it('ends a removed user’s sessions, and the removed user cannot log in again', async () => {
    const { merchant, portal, phone } = await shopWithOwner();
    const owner = await portal.logIn(phone);
    const cashierPhone = phones();
    const cashierId = await portal.addUser(merchant.id, cashierPhone, 'cashier');
    const cashier = await portal.logIn(cashierPhone);
    assert.equal((await portal.get(cashier, '/payments')).statusCode, 200);
    const removed = await portal.send(owner, 'DELETE', `/team/${cashierId}`);
    assert.equal(removed.statusCode, 204, removed.body);
    refusedWith(await portal.get(cashier, '/payments'), 'session_invalid');
    const before = await portal.api.smsTo(cashierPhone);
    assert.equal((await portal.requestCode(cashierPhone)).statusCode, 202);
    assert.deepEqual(await portal.api.smsTo(cashierPhone), before, 'no code is sent');
    const oldCode = await portal.api.lastCode(cashierPhone);
    refusedWith(await portal.submit({ phone: cashierPhone, code: oldCode }), 'otp_incorrect');
  });

  it('ends a session after 30 idle minutes, and after 12 hours however busy', async () => {
    const { portal, phone } = await shopWithOwner();
    const idle = await portal.logIn(phone);
    suite.test.advance(29 * 60_000);
    assert.equal((await portal.get(idle, '/me')).statusCode, 200);
    suite.test.advance(31 * 60_000);
    refusedWith(await portal.get(idle, '/me'), 'session_invalid');
    const busy = await portal.logIn(phone);
    for (let minutes = 0; minutes < 12 * 60 - 25; minutes += 25) {
      suite.test.advance(25 * 60_000);
      assert.equal((await portal.get(busy, '/me')).statusCode, 200, `after ${minutes + 25} minutes`);
    }
    suite.test.advance(25 * 60_000);
    refusedWith(await portal.get(busy, '/me'), 'session_invalid');
  });

  it('keeps HMAC-signed API keys working, and a logout needs a session', async () => {
    const merchant = await onboardMerchant(suite.test);
    const shop = new MerchantDriver(suite.test, merchant);
    assert.equal((await shop.get('/me')).statusCode, 200);
    assert.equal((await shop.get('/me')).json().user, undefined);
    refusedWith(await shop.send('DELETE', '/session'), 'session_invalid');
  });
});
