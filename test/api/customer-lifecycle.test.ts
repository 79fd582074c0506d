// Customer lifecycle over HTTP: new-device login, PIN change and reset, lost-phone lock and unlock, KYC, SIM swap, closing.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../src/channels/http/test-app.js';
import { HOUR_MS } from '../../src/domain/clock.js';
import { listKyc, reviewKyc } from '../../src/domain/customers/kyc.js';
import { computeResidentIdCheckChar } from '../../src/domain/customers/resident-id.js';
import { recordSimSwap } from '../../src/domain/customers/sim-swap.js';
import { lockByStaff } from '../../src/domain/customers/wallet-lock.js';
import { ApiDriver, GOOD_PIN } from '../support/api-driver.js';

const ID17 = '11010519900307123';
const RESIDENT_ID = `${ID17}${computeResidentIdCheckChar(ID17)}`;

describe('customer lifecycle over HTTP', () => {
  let test: TestApp;
  let api: ApiDriver;
  before(async () => {
    test = await createTestApp();
    api = new ApiDriver(test);
  });
  after(() => test.close());

  const login = (phone: string, deviceId: string, extra: Record<string, string> = {}, pin = GOOD_PIN) =>
    api.post('/api/v1/sessions', { phone, pin, device: { id: deviceId, name: 'Other phone' }, ...extra });

  it('asks a new device for an SMS code, then binds it and tells the customer by SMS', async () => {
    const customer = await api.register('13700137001');
    const newDevice = `device-${randomUUID()}`;
    const first = await login(customer.phone, newDevice);
    assert.equal(first.json<{ code: string }>().code, 'device_verification_required');
    const verificationToken = await api.verify(customer.phone, 'login');
    const second = await login(customer.phone, newDevice, { verificationToken });
    assert.equal(second.statusCode, 201, second.body);
    assert.equal(second.json<{ newDevice: boolean }>().newDevice, true);
    assert.match((await api.smsTo(customer.phone))[0] ?? '', /Other phone/);
    const devices = await api.get('/api/v1/me/devices', second.json<{ token: string }>().token);
    assert.equal(devices.json<{ devices: unknown[] }>().devices.length, 2);
    // The bound device logs in with the PIN alone.
    assert.equal((await login(customer.phone, customer.deviceId)).statusCode, 201);
  });

  it('gives a new device with a made-up SMS token no PIN guesses, and answers unknown numbers the same', async () => {
    const customer = await api.register('13700137014');
    const stranger = `device-${randomUUID()}`;
    const answers = new Set<string>();
    for (const pin of ['000001', '999999', GOOD_PIN, '111112', '222223', '333334']) {
      const reply = await login(customer.phone, stranger, { verificationToken: 'made-up-token' }, pin);
      answers.add(`${reply.statusCode} ${reply.json<{ code: string }>().code}`);
    }
    const unknown = await login('13700137999', stranger, { verificationToken: 'made-up-token' }, '000001');
    answers.add(`${unknown.statusCode} ${unknown.json<{ code: string }>().code}`);
    assert.deepEqual([...answers], ['403 verification_invalid']);
    const me = await api.get('/api/v1/me', customer.token);
    assert.equal(me.json<{ pinLocked: boolean }>().pinLocked, false);
  });

  it('changes the PIN, refusing trivial ones, and resets a locked PIN with an SMS code', async () => {
    const customer = await api.register('13700137002');
    const trivial = await api.post(
      '/api/v1/me/pin',
      { currentPin: GOOD_PIN, newPin: '123456' },
      { token: customer.token },
    );
    assert.equal(trivial.json<{ code: string }>().code, 'pin_too_simple');
    const changed = await api.post(
      '/api/v1/me/pin',
      { currentPin: GOOD_PIN, newPin: '246813' },
      { token: customer.token },
    );
    assert.equal(changed.statusCode, 200, changed.body);
    for (let i = 0; i < 5; i++) await login(customer.phone, customer.deviceId, {}, '999999');
    const locked = await login(customer.phone, customer.deviceId, {}, '246813');
    assert.equal(locked.json<{ code: string }>().code, 'pin_locked');
    const verificationToken = await api.verify(customer.phone, 'reset_pin');
    const reset = await api.post('/api/v1/pin-resets', { verificationToken, newPin: '975318' });
    assert.equal(reset.statusCode, 200, reset.body);
    assert.equal((await login(customer.phone, customer.deviceId, {}, '975318')).statusCode, 201);
  });

  it('locks a lost phone from another device: sessions end, payments stop; unlocking needs code and PIN', async () => {
    const customer = await api.register('13700137003');
    await api.fund(customer.phone, '50.00');
    const verificationToken = await api.verify(customer.phone, 'lock');
    const lockReply = await api.post('/api/v1/locks', { verificationToken });
    assert.equal(lockReply.statusCode, 200, lockReply.body);
    assert.equal((await api.get('/api/v1/wallet', customer.token)).statusCode, 401);
    // The lost phone was unbound: it needs an SMS code first, and with one it learns the wallet is locked.
    const relogin = await login(customer.phone, customer.deviceId);
    assert.equal(relogin.json<{ code: string }>().code, 'device_verification_required');
    const loginToken = await api.verify(customer.phone, 'login');
    const lockedLogin = await login(customer.phone, customer.deviceId, { verificationToken: loginToken });
    assert.equal(lockedLogin.json<{ code: string }>().code, 'account_locked');

    const unlockToken = await api.verify(customer.phone, 'unlock');
    const wrongPin = await api.post('/api/v1/unlocks', { verificationToken: unlockToken, pin: '000001' });
    assert.equal(wrongPin.json<{ code: string }>().code, 'pin_incorrect');
    const unlocked = await api.post('/api/v1/unlocks', { verificationToken: unlockToken, pin: GOOD_PIN });
    assert.equal(unlocked.statusCode, 200, unlocked.body);
    // The lost phone was unbound: logging in again needs an SMS code.
    assert.equal(
      (await login(customer.phone, customer.deviceId)).json<{ code: string }>().code,
      'device_verification_required',
    );
  });

  it('refuses payments of a wallet locked by staff on every request at once', async () => {
    const payer = await api.register('13700137004');
    await api.register('13700137005');
    await api.fund(payer.phone, '50.00');
    const quote = await api.quote(payer, '13700137005', '5.00');
    assert.equal(quote.statusCode, 201);
    assert.deepEqual(await lockByStaff(test.platform.ctx, payer.phone, 'staff:test', 'fraud check'), {
      ok: true,
    });
    const confirm = await api.post(
      '/api/v1/p2p/transfers',
      { quoteId: quote.json<{ id: string }>().id, pin: GOOD_PIN },
      { token: payer.token },
    );
    assert.equal(confirm.statusCode, 401, 'the session ended with the lock');
    assert.equal(
      await test.platform.ctx.db
        .get<{ n: bigint }>('SELECT count(*) AS n FROM payments WHERE customer_id = $1', [payer.customerId])
        .then((r) => r?.n),
      0n,
    );
  });

  it('upgrades the tier after KYC review, checking the ID checksum and birth date', async () => {
    const customer = await api.register('13700137006');
    const bad = await api.post(
      '/api/v1/me/kyc',
      {
        name: '张小三',
        idType: 'resident_id',
        idNumber: `${ID17}0`.replace(/0$/, computeResidentIdCheckChar(ID17) === '0' ? '1' : '0'),
        birthDate: '1990-03-07',
        tier: 'class_2',
      },
      { token: customer.token },
    );
    assert.equal(bad.json<{ code: string }>().code, 'invalid_id_number');
    const wrongDate = await api.post(
      '/api/v1/me/kyc',
      {
        name: '张小三',
        idType: 'resident_id',
        idNumber: RESIDENT_ID,
        birthDate: '1990-03-08',
        tier: 'class_2',
      },
      { token: customer.token },
    );
    assert.equal(wrongDate.json<{ code: string }>().code, 'birth_date_mismatch');
    const applied = await api.post(
      '/api/v1/me/kyc',
      {
        name: '张小三',
        idType: 'resident_id',
        idNumber: RESIDENT_ID,
        birthDate: '1990-03-07',
        tier: 'class_2',
      },
      { token: customer.token },
    );
    assert.equal(applied.statusCode, 201, applied.body);
    const [pending] = await listKyc(test.platform.ctx, 'pending');
    assert.equal(pending?.customerId, customer.customerId);
    assert.deepEqual(
      await reviewKyc(test.platform.ctx, {
        applicationId: pending.id,
        approve: true,
        actor: 'staff:test',
        note: 'ok',
      }),
      { ok: true },
    );
    const me = await api.get('/api/v1/me', customer.token);
    assert.equal(me.json<{ tier: string }>().tier, 'class_2');
    // Others see the verified name masked.
    const friend = await api.register('13700137007');
    const quote = await api.quote(friend, customer.phone, '1.00');
    assert.equal(quote.json<{ recipient: { name: string } }>().recipient.name, '张*三');
    const audit = await test.platform.ctx.db.all<{ action: string }>(
      'SELECT action FROM audit_log WHERE subject = $1',
      [`customer:${customer.customerId}`],
    );
    assert.ok(audit.some((a) => a.action === 'kyc.approve'));
  });

  it('pauses payments above the small-payment limit for 72 hours after a SIM swap', async () => {
    const customer = await api.register('13700137008');
    await api.register('13700137009');
    await api.fund(customer.phone, '900.00');
    await recordSimSwap(test.platform.ctx, customer.phone, Date.now(), 'staff:test');
    const big = await api.quote(customer, '13700137009', '300.00');
    assert.equal(big.json<{ code: string }>().code, 'sim_swap_quarantine');
    const small = await api.quote(customer, '13700137009', '50.00');
    assert.equal(small.json<{ authentication: string }>().authentication, 'pin_and_otp');
    test.advance(72 * HOUR_MS + 1000);
    assert.equal((await api.quote(customer, '13700137009', '300.00')).statusCode, 201);
  });

  it('closes a wallet only at zero balance, with PIN and SMS code', async () => {
    const customer = await api.register('13700137010');
    await api.fund(customer.phone, '1.00');
    const code = await api.verify(customer.phone, 'close', customer.token);
    const refused = await api.post(
      '/api/v1/me/closure',
      { pin: GOOD_PIN, verificationToken: code },
      { token: customer.token },
    );
    assert.equal(refused.json<{ code: string }>().code, 'balance_not_zero');
    const empty = await api.register('13700137011');
    const closeCode = await api.verify(empty.phone, 'close', empty.token);
    const closed = await api.post(
      '/api/v1/me/closure',
      { pin: GOOD_PIN, verificationToken: closeCode },
      { token: empty.token },
    );
    assert.equal(closed.statusCode, 200, closed.body);
    assert.equal((await api.get('/api/v1/me', empty.token)).statusCode, 401);
    // The number can open a new wallet later.
    assert.notEqual((await api.register('13700137011')).customerId, empty.customerId);
  });

  it('lets a customer opt in to password-free small payments with the PIN', async () => {
    const customer = await api.register('13700137012');
    await api.register('13700137013');
    await api.fund(customer.phone, '100.00');
    assert.equal((await api.pay(customer, '13700137013', '1.00')).statusCode, 201);
    const noPin = await api.post('/api/v1/me/preferences', { passwordFree: true }, { token: customer.token });
    assert.equal(noPin.json<{ code: string }>().code, 'pin_required');
    const optIn = await api.post(
      '/api/v1/me/preferences',
      { passwordFree: true, pin: GOOD_PIN },
      { token: customer.token },
    );
    assert.equal(optIn.statusCode, 200, optIn.body);
    const quote = await api.quote(customer, '13700137013', '20.00');
    assert.equal(quote.json<{ authentication: string }>().authentication, 'none');
    const paid = await api.pay(customer, '13700137013', '20.00', {});
    assert.equal(paid.statusCode, 201, paid.body);
    assert.equal(paid.json<{ authentication: string }>().authentication, 'none');
    assert.equal(
      (await api.quote(customer, '13700137013', '200.01')).json<{ authentication: string }>().authentication,
      'pin',
    );
  });
});
