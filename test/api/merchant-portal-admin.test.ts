// The portal's own endpoints over HTTP: team and roles, settlement account, API key listing and the sales dashboard.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { phoneSequence, refusedWith } from '../support/api-assertions.js';
import { ApiDriver, GOOD_PIN } from '../support/api-driver.js';
import { describeApi } from '../support/api-suite.js';
import { MerchantDriver, onboardMerchant } from '../support/merchant-driver.js';
import { PortalDriver } from '../support/portal-driver.js';

const phones = phoneSequence('1371004');

describeApi('merchant portal administration', (suite) => {
  /** A merchant, its owner logged in to the portal, and the owner's user id. */
  async function ownerSession() {
    const merchant = await onboardMerchant(suite.test);
    const portal = new PortalDriver(new ApiDriver(suite.test));
    const phone = phones();
    const ownerId = await portal.addUser(merchant.id, phone, 'owner', 'Zhao Min');
    return { merchant, portal, ownerId, owner: await portal.logIn(phone) };
  }

  async function audited(merchantId: string, action: string) {
    return suite.test.platform.ctx.db.all<{ actor: string; details: string }>(
      'SELECT actor, details FROM audit_log WHERE subject = $1 AND action = $2',
      [`merchant:${merchantId}`, action],
    );
  }

  it('adds, re-roles and removes users, audited; the last owner can be neither removed nor demoted', async () => {
    const { merchant, portal, ownerId, owner } = await ownerSession();
    const shop = new MerchantDriver(suite.test, merchant);
    const storeId = (await shop.get('/stores')).json()[0].id;
    const cashierPhone = phones();
    const added = await portal.send(owner, 'POST', '/team', {
      phone: cashierPhone,
      name: 'Liu Yang',
      role: 'cashier',
      storeId,
    });
    assert.equal(added.statusCode, 201, added.body);
    const cashierId = added.json().id;
    const team = await portal.get(owner, '/team');
    assert.deepEqual(
      team
        .json()
        .map((m: { name: string; role: string; storeId: string | null }) => [m.name, m.role, m.storeId]),
      [
        ['Zhao Min', 'owner', null],
        ['Liu Yang', 'cashier', storeId],
      ],
    );
    const entry = (await audited(merchant.id, 'merchant.user.add')).find(
      (row) => JSON.parse(row.details).userId === cashierId,
    );
    assert.equal(entry?.actor, `merchant-user:${ownerId}`);
    const cashier = await portal.logIn(cashierPhone);
    assert.deepEqual((await portal.get(cashier, '/me')).json().user.store, {
      id: storeId,
      name: 'Main street',
    });

    refusedWith(await portal.send(owner, 'DELETE', `/team/${ownerId}`), 'last_owner');
    refusedWith(await portal.send(owner, 'PATCH', `/team/${ownerId}`, { role: 'manager' }), 'last_owner');
    const promoted = await portal.send(owner, 'PATCH', `/team/${cashierId}`, { role: 'owner' });
    assert.equal(promoted.statusCode, 200, promoted.body);
    assert.equal((await audited(merchant.id, 'merchant.user.role')).length, 1);
    // With a second owner, the first may step down.
    const stepDown = await portal.send(owner, 'PATCH', `/team/${ownerId}`, { role: 'manager' });
    assert.equal(stepDown.statusCode, 200, stepDown.body);
    refusedWith(await portal.get(owner, '/team'), 'role_forbidden');
    refusedWith(await portal.send(cashier, 'DELETE', `/team/${cashierId}`), 'last_owner');
    const removed = await portal.send(cashier, 'DELETE', `/team/${ownerId}`);
    assert.equal(removed.statusCode, 204, removed.body);
    assert.equal((await audited(merchant.id, 'merchant.user.remove')).length, 1);
    refusedWith(await portal.get(owner, '/me'), 'session_invalid');
    assert.equal((await portal.get(cashier, '/team')).json().length, 1);
  });

  it('refuses bad team input and changes nothing', async () => {
    const { merchant, portal, owner } = await ownerSession();
    const existing = phones();
    await portal.addUser(merchant.id, existing, 'cashier');
    const other = await onboardMerchant(suite.test);
    const otherStore = (await new MerchantDriver(suite.test, other).get('/stores')).json()[0].id;
    const add = (body: Record<string, unknown>) => portal.send(owner, 'POST', '/team', body);
    refusedWith(await add({ phone: '12345', name: 'A', role: 'cashier' }), 'invalid_outlet');
    refusedWith(await add({ phone: phones(), name: ' padded ', role: 'cashier' }), 'invalid_outlet');
    refusedWith(
      await add({ phone: phones(), name: 'A', role: 'cashier', storeId: otherStore }),
      'store_not_found',
    );
    refusedWith(await add({ phone: existing, name: 'Again', role: 'manager' }), 'merchant_user_exists');
    assert.equal((await add({ phone: phones(), name: 'A', role: 'boss' })).statusCode, 400);
    assert.equal((await add({ phone: phones(), name: 'A', role: 'cashier', extra: 1 })).statusCode, 400);
    refusedWith(
      await portal.send(owner, 'PATCH', '/team/mus_none', { role: 'owner' }),
      'merchant_user_not_found',
    );
    refusedWith(await portal.send(owner, 'DELETE', '/team/mus_none'), 'merchant_user_not_found');
    // Another merchant's user is not this merchant's to change.
    const foreignId = await portal.addUser(other.id, phones(), 'owner');
    refusedWith(await portal.send(owner, 'DELETE', `/team/${foreignId}`), 'merchant_user_not_found');
    assert.equal((await portal.get(owner, '/team')).json().length, 2);
  });

  it('shows the settlement balance and masked bank account; the owner changes the bank details, audited', async () => {
    const { merchant, portal, owner } = await ownerSession();
    const shop = new MerchantDriver(suite.test, merchant);
    const customer = await suite.api.register(phones());
    await suite.api.fund(customer.phone, '200.00');
    await shop.paidBy(suite.api, customer, '100.00');
    const account = await portal.get(owner, '/settlement');
    assert.equal(account.statusCode, 200, account.body);
    assert.deepEqual(account.json(), {
      currency: 'CNY',
      balance: '99.62',
      bankName: 'Bank of Chengdu',
      accountHolder: 'Chengdu Fresh Market Ltd',
      accountNumberMasked: '**** 8901',
    });
    assert.ok(!account.body.includes('6228480012345678901'));
    const change = {
      bankName: 'Agricultural Bank',
      accountHolder: 'Chengdu Fresh Ltd',
      accountNumber: '6228000011112222',
    };
    const changed = await portal.send(owner, 'PATCH', '/settlement/bank-account', change);
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal(changed.json().accountNumberMasked, '**** 2222');
    assert.equal(changed.json().bankName, 'Agricultural Bank');
    const [entry] = await audited(merchant.id, 'merchant.bank_account.change');
    assert.ok(entry);
    assert.deepEqual(JSON.parse(entry.details), {
      bankName: 'Agricultural Bank',
      accountHolder: 'Chengdu Fresh Ltd',
      last4: '2222',
      previousLast4: '8901',
    });
    const bad = await portal.send(owner, 'PATCH', '/settlement/bank-account', {
      ...change,
      accountNumber: '6228 0000 1111',
    });
    refusedWith(bad, 'invalid_bank_account');
    const short = await portal.send(owner, 'PATCH', '/settlement/bank-account', {
      ...change,
      accountNumber: '123',
    });
    assert.equal(short.statusCode, 400);
    assert.equal((await portal.get(owner, '/settlement')).json().accountNumberMasked, '**** 2222');
    assert.equal((await shop.get('/me')).json().settlementAccount.last4, '2222');
  });

  it('lists API keys without secrets, and the owner adds and rotates keys from the portal', async () => {
    const { merchant, portal, owner } = await ownerSession();
    const listed = await portal.get(owner, '/credentials');
    assert.equal(listed.statusCode, 200, listed.body);
    assert.deepEqual(
      listed.json().map((k: { keyId: string; status: string }) => [k.keyId, k.status]),
      [[merchant.keyId, 'current']],
    );
    assert.ok(!listed.body.includes(merchant.secret));
    assert.ok(!listed.body.includes('secret'));
    const added = await portal.send(owner, 'POST', '/credentials', {});
    assert.equal(added.statusCode, 201, added.body);
    assert.equal(added.json().previousKeyExpiresAt, null);
    const fresh = added.json<{ keyId: string; secret: string }>();
    const shop = new MerchantDriver(suite.test, merchant);
    assert.equal((await shop.get('/me', { keyId: fresh.keyId, secret: fresh.secret })).statusCode, 200);
    const rotated = await portal.send(owner, 'POST', '/credentials', {
      replaceKeyId: merchant.keyId,
      overlapSeconds: 60,
    });
    assert.equal(rotated.statusCode, 201, rotated.body);
    const statuses = (await portal.get(owner, '/credentials'))
      .json()
      .map((k: { status: string }) => k.status);
    assert.deepEqual([...statuses].sort(), ['current', 'current', 'expiring']);
    suite.test.advance(61_000);
    refusedWith(await shop.get('/me'), 'signature_invalid');
    const after = (await portal.get(owner, '/credentials')).json();
    assert.equal(after.find((k: { keyId: string }) => k.keyId === merchant.keyId).status, 'expired');
    refusedWith(
      await portal.send(owner, 'POST', '/credentials', { replaceKeyId: merchant.keyId }),
      'credential_not_found',
    );
    const other = await onboardMerchant(suite.test);
    refusedWith(
      await portal.send(owner, 'POST', '/credentials', { replaceKeyId: other.keyId }),
      'credential_not_found',
    );
    const issued = await audited(merchant.id, 'merchant.credential.issue');
    assert.ok(issued.some((row) => row.actor.startsWith('merchant-user:')));
  });

  it('sums today and this month on the dashboard, by hour and by day, with refunds and the success rate', async () => {
    const { merchant, portal, owner } = await ownerSession();
    const empty = await portal.get(owner, '/dashboard');
    assert.equal(empty.statusCode, 200, empty.body);
    assert.equal(empty.json().today.successRate, null);
    assert.equal(empty.json().today.amount, '0.00');
    const shop = new MerchantDriver(suite.test, merchant);
    const customer = await suite.api.register(phones());
    await suite.api.fund(customer.phone, '500.00');
    const pay = async (amount: string) => {
      const paid = await suite.api.post(
        '/api/v1/merchant-payments',
        { payload: await shop.tillQr(), amount, pin: GOOD_PIN },
        { token: customer.token },
      );
      assert.equal(paid.statusCode, 201, paid.body);
      return paid.json<{ id: string }>().id;
    };
    const first = await pay('100.00');
    await pay('20.50');
    const refund = await portal.send(owner, 'POST', `/payments/${first}/refunds`, {
      amount: '30.00',
      reason: 'returned',
    });
    assert.equal(refund.statusCode, 201, refund.body);
    const reply = await portal.get(owner, '/dashboard');
    assert.equal(reply.statusCode, 200, reply.body);
    const board = reply.json();
    const sales = { payments: 2, amount: '120.50', refunds: '30.00', refundCount: 1, successRate: 1 };
    assert.deepEqual(board.today, sales);
    assert.deepEqual(board.month, sales);
    assert.equal(board.timeZone, 'Asia/Shanghai');
    assert.equal(board.hours.length, 24);
    const now = suite.test.platform.ctx.clock();
    const hour = board.hours.findIndex((h: { start: string }) => Date.parse(h.start) > now) - 1;
    const current = hour < 0 ? board.hours[23] : board.hours[hour];
    assert.deepEqual(
      { payments: current.payments, amount: current.amount },
      { payments: 2, amount: '120.50' },
    );
    assert.equal(board.hours.filter((h: { payments: number }) => h.payments > 0).length, 1);
    const daysInMonth = new Date(
      Date.UTC(Number(board.date.slice(0, 4)), Number(board.date.slice(5, 7)), 0),
    ).getUTCDate();
    assert.equal(board.days.length, daysInMonth);
    const today = board.days[Number(board.date.slice(8, 10)) - 1];
    assert.deepEqual({ payments: today.payments, amount: today.amount }, { payments: 2, amount: '120.50' });
    // Midnight in Shanghai is 16:00 UTC the day before.
    assert.match(board.days[0].start, /T16:00:00\.000Z$/);
  });

  it('lists orders by kind, newest first, a page at a time (the payment requests screen)', async () => {
    const { merchant, portal } = await ownerSession();
    const cashierPhone = phones();
    await portal.addUser(merchant.id, cashierPhone, 'cashier');
    const cashier = await portal.logIn(cashierPhone);
    const customer = await suite.api.register(phones());
    const order = async (body: Record<string, unknown>, reference: string) => {
      const created = await portal.send(cashier, 'POST', '/orders', {
        reference,
        description: 'Lunch',
        ...body,
      });
      assert.equal(created.statusCode, 201, created.body);
      suite.test.advance(1000);
    };
    await order({ kind: 'payment_request', amount: '12.00', phone: customer.phone }, 'req-1');
    await order({ kind: 'dynamic_qr', amount: '3.00' }, 'qr-1');
    await order({ kind: 'payment_request', amount: '15.00', phone: customer.phone }, 'req-2');
    const first = await portal.get(cashier, '/orders/search?kind=payment_request&limit=1');
    assert.equal(first.statusCode, 200, first.body);
    assert.deepEqual(
      first.json().orders.map((o: { reference: string; status: string }) => [o.reference, o.status]),
      [['req-2', 'open']],
    );
    const second = await portal.get(
      cashier,
      `/orders/search?kind=payment_request&limit=1&before=${first.json().next}`,
    );
    assert.deepEqual(
      second.json().orders.map((o: { reference: string }) => o.reference),
      ['req-1'],
    );
    assert.equal(second.json().next, null);
    const all = await portal.get(cashier, '/orders/search');
    assert.deepEqual(
      all.json().orders.map((o: { reference: string }) => o.reference),
      ['req-2', 'qr-1', 'req-1'],
    );
    assert.ok(all.json().orders[1].qrPayload);
    refusedWith(await portal.get(cashier, '/orders/search?before=bm90LWEtY3Vyc29y'), 'invalid_query');
    assert.equal((await portal.get(cashier, '/orders/search?kind=coupon')).statusCode, 400);
    assert.equal(
      (await portal.get(cashier, '/orders/search?status=open&kind=checkout')).json().orders.length,
      0,
    );
  });
});
