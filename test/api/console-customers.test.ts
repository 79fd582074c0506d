// Console customer care over HTTP on both databases: search, 360, lock/unlock, notes, PIN reset after re-verification.
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { before, it } from 'node:test';
import { phoneSequence, problemOf } from '../support/api-assertions.js';
import { ApiDriver, type Customer } from '../support/api-driver.js';
import { describeApi } from '../support/api-suite.js';
import { ConsoleDriver, type LoggedIn } from '../support/console-driver.js';

const nextPhone = phoneSequence('1370013');

interface Summary {
  id: string;
  phone: string;
  name: string | null;
  locked: boolean;
}

interface Overview {
  customer: Summary & { idNumberLast4: string | null };
  kyc: { status: string } | null;
  balance: string;
  devices: { name: string }[];
  lock: { locked: boolean; reason: string | null };
  pin: { failures: number; resetAllowedUntil: string | null };
  history: { type: string; amount: string }[];
  notes: { author: string; body: string }[];
}

describeApi('console customer care', (suite) => {
  let api: ApiDriver;
  let console: ConsoleDriver;
  let support: LoggedIn;

  /** A registered, funded customer whose KYC (a passport) a risk officer approved through the console. */
  async function verifiedCustomer(name: string): Promise<Customer & { passport: string }> {
    const customer = await api.register(nextPhone());
    await api.fund(customer.phone, '80.00');
    const passport = `E${randomInt(1e9).toString().padStart(9, '0')}`;
    const applied = await api.post(
      '/api/v1/me/kyc',
      { name, idType: 'passport', idNumber: passport, birthDate: '1990-03-07', tier: 'class_2' },
      { token: customer.token },
    );
    assert.equal(applied.statusCode, 201, applied.body);
    const risk = await console.as('risk');
    const queue = await console.ok<{ applications: { id: string; customerId: string }[] }>('/kyc', risk);
    const application = queue.applications.find((a) => a.customerId === customer.customerId);
    assert.ok(application, 'the application waits in the queue');
    const approved = await console.post(`/kyc/${application.id}/approve`, { note: 'passport checked' }, risk);
    assert.equal(approved.statusCode, 200, approved.body);
    return { ...customer, passport };
  }

  before(async () => {
    api = new ApiDriver(suite.test);
    console = new ConsoleDriver(suite.test);
    support = await console.as('support');
  });

  it('finds a customer by phone in any form, by part of the name, and by ID number', async () => {
    const customer = await verifiedCustomer('Zhang Xiaosan');
    const national = customer.phone.slice(3);
    const forms = [
      national,
      `${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`,
      `+86 ${national}`,
      `0086${national}`,
    ];
    for (const phone of forms) {
      const found = await console.ok<{ customers: Summary[] }>(
        `/customers?phone=${encodeURIComponent(phone)}`,
        support,
      );
      assert.deepEqual(
        found.customers.map((c) => c.id),
        [customer.customerId],
        phone,
      );
    }
    const byName = await console.ok<{ customers: Summary[] }>('/customers?name=xiaosan', support);
    assert.ok(byName.customers.some((c) => c.id === customer.customerId && c.name === 'Zhang Xiaosan'));
    const literal = await console.ok<{ customers: Summary[] }>('/customers?name=%25', support);
    assert.equal(literal.customers.length, 0, '% matches only a literal %');
    const byId = await console.ok<{ customers: Summary[] }>(
      `/customers?idNumber=${customer.passport.toLowerCase()}`,
      support,
    );
    assert.deepEqual(
      byId.customers.map((c) => c.id),
      [customer.customerId],
    );
    const none = await console.ok<{ customers: Summary[] }>('/customers?idNumber=E000000000', support);
    assert.equal(none.customers.length, 0);
  });

  it('refuses a search without exactly one criterion, or with a bad number', async () => {
    problemOf(await console.get('/customers', support), 400, 'invalid_query');
    problemOf(await console.get('/customers?phone=13700130000&name=x', support), 400, 'invalid_query');
    problemOf(await console.get('/customers?phone=hello', support), 422, 'invalid_phone');
    problemOf(await console.get('/customers?idNumber=%21%21', support), 400, 'invalid_query');
    problemOf(await console.get('/customers?surname=x', support), 400, 'invalid_request');
  });

  it('shows the customer 360: profile, KYC, balance, devices, history, lock and PIN state', async () => {
    const customer = await verifiedCustomer('Li Si');
    const overview = await console.ok<Overview>(`/customers/${customer.customerId}`, support);
    assert.equal(overview.customer.phone, customer.phone);
    assert.equal(overview.customer.idNumberLast4, customer.passport.slice(-4));
    assert.equal(overview.kyc?.status, 'approved');
    assert.equal(overview.balance, '80.00');
    assert.deepEqual(
      overview.devices.map((d) => d.name),
      ['Test phone'],
    );
    assert.deepEqual(
      overview.history.map((h) => [h.type, h.amount]),
      [['top_up', '80.00']],
    );
    assert.deepEqual(overview.lock, { locked: false, lockedAt: null, reason: null });
    assert.equal(overview.pin.failures, 0);
    problemOf(await console.get('/customers/cus_nobody', support), 404, 'customer_not_found');
  });

  it('locks a wallet with a reason (sessions end, logins refused) and unlocks it; both audited as the staff member', async () => {
    const customer = await api.register(nextPhone());
    const locked = await console.post(
      `/customers/${customer.customerId}/lock`,
      { reason: 'reported stolen' },
      support,
    );
    assert.equal(locked.statusCode, 200, locked.body);
    assert.deepEqual(locked.json(), { locked: true });
    assert.equal((await api.get('/api/v1/wallet', customer.token)).statusCode, 401, 'the session ended');
    const overview = await console.ok<Overview>(`/customers/${customer.customerId}`, support);
    assert.deepEqual([overview.lock.locked, overview.lock.reason], [true, 'reported stolen']);
    assert.equal(overview.devices.length, 0, 'devices unbound');
    const loginToken = await api.verify(customer.phone, 'login');
    const login = await api.post('/api/v1/sessions', {
      phone: customer.phone,
      pin: '135792',
      device: { id: customer.deviceId, name: 'Test phone' },
      verificationToken: loginToken,
    });
    problemOf(login, 423, 'account_locked');
    const unlocked = await console.post(
      `/customers/${customer.customerId}/unlock`,
      { reason: 'owner verified at branch' },
      support,
    );
    assert.equal(unlocked.statusCode, 200, unlocked.body);
    problemOf(
      await console.post(`/customers/${customer.customerId}/unlock`, { reason: 'again' }, support),
      409,
      'not_locked',
    );
    const audit = await suite.test.platform.ctx.db.all<{ actor: string; action: string; details: string }>(
      'SELECT actor, action, details FROM audit_log WHERE subject = $1 ORDER BY seq',
      [`customer:${customer.customerId}`],
    );
    const staffEntries = audit.filter((a) => a.action.startsWith('wallet.'));
    assert.deepEqual(
      staffEntries.map((a) => [a.actor, a.action, JSON.parse(a.details).reason]),
      [
        [`staff:${support.username}`, 'wallet.lock', 'reported stolen'],
        [`staff:${support.username}`, 'wallet.unlock', 'owner verified at branch'],
      ],
    );
  });

  it('refuses lock and unlock of unknown customers, and bad reasons, changing nothing', async () => {
    const customer = await api.register(nextPhone());
    problemOf(
      await console.post('/customers/cus_nobody/lock', { reason: 'x' }, support),
      404,
      'customer_not_found',
    );
    problemOf(
      await console.post(`/customers/${customer.customerId}/lock`, { reason: '   ' }, support),
      422,
      'invalid_reason',
    );
    problemOf(
      await console.post(`/customers/${customer.customerId}/lock`, {}, support),
      400,
      'invalid_request',
    );
    problemOf(
      await console.post(`/customers/${customer.customerId}/lock`, { reason: 'x' }, support, 'bad key!'),
      400,
      'idempotency_key_required',
    );
    assert.equal((await api.get('/api/v1/wallet', customer.token)).statusCode, 200, 'still unlocked');
  });

  it('keeps staff notes with their author, newest first', async () => {
    const customer = await api.register(nextPhone());
    const first = await console.post(
      `/customers/${customer.customerId}/notes`,
      { body: 'Called about a refund.' },
      support,
    );
    assert.equal(first.statusCode, 201, first.body);
    await console.post(`/customers/${customer.customerId}/notes`, { body: '客户来电\n已处理' }, support);
    const overview = await console.ok<Overview>(`/customers/${customer.customerId}`, support);
    assert.deepEqual(
      overview.notes.map((n) => [n.author, n.body]),
      [
        [`staff:${support.username}`, '客户来电\n已处理'],
        [`staff:${support.username}`, 'Called about a refund.'],
      ],
    );
    problemOf(
      await console.post(`/customers/${customer.customerId}/notes`, { body: ' \n ' }, support),
      422,
      'invalid_note',
    );
    problemOf(
      await console.post(`/customers/${customer.customerId}/notes`, { body: 'a\u0007b' }, support),
      422,
      'invalid_note',
    );
    problemOf(
      await console.post('/customers/cus_nobody/notes', { body: 'hello' }, support),
      404,
      'customer_not_found',
    );
  });

  it('resets a PIN after re-verification: a wrong ID number is refused (and audited); the right one lets an SMS code suffice', async () => {
    const customer = await verifiedCustomer('Wang Wu');
    const wrong = await console.post(
      `/customers/${customer.customerId}/pin-reset`,
      { idNumber: 'E999999999' },
      support,
    );
    problemOf(wrong, 403, 'id_mismatch');
    const verificationToken = await api.verify(customer.phone, 'reset_pin');
    const withoutId = await api.post('/api/v1/pin-resets', { verificationToken, newPin: '975318' });
    problemOf(withoutId, 403, 'id_mismatch');
    const allowed = await console.post(
      `/customers/${customer.customerId}/pin-reset`,
      { idNumber: customer.passport },
      support,
    );
    assert.equal(allowed.statusCode, 200, allowed.body);
    const sms = await api.smsTo(customer.phone);
    assert.match(sms[0] ?? '', /new PIN/);
    const token = await api.verify(customer.phone, 'reset_pin');
    const reset = await api.post('/api/v1/pin-resets', { verificationToken: token, newPin: '975318' });
    assert.equal(reset.statusCode, 200, reset.body);
    const login = await api.post('/api/v1/sessions', {
      phone: customer.phone,
      pin: '975318',
      device: { id: customer.deviceId, name: 'Test phone' },
    });
    assert.equal(login.statusCode, 201, login.body);
    const overview = await console.ok<Overview>(`/customers/${customer.customerId}`, support);
    assert.equal(overview.pin.resetAllowedUntil, null, 'the allowance is used up');
    const actions = await suite.test.platform.ctx.db.all<{ action: string }>(
      "SELECT action FROM audit_log WHERE subject = $1 AND action LIKE 'customer.pin_reset%' ORDER BY seq",
      [`customer:${customer.customerId}`],
    );
    assert.deepEqual(
      actions.map((a) => a.action),
      ['customer.pin_reset.id_mismatch', 'customer.pin_reset.authorize'],
    );
  });

  it('stops guessing: after 3 wrong ID numbers for a customer in an hour, even the right one is refused until later', async () => {
    const customer = await verifiedCustomer('Zhao Liu');
    const reset = (idNumber: string) =>
      console.post(`/customers/${customer.customerId}/pin-reset`, { idNumber }, support);
    for (const guess of ['E000000001', 'E000000002', 'E000000003']) {
      problemOf(await reset(guess), 403, 'id_mismatch');
    }
    problemOf(await reset(customer.passport), 429, 'id_checks_exceeded');
    const overview = await console.ok<Overview>(`/customers/${customer.customerId}`, support);
    assert.equal(overview.pin.resetAllowedUntil, null, 'nothing was allowed');
    suite.test.advance(61 * 60_000);
    support = await console.as('support'); // the idle staff session ended meanwhile
    assert.equal((await reset(customer.passport)).statusCode, 200);
  });

  it('refuses a staff PIN reset without an ID on file or for an unknown customer', async () => {
    const customer = await api.register(nextPhone());
    problemOf(
      await console.post(`/customers/${customer.customerId}/pin-reset`, { idNumber: 'E123456789' }, support),
      409,
      'id_not_on_file',
    );
    problemOf(
      await console.post('/customers/cus_nobody/pin-reset', { idNumber: 'E123456789' }, support),
      404,
      'customer_not_found',
    );
  });
});
