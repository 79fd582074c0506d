// The USSD gateway's safety: PIN change and lock, the shared PIN lock, retries paying once, timeouts, bad requests, zh-CN.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { UssdPhone } from '../../src/channels/ussd/ussd-test-phone.js';
import { phoneSequence, problemOf, refusedWith } from '../support/api-assertions.js';
import { GOOD_PIN } from '../support/api-driver.js';
import { describeApi } from '../support/api-suite.js';

const phones = phoneSequence('1378801');
const NEW_PIN = '246813';

describeApi('USSD channel safety', (suite) => {
  const customer = async (locale: 'en' | 'zh-CN' = 'en') => {
    const registered = await suite.api.register(phones(), { locale });
    await suite.api.fund(registered.phone, '100.00');
    return { ...registered, ussd: new UssdPhone(suite.test.app, registered.phone) };
  };
  const sessionRows = async () =>
    (await suite.test.platform.ctx.db.all('SELECT session_id FROM ussd_sessions')).length;

  it('changes the PIN (current, new, repeat): the new PIN works in the app, the old one no longer', async () => {
    const alice = await customer();
    const bob = await customer();
    assert.equal((await suite.api.pay(alice, bob.phone, '1.00')).statusCode, 201);
    await alice.ussd.dial();
    assert.equal(await alice.ussd.press('7', '1', GOOD_PIN, NEW_PIN), 'CON Repeat the new PIN:');
    assert.equal(await alice.ussd.press('135799'), 'CON The PINs differ.\nEnter a new 6-digit PIN:');
    assert.equal(await alice.ussd.press(NEW_PIN, NEW_PIN), 'END Your PIN is changed.');
    const rows = await suite.test.platform.ctx.db.all<{ state: string; last_reply: string }>(
      'SELECT state, last_reply FROM ussd_sessions',
    );
    assert.ok(
      rows.every((row) => !`${row.state}${row.last_reply}`.includes(NEW_PIN)),
      'a PIN stored',
    );
    refusedWith(await suite.api.pay(alice, bob.phone, '1.00', { pin: GOOD_PIN }), 'pin_incorrect');
    const paid = await suite.api.pay(alice, bob.phone, '1.00', { pin: NEW_PIN });
    assert.equal(paid.statusCode, 201, paid.body);
  });

  it('locks the wallet with the PIN: the app is then refused account_locked', async () => {
    const alice = await customer();
    const bob = await customer();
    await alice.ussd.dial();
    assert.match(await alice.ussd.press('7', '2'), /^CON Lock your wallet\?/);
    assert.equal(
      await alice.ussd.press(GOOD_PIN),
      'END Your wallet is locked. Unlock it in the mwallet app.',
    );
    // The lock ends the app's sessions, and logging in again is refused.
    refusedWith(await suite.api.quote(alice, bob.phone, '1.00'), 'unauthorized');
    const verificationToken = await suite.api.verify(alice.phone, 'login');
    const device = { id: alice.deviceId, name: 'Test phone' };
    const login = { phone: alice.phone, pin: GOOD_PIN, device, verificationToken };
    refusedWith(await suite.api.post('/api/v1/sessions', login), 'account_locked');
    await alice.ussd.dial();
    assert.equal(
      await alice.ussd.press('4', '99999999'),
      'CON No merchant has this code.\nPay merchant\nEnter the till code:',
    );
  });

  it('five wrong PINs lock payments everywhere: the lock is shared with the app', async () => {
    const alice = await customer();
    const bob = await customer();
    await alice.ussd.dial();
    await alice.ussd.press('1');
    for (const left of [4, 3, 2, 1]) {
      const tries = left === 1 ? 'try' : 'tries';
      assert.equal(
        await alice.ussd.press('000000'),
        `CON Wrong PIN. ${left} ${tries} left.\nEnter your PIN:`,
      );
    }
    assert.match(await alice.ussd.press('000000'), /^END Too many wrong PINs: payments are locked/);
    refusedWith(await suite.api.quote(alice, bob.phone, '1.00'), 'pin_locked');
    await alice.ussd.dial();
    assert.match(await alice.ussd.press('1', GOOD_PIN), /^END Too many wrong PINs/);
  });

  it('a gateway retry of a step (same session and text) gets the same reply and pays once', async () => {
    const alice = await customer();
    const bob = await customer();
    await suite.api.pay(alice, bob.phone, '1.00');
    await alice.ussd.dial();
    await alice.ussd.press('3', bob.phone, '10', '1');
    const paid = await alice.ussd.press(GOOD_PIN);
    assert.match(paid, /^END Sent CN¥10\.00/);
    assert.equal(await alice.ussd.resend(), paid);
    assert.equal(await suite.api.balance(alice.token), '89.00');
    // Two copies of a step at once: one payment, one answer.
    await alice.ussd.dial();
    await alice.ussd.press('3', bob.phone, '2');
    const fields = { ...alice.ussd.fields(), text: `${alice.ussd.fields().text}*1*${GOOD_PIN}` };
    const both = await Promise.all([alice.ussd.post(fields), alice.ussd.post(fields)]);
    assert.deepEqual(
      both.map((reply) => reply.body),
      [`END Sent CN¥2.00 to ${paid.split(' to ')[1]?.slice(0, -1)}.`, both[0]?.body],
    );
    assert.equal(await suite.api.balance(alice.token), '87.00');
  });

  it('a session idle up to 180 s goes on, one idle longer times out (END); a new dial starts at the menu', async () => {
    const alice = await customer();
    await alice.ussd.dial();
    suite.test.advance(179_000);
    assert.equal(await alice.ussd.press('1'), 'CON Enter your PIN:');
    suite.test.advance(181_000);
    assert.equal(await alice.ussd.press(GOOD_PIN), 'END Your session timed out. Dial *123# again.');
    assert.match(await alice.ussd.dial(), /^CON mwallet\n1 Balance/);
    assert.equal(await alice.ussd.press('1', GOOD_PIN), 'END Your balance is CN¥100.00.');
  });

  it('malformed requests get 400 and change nothing', async () => {
    const alice = await customer();
    const bob = await customer();
    await suite.api.pay(alice, bob.phone, '1.00');
    await alice.ussd.dial();
    await alice.ussd.press('3', bob.phone, '10', '1');
    const rows = await sessionRows();
    const good = { ...alice.ussd.fields(), text: `${alice.ussd.fields().text}*${GOOD_PIN}` };
    const { text: _text, ...noText } = good;
    const cases: [Record<string, string>, string][] = [
      [noText, 'invalid_request'],
      [{ ...good, text: `${good.text}*${'1'.repeat(400)}` }, 'invalid_request'],
      [{ ...good, text: `${good.text}*abc` }, 'invalid_request'],
      [{ ...good, sessionId: 'x'.repeat(65) }, 'invalid_request'],
      [{ ...good, extra: '1' }, 'invalid_request'],
      [{ ...good, serviceCode: '*999#' }, 'unknown_service_code'],
      [{ ...good, phoneNumber: 'not a phone' }, 'invalid_phone'],
      [{ ...good, phoneNumber: bob.phone }, 'session_phone_mismatch'],
      [{ ...good, text: '3' }, 'out_of_sequence'],
    ];
    for (const [fields, code] of cases) problemOf(await alice.ussd.post(fields), 400, code);
    const form = await suite.test.app.inject({
      method: 'POST',
      url: '/channels/ussd',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `${new URLSearchParams(good).toString()}&text=1`,
    });
    problemOf(form, 400, 'invalid_request');
    assert.equal(await sessionRows(), rows);
    assert.equal(await suite.api.balance(alice.token), '99.00');
    // The session goes on from where it was.
    assert.match(await alice.ussd.press(GOOD_PIN), /^END Sent CN¥10\.00/);
  });

  it('speaks Chinese to a zh-CN customer', async () => {
    const li = await customer('zh-CN');
    assert.equal(
      await li.ussd.dial(),
      'CON mwallet\n1 查询余额\n2 迷你账单\n3 转账\n4 商户付款\n5 付款请求\n6 话费充值\n7 我的账户',
    );
    assert.equal(await li.ussd.press('1'), 'CON 请输入支付密码：');
    assert.equal(await li.ussd.press('000000'), 'CON 支付密码错误。还可尝试4次。\n请输入支付密码：');
    assert.equal(await li.ussd.press(GOOD_PIN), 'END 您的余额为¥100.00。');
    await li.ussd.dial();
    assert.equal(await li.ussd.press('7', '3', '1'), 'END Language set to English.');
    assert.match(await li.ussd.dial(), /^CON mwallet\n1 Balance/);
  });
});

describeApi(
  'USSD gateway with its own service code and timeout',
  (suite) => {
    it('answers the configured code only, and ends sessions after the configured idle time', async () => {
      const alice = await suite.api.register(phones());
      const ussd = new UssdPhone(suite.test.app, alice.phone, { serviceCode: '*384*7#' });
      assert.match(await ussd.dial(), /^CON mwallet\n1 Balance/);
      suite.test.advance(59_000);
      assert.equal(await ussd.press('1'), 'CON Enter your PIN:');
      suite.test.advance(61_000);
      assert.equal(await ussd.press(GOOD_PIN), 'END Your session timed out. Dial *384*7# again.');
      const usual = new UssdPhone(suite.test.app, alice.phone);
      problemOf(
        await usual.post({ ...usual.fields(), sessionId: 'ATUid_usual' }),
        400,
        'unknown_service_code',
      );
    });
  },
  { env: { MWALLET_USSD_CODE: '*384*7#', MWALLET_USSD_TIMEOUT_SECONDS: '60' } },
);

describeApi(
  'USSD gateway limits and description',
  (suite) => {
    it('counts requests per phone number (429 past 30 a minute) and is in the OpenAPI document', async () => {
      const phone = new UssdPhone(suite.test.app, phones());
      for (let i = 0; i < 30; i++) assert.match(await phone.dial(), /^END /);
      problemOf(await phone.post(phone.fields()), 429, 'too_many_requests');
      const other = new UssdPhone(suite.test.app, phones());
      assert.match(await other.dial(), /^END /);
      const document = await suite.api.get('/openapi.json');
      const operation = document.json<{ paths: Record<string, { post?: { tags?: string[] } }> }>().paths[
        '/channels/ussd'
      ]?.post;
      assert.deepEqual(operation?.tags, ['channels']);
    });
  },
  { env: { MWALLET_RATE_LIMIT: '600' } },
);
