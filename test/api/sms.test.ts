// The SMS command channel end to end over its webhook: balance, statement, SEND/PAY confirmed by a one-time code.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { SmsPhone } from '../../src/channels/sms/sms-test-phone.js';
import { findCustomerByPhone } from '../../src/domain/customers/customer-queries.js';
import { recordSimSwap } from '../../src/domain/customers/sim-swap.js';
import { lockByStaff } from '../../src/domain/customers/wallet-lock.js';
import { walletBalance } from '../../src/domain/wallets/accounts.js';
import { formatAmount } from '../../src/money/index.js';
import { phoneSequence } from '../support/api-assertions.js';
import { describeApi } from '../support/api-suite.js';
import { MerchantDriver, onboardMerchant } from '../support/merchant-driver.js';

const phones = phoneSequence('1376600');
const CODE = /(?:YES|确认) (\d{6})/;
const national = (e164: string) => e164.replace('+86', '');
const masked = (e164: string) => `${national(e164).slice(0, 3)}****${national(e164).slice(-4)}`;

describeApi('SMS channel', (suite) => {
  const customer = async (amount = '100.00', locale: 'en' | 'zh-CN' = 'en') => {
    const registered = await suite.api.register(phones(), { locale });
    if (amount !== '0') await suite.api.fund(registered.phone, amount);
    const sms = new SmsPhone(suite.test.app, registered.phone);
    await sms.received();
    return { ...registered, sms };
  };
  /** Sends the order and returns the confirmation code of its answer. */
  const codeFor = async (sms: SmsPhone, order: string) => {
    const answer = await sms.ask(order);
    const code = CODE.exec(answer)?.[1];
    assert.ok(code, answer);
    return code;
  };
  /** The wallet's balance as the ledger holds it (no session needed: a locked wallet has none). */
  const balance = async (who: { phone: string }) => {
    const { ctx } = suite.test.platform;
    const found = await findCustomerByPhone(ctx.db, who.phone);
    assert.ok(found);
    return formatAmount({ value: await walletBalance(ctx.ledger, found.walletAccountId), currency: 'CNY' });
  };

  it('BAL and 余额 answer with the balance in the customer’s language', async () => {
    const alice = await customer('123.40');
    assert.equal(await alice.sms.ask('BAL'), '[mwallet] Your balance is CN¥123.40.');
    assert.equal(await alice.sms.ask('余额'), '[mwallet] Your balance is CN¥123.40.');
    const li = await customer('8.00', 'zh-CN');
    assert.equal(await li.sms.ask('bal'), '【mwallet】您的余额为¥8.00。');
    assert.match(await li.sms.ask('ＨＥＬＰ'), /^【mwallet】mwallet短信服务：余额 查询余额/);
    assert.match(await li.sms.ask('你好'), /无法识别的指令/);
    assert.match(await alice.sms.ask('SEND 13800000000'), /To send money: SEND <number> <amount>/);
  });

  it('MINI: the last 5 entries, one short line each, in messages of one SMS', async () => {
    const alice = await customer('50.00');
    const bob = await customer('0');
    for (const amount of ['1.00', '2.00', '3.00', '4.00', '5.00']) {
      assert.equal((await suite.api.pay(alice, bob.phone, amount)).statusCode, 201);
    }
    await alice.sms.received();
    const messages = await alice.sms.send('mini');
    assert.ok(messages.length >= 2, messages.join('\n'));
    for (const text of messages) assert.ok(text.length <= 160, `${text.length}: ${text}`);
    const lines = messages
      .flatMap((text) => text.replace('[mwallet] ', '').split('\n'))
      .filter((line) => /^\d\d-\d\d /.test(line));
    assert.equal(lines.length, 5, messages.join('\n'));
    const newest = ` -CN¥5.00 Transfer to ${masked(bob.phone)}`;
    assert.ok(
      lines.some((line) => line.endsWith(newest)),
      lines.join('\n'),
    );
    assert.ok(!messages.join('\n').includes('Top-up'), 'the 6th entry is left out');
    assert.ok(messages.some((text) => text.startsWith('[mwallet] Last transactions:\n')));
  });

  it('SEND asks for a code, moves nothing; YES pays once, a second YES does nothing more', async () => {
    const alice = await customer();
    const bob = await customer('0');
    const answer = await alice.sms.ask(`SEND ${national(bob.phone)} 10`);
    const code = CODE.exec(answer)?.[1] ?? '';
    assert.equal(
      answer,
      `[mwallet] Reply YES ${code} within 5 minutes to send CN¥10.00 to ${masked(bob.phone)} (fee CN¥0.00). ` +
        'Not you? Ignore this SMS.',
    );
    assert.equal(await balance(alice), '100.00');
    // Done: the domain's debit notice is the answer.
    assert.match(
      await alice.sms.ask(`yes ${code}`),
      /^\[mwallet\] You paid CN¥10\.00 to .* Balance CN¥90\.00/,
    );
    assert.equal(await balance(bob), '10.00');
    assert.match(await alice.sms.ask(`YES ${code}`), /No payment is waiting for this code/);
    assert.equal(await balance(alice), '90.00');
  });

  it('转账 and 确认 in Chinese; a newer order voids the older one', async () => {
    const li = await customer('100.00', 'zh-CN');
    const bob = await customer('0');
    const older = await codeFor(li.sms, `转账 ${national(bob.phone)} 20`);
    const answer = await li.sms.ask(`转账${national(bob.phone)} ￥12.5`);
    assert.match(
      answer,
      /^【mwallet】请在5分钟内回复“确认 \d{6}”，向137\*{4}\d{4}转账¥12\.50（手续费¥0\.00）/,
    );
    assert.match(await li.sms.ask(`确认 ${older}`), /验证码错误，还可尝试2次/);
    assert.match(await li.sms.ask(`确认 ${CODE.exec(answer)?.[1]}`), /^【mwallet】您向.*付款¥12\.50/);
    assert.equal(await balance(li), '87.50');
  });

  it('three wrong codes void the order; an expired code does nothing', async () => {
    const alice = await customer();
    const bob = await customer('0');
    const code = await codeFor(alice.sms, `SEND ${bob.phone} 5`);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    assert.match(await alice.sms.ask(`YES ${wrong}`), /Wrong code\. 2 tries left\./);
    assert.match(await alice.sms.ask(`YES ${wrong}`), /Wrong code\. 1 try left\./);
    assert.match(await alice.sms.ask(`YES ${wrong}`), /Wrong code 3 times: the payment is cancelled/);
    assert.match(await alice.sms.ask(`YES ${code}`), /No payment is waiting/);
    const late = await codeFor(alice.sms, `SEND ${bob.phone} 5`);
    suite.test.advance(5 * 60_000 + 1);
    assert.match(await alice.sms.ask(`YES ${late}`), /No payment is waiting/);
    assert.equal(await balance(alice), '100.00');
  });

  it('refuses at once what is above the SMS cap, a self-payment, a bad number or amount', async () => {
    const alice = await customer('500.00');
    const bob = await customer('0');
    assert.equal(
      await alice.sms.ask(`SEND ${bob.phone} 200.01`),
      '[mwallet] This is above the SMS payment limit. By SMS you can pay up to CN¥200.00 at a time and ' +
        'CN¥1,000.00 a day. Use the app or USSD for more.',
    );
    assert.match(await alice.sms.ask(`SEND ${alice.phone} 5`), /cannot send to yourself/);
    assert.match(await alice.sms.ask('SEND 12345 5'), /not a valid number/);
    assert.match(await alice.sms.ask(`SEND ${bob.phone} 5.001`), /amount is not valid/);
    const stored = await suite.test.platform.ctx.db.get<{ n: bigint }>(
      'SELECT count(*) AS n FROM sms_confirmations WHERE customer_id = $1',
      [alice.customerId],
    );
    assert.equal(stored?.n, 0n);
  });

  it('PAY a till: the merchant and till in the question, paid on YES; unknown tills and big amounts refused', async () => {
    const alice = await customer();
    const driver = new MerchantDriver(suite.test, await onboardMerchant(suite.test));
    const stores = await driver.get('/stores');
    const till = stores.json<{ tills: { code: string }[] }[]>()[0]?.tills[0]?.code ?? '';
    const answer = await alice.sms.ask(`PAY ${till} 25.5`);
    assert.match(
      answer,
      new RegExp(
        `^\\[mwallet\\] Reply YES \\d{6} within 5 minutes to pay CN¥25\\.50 to Chengdu Fresh Market \\(till ${till}\\)`,
      ),
    );
    assert.match(
      await alice.sms.ask(`YES ${CODE.exec(answer)?.[1]}`),
      /You paid CN¥25\.50 to Chengdu Fresh Market/,
    );
    assert.equal(await balance(alice), '74.50');
    assert.match(await alice.sms.ask('付款 99999999 5'), /No merchant has this till code/);
    assert.match(await alice.sms.ask(`PAY ${till} 250`), /above the SMS payment limit/);
  });

  it('a wallet locked or SIM-swapped after the order: YES moves no money, and BAL tells nothing', async () => {
    const { ctx } = suite.test.platform;
    const alice = await customer();
    const bob = await customer('0');
    const code = await codeFor(alice.sms, `SEND ${bob.phone} 10`);
    assert.ok((await lockByStaff(ctx, alice.phone, 'staff:test', 'lost phone')).ok);
    await alice.sms.received();
    assert.match(await alice.sms.ask(`YES ${code}`), /Your wallet is locked/);
    assert.match(await alice.sms.ask('BAL'), /Your wallet is locked/);
    const carol = await customer();
    const second = await codeFor(carol.sms, `SEND ${bob.phone} 10`);
    await recordSimSwap(ctx, carol.phone, ctx.clock(), 'telco:test');
    assert.match(await carol.sms.ask(`YES ${second}`), /SIM changed recently: payments by SMS are paused/);
    assert.match(await carol.sms.ask('MINI'), /balance and statement by SMS are paused for 72 hours/);
    assert.equal(await balance(alice), '100.00');
    assert.equal(await balance(carol), '100.00');
    assert.equal(await balance(bob), '0.00');
  });
});
