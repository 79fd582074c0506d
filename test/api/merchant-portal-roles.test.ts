// Role checks of portal sessions on every merchant API route: what cashiers, managers and owners may do, over HTTP.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { it } from 'node:test';
import type { MerchantRole } from '../../src/domain/merchants/merchant-outlets.js';
import { phoneSequence, refusedWith } from '../support/api-assertions.js';
import { ApiDriver, GOOD_PIN } from '../support/api-driver.js';
import { describeApi } from '../support/api-suite.js';
import { MerchantDriver, onboardMerchant } from '../support/merchant-driver.js';
import { PortalDriver } from '../support/portal-driver.js';

const phones = phoneSequence('1371003');
const ROLES: readonly MerchantRole[] = ['cashier', 'manager', 'owner'];

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type RouteCase = [method: Method, path: string, body: unknown, least: MerchantRole];

describeApi('merchant portal roles', (suite) => {
  /** A merchant with a second store (Riverside, till R1), and a customer's ¥10 at the first store and ¥20 at Riverside. */
  async function twoStoresPaid() {
    const merchant = await onboardMerchant(suite.test);
    const shop = new MerchantDriver(suite.test, merchant);
    const portal = new PortalDriver(new ApiDriver(suite.test));
    const ownerPhone = phones();
    await portal.addUser(merchant.id, ownerPhone, 'owner');
    const owner = await portal.logIn(ownerPhone);
    const store = await portal.send(owner, 'POST', '/stores', { name: 'Riverside', city: 'Chengdu' });
    assert.equal(store.statusCode, 201, store.body);
    const till = await portal.send(owner, 'POST', '/tills', { storeId: store.json().id, name: 'R1' });
    assert.equal(till.statusCode, 201, till.body);
    const customer = await suite.api.register(phones());
    await suite.api.fund(customer.phone, '50.00');
    const atFirstStore = await suite.api.post(
      '/api/v1/merchant-payments',
      { payload: await shop.tillQr(), amount: '10.00', pin: GOOD_PIN },
      { token: customer.token },
    );
    const atRiverside = await suite.api.post(
      '/api/v1/till-payments',
      { code: till.json().code, amount: '20.00', pin: GOOD_PIN },
      { token: customer.token },
    );
    assert.equal(atFirstStore.statusCode, 201, atFirstStore.body);
    assert.equal(atRiverside.statusCode, 201, atRiverside.body);
    return {
      merchant,
      portal,
      owner,
      store: store.json<{ id: string }>(),
      till: till.json<{ id: string }>(),
      atFirstStore,
      atRiverside,
    };
  }

  it('lets each role do what it may, and refuses the rest with role_forbidden before anything changes', async () => {
    const merchant = await onboardMerchant(suite.test);
    const shop = new MerchantDriver(suite.test, merchant);
    const customer = await suite.api.register(phones());
    await suite.api.fund(customer.phone, '50.00');
    const paymentId = await shop.paidBy(suite.api, customer, '20.00');
    const storeId = (await shop.get('/stores')).json()[0].id;
    const portal = new PortalDriver(new ApiDriver(suite.test));
    const tokens = {} as Record<MerchantRole, string>;
    for (const role of ROLES) {
      const phone = phones();
      await portal.addUser(merchant.id, phone, role);
      tokens[role] = await portal.logIn(phone);
    }
    const today = new Date(suite.test.platform.ctx.clock()).toISOString().slice(0, 10);
    const cases: RouteCase[] = [
      ['GET', '/me', undefined, 'cashier'],
      ['GET', '/stores', undefined, 'cashier'],
      ['GET', `/tills/${merchant.tillId}/qr`, undefined, 'cashier'],
      ['GET', `/tills/${merchant.tillId}/qr.png`, undefined, 'cashier'],
      ['GET', '/payments', undefined, 'cashier'],
      ['GET', `/payments/${paymentId}`, undefined, 'cashier'],
      ['GET', `/payments/${paymentId}/refunds`, undefined, 'cashier'],
      [
        'POST',
        '/orders',
        { kind: 'dynamic_qr', reference: 'r', amount: '1.00', description: 'x' },
        'cashier',
      ],
      ['GET', '/orders?reference=none', undefined, 'cashier'],
      ['POST', `/payments/${paymentId}/refunds`, { amount: '1.00', reason: 'returned' }, 'manager'],
      ['GET', '/payments.csv', undefined, 'manager'],
      ['GET', `/summary/daily?from=${today}&to=${today}`, undefined, 'manager'],
      ['GET', '/dashboard', undefined, 'manager'],
      ['GET', '/webhook-events', undefined, 'manager'],
      ['GET', '/webhook-deliveries', undefined, 'manager'],
      ['POST', '/webhook-events/evt_none/redeliver', {}, 'manager'],
      ['PATCH', '/webhook', { url: 'not a url' }, 'owner'],
      ['PUT', '/webhook', { url: 'not a url' }, 'owner'],
      ['GET', '/credentials', undefined, 'owner'],
      ['POST', '/credentials', {}, 'owner'],
      ['POST', '/stores', { name: 'Second', city: 'Chengdu' }, 'owner'],
      ['POST', '/tills', { storeId, name: 'Till 2' }, 'owner'],
      ['GET', '/team', undefined, 'owner'],
      ['POST', '/team', { phone: phones(), name: 'New', role: 'cashier' }, 'owner'],
      ['PATCH', '/team/mus_none', { role: 'manager' }, 'owner'],
      ['DELETE', '/team/mus_none', undefined, 'owner'],
      ['GET', '/settlement', undefined, 'owner'],
      [
        'PATCH',
        '/settlement/bank-account',
        { bankName: 'B', accountHolder: 'H', accountNumber: '12345678' },
        'owner',
      ],
    ];
    for (const [method, path, body, least] of cases) {
      const rank = ROLES.indexOf(least);
      for (const role of ROLES.slice(0, rank)) {
        const refused = refusedWith(await portal.send(tokens[role], method, path, body), 'role_forbidden');
        assert.match(String((refused as { reason?: string }).reason), new RegExp(`needs the ${least} role`));
      }
      const allowed = await portal.send(tokens[least], method, path, body);
      assert.ok(![401, 403].includes(allowed.statusCode), `${least} ${method} ${path}: ${allowed.body}`);
    }
    // Refused requests changed nothing: only the manager's ¥1 refund and the owner's store and till happened.
    const payment = await portal.get(tokens.owner, `/payments/${paymentId}`);
    assert.equal(payment.json().refunded, '1.00');
    const stores = await portal.get(tokens.owner, '/stores');
    assert.equal(stores.json().length, 2);
  });

  it("shows a store's cashier that store's payments only; the owner sees every store's", async () => {
    const { merchant, portal, owner, store, atFirstStore, atRiverside } = await twoStoresPaid();
    const cashierPhone = phones();
    await portal.addUser(merchant.id, cashierPhone, 'cashier', 'Riverside cashier', store.id);
    const cashier = await portal.logIn(cashierPhone);

    const seen = (token: string) =>
      portal
        .get(token, '/payments')
        .then((r) => r.json<{ payments: { id: string }[] }>().payments.map((p) => p.id));
    assert.deepEqual(await seen(cashier), [atRiverside.json().id]);
    assert.deepEqual((await seen(owner)).sort(), [atFirstStore.json().id, atRiverside.json().id].sort());
    refusedWith(await portal.get(cashier, `/payments/${atFirstStore.json().id}`), 'payment_not_found');
    assert.equal((await portal.get(cashier, `/payments/${atRiverside.json().id}`)).statusCode, 200);
  });

  it("keeps a store's manager to that store in the dashboard, daily summary, refunds and orders", async () => {
    const { merchant, portal, owner, store, till, atFirstStore } = await twoStoresPaid();
    const refund = await portal.send(owner, 'POST', `/payments/${atFirstStore.json().id}/refunds`, {
      amount: '4.00',
      reason: 'returned',
    });
    assert.equal(refund.statusCode, 201, refund.body);
    const managerPhone = phones();
    await portal.addUser(merchant.id, managerPhone, 'manager', 'Riverside manager', store.id);
    const manager = await portal.logIn(managerPhone);

    const dashboard = (token: string) => portal.get(token, '/dashboard').then((r) => r.json());
    const [mine, all] = [await dashboard(manager), await dashboard(owner)];
    assert.deepEqual([mine.today.payments, mine.today.amount, mine.today.refunds], [1, '20.00', '0.00']);
    assert.deepEqual([all.today.payments, all.today.amount, all.today.refunds], [2, '30.00', '4.00']);
    const summary = (token: string) =>
      portal.get(token, `/summary/daily?from=${mine.date}&to=${mine.date}`).then((r) => r.json().totals);
    assert.deepEqual(
      [(await summary(manager)).payments, (await summary(manager)).gross, (await summary(manager)).refunds],
      [1, '20.00', '0.00'],
    );
    assert.deepEqual([(await summary(owner)).payments, (await summary(owner)).refunds], [2, '4.00']);

    const order = (token: string, reference: string, tillId?: string) =>
      portal.send(token, 'POST', '/orders', {
        kind: 'dynamic_qr',
        reference,
        amount: '5.00',
        description: 'Table 4',
        ...(tillId === undefined ? {} : { tillId }),
      });
    const online = await order(owner, 'online-1');
    const riversideOrder = await order(owner, 'riverside-1', till.id);
    assert.equal(online.statusCode, 201, online.body);
    assert.equal(riversideOrder.statusCode, 201, riversideOrder.body);
    const listed = await portal.get(manager, '/orders/search');
    assert.deepEqual(
      listed.json<{ orders: { id: string }[] }>().orders.map((o) => o.id),
      [riversideOrder.json().id],
    );
    assert.equal((await portal.get(owner, '/orders/search')).json().orders.length, 2);
    refusedWith(await portal.get(manager, `/orders/${online.json().id}`), 'order_not_found');
    refusedWith(await portal.get(manager, '/orders?reference=online-1'), 'order_not_found');
    refusedWith(
      await portal.send(manager, 'POST', `/orders/${online.json().id}/cancel`, {}),
      'order_not_found',
    );
    assert.equal((await portal.get(manager, `/orders/${riversideOrder.json().id}`)).statusCode, 200);
    refusedWith(await order(manager, 'mine-1'), 'invalid_order');
    refusedWith(await order(manager, 'mine-2', merchant.tillId), 'till_not_found');
    assert.equal((await order(manager, 'mine-3', till.id)).statusCode, 201);
  });

  it('applies a role change at the next request', async () => {
    const merchant = await onboardMerchant(suite.test);
    const portal = new PortalDriver(new ApiDriver(suite.test));
    const ownerPhone = phones();
    await portal.addUser(merchant.id, ownerPhone, 'owner');
    const managerPhone = phones();
    const managerId = await portal.addUser(merchant.id, managerPhone, 'manager');
    const owner = await portal.logIn(ownerPhone);
    const manager = await portal.logIn(managerPhone);
    assert.equal((await portal.get(manager, '/dashboard')).statusCode, 200);
    const demoted = await portal.send(owner, 'PATCH', `/team/${managerId}`, { role: 'cashier' });
    assert.equal(demoted.statusCode, 200, demoted.body);
    refusedWith(await portal.get(manager, '/dashboard'), 'role_forbidden');
    assert.equal((await portal.get(manager, '/me')).json().user.role, 'cashier');
    const promoted = await portal.send(owner, 'PATCH', `/team/${managerId}`, { role: 'owner' });
    assert.equal(promoted.statusCode, 200, promoted.body);
    assert.equal((await portal.get(manager, '/team')).statusCode, 200);
  });

  it('keeps the Idempotency-Key rule for portal changes', async () => {
    const merchant = await onboardMerchant(suite.test);
    const portal = new PortalDriver(new ApiDriver(suite.test));
    const phone = phones();
    await portal.addUser(merchant.id, phone, 'owner');
    const owner = await portal.logIn(phone);
    const body = { name: 'Riverside', city: 'Chengdu' };
    refusedWith(await portal.send(owner, 'POST', '/stores', body, { key: null }), 'idempotency_key_required');
    const key = randomUUID();
    const first = await portal.send(owner, 'POST', '/stores', body, { key });
    const again = await portal.send(owner, 'POST', '/stores', body, { key });
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(again.json().id, first.json().id);
    assert.equal((await portal.get(owner, '/stores')).json().length, 2);
  });

  it('documents the portal routes and the session scheme in /openapi.json', async () => {
    const reply = await suite.test.app.inject({ method: 'GET', url: '/openapi.json' });
    assert.equal(reply.statusCode, 200);
    const doc = reply.json<{
      paths: Record<string, Record<string, { security?: Record<string, string[]>[] }>>;
      components: { securitySchemes: Record<string, { scheme?: string }> };
    }>();
    assert.equal(doc.components.securitySchemes.merchantSession?.scheme, 'bearer');
    for (const [route, method] of [
      ['/merchant/v1/session/code', 'post'],
      ['/merchant/v1/session', 'post'],
      ['/merchant/v1/session', 'delete'],
      ['/merchant/v1/dashboard', 'get'],
      ['/merchant/v1/team', 'post'],
      ['/merchant/v1/team/{userId}', 'patch'],
      ['/merchant/v1/settlement/bank-account', 'patch'],
      ['/merchant/v1/credentials', 'get'],
      ['/merchant/v1/orders/search', 'get'],
      ['/merchant/v1/webhook', 'patch'],
    ] as const) {
      assert.ok(doc.paths[route]?.[method], `${method} ${route}`);
    }
    const security = doc.paths['/merchant/v1/dashboard']?.get?.security ?? [];
    assert.deepEqual(security.map((scheme) => Object.keys(scheme)[0]).sort(), [
      'merchantSession',
      'merchantSignature',
    ]);
  });
});
