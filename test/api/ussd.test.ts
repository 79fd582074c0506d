// The USSD channel end to end over its HTTP gateway: balance, statement, send money, merchants, requests, airtime.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { UssdPhone } from '../../src/channels/ussd/ussd-test-phone.js';
import { addStore, addTill } from '../../src/domain/merchants/merchant-outlets.js';
import { floatOf, fundedAgent } from '../support/agent-steps.js';
import { phoneSequence } from '../support/api-assertions.js';
import { GOOD_PIN } from '../support/api-driver.js';
import { type ApiSuite, describeApi } from '../support/api-suite.js';
import { accountId, gsmaCall, msisdn } from '../support/gsma-driver.js';
import { MerchantDriver, onboardMerchant } from '../support/merchant-driver.js';

const phones = phoneSequence('1378800');
const HOME =
  'CON mwallet\n1 Balance\n2 Mini statement\n3 Send money\n4 Pay merchant\n5 Payment requests\n6 Airtime\n7 My account';

/** A registered customer with a funded wallet and a feature phone (form-encoded gateway requests). */
async function customerOf(suite: ApiSuite, amount = '100.00') {
  const registered = await suite.api.register(phones());
  if (amount !== '0') await suite.api.fund(registered.phone, amount);
  return { ...registered, ussd: new UssdPhone(suite.test.app, registered.phone, { form: true }) };
}

/** An active merchant and the code of its first till. */
async function shopOf(suite: ApiSuite) {
  const merchant = await onboardMerchant(suite.test);
  const driver = new MerchantDriver(suite.test, merchant);
  const stores = await driver.get('/stores');
  const code = stores.json<{ tills: { code: string }[] }[]>()[0]?.tills[0]?.code;
  assert.ok(code, stores.body);
  return { driver, code };
}

/** A list's screen and the ones `9` leads to, to its last page. */
async function allPages(ussd: UssdPhone, first: string): Promise<string[]> {
  const pages = [first];
  while (pages.at(-1)?.includes('\n9 More\n')) pages.push(await ussd.press('9'));
  return pages;
}

describeApi(
  'USSD channel',
  (suite) => {
    const customer = (amount?: string) => customerOf(suite, amount);
    const shop = () => shopOf(suite);

    it('shows the menu and the balance after the PIN; a number without a wallet is told to register', async () => {
      const alice = await customer('123.40');
      assert.match(await alice.ussd.dial(), /^CON mwallet\n1 Balance\n2 Mini statement\n3 Send money/);
      assert.equal(await alice.ussd.press('1'), 'CON Enter your PIN:');
      assert.equal(await alice.ussd.press(GOOD_PIN), 'END Your balance is CN¥123.40.');
      const stranger = new UssdPhone(suite.test.app, phones());
      assert.match(await stranger.dial(), /^END .*register with this number/s);
    });

    it('a dial string carrying its inputs pays once, even if the session row was lost and the gateway retries', async () => {
      const alice = await customer('100.00');
      const { code } = await shop();
      const request = {
        sessionId: `ATUid_dial_${phones()}`,
        serviceCode: '*123#',
        phoneNumber: alice.phone,
        text: ['4', code, '5', GOOD_PIN].join('*'),
      };
      const first = await alice.ussd.post(request);
      assert.match(first.body, /^END .*5\.00/s, first.body);
      // The process died after paying and before saving the session: the retry finds no session row.
      await suite.test.platform.ctx.db.run('DELETE FROM ussd_sessions WHERE session_id = $1', [
        request.sessionId,
      ]);
      const retried = await alice.ussd.post(request);
      assert.equal(retried.statusCode, 200, retried.body);
      assert.equal(await suite.api.balance(alice.token), '95.00', 'one payment, not two');
    });

    it('mini statement: the last entries, compact, newest first', async () => {
      const alice = await customer('50.00');
      const bob = await customer('0');
      const sent = await suite.api.pay(alice, bob.phone, '7.00');
      assert.equal(sent.statusCode, 201, sent.body);
      await alice.ussd.dial();
      const screen = await alice.ussd.press('2', GOOD_PIN);
      assert.match(
        screen,
        /^CON Last transactions\n\d\d-\d\d -CN¥7\.00 Transfer to .*\n\d\d-\d\d CN¥50\.00 Top-up\n0 Back/,
      );
    });

    it('mini statement: the last 10 of 12 entries on pages (9 more), 0 a page back, 00 home', async () => {
      const alice = await customer('100.00');
      const bob = await customer('0');
      for (let i = 1; i <= 11; i++) {
        assert.equal((await suite.api.pay(alice, bob.phone, `${i}.00`)).statusCode, 201);
      }
      await alice.ussd.dial();
      const pages = await allPages(alice.ussd, await alice.ussd.press('2', GOOD_PIN));
      assert.ok(pages.length > 1, pages.join('\n---\n'));
      const rows = pages.flatMap((page) => page.split('\n').filter((line) => /^\d\d-\d\d /.test(line)));
      const amounts = Array.from({ length: 10 }, (_, i) => `-CN¥${11 - i}.00`);
      assert.deepEqual(
        rows.map((row) => row.split(' ')[1]),
        amounts,
      );
      assert.equal(await alice.ussd.press('0'), pages.at(-2));
      assert.equal(await alice.ussd.press('00'), HOME);
      assert.equal(await alice.ussd.press('0'), HOME);
      assert.equal(await alice.ussd.press('1', GOOD_PIN), 'END Your balance is CN¥34.00.');
    });

    it('sends money: confirm screen with masked recipient, fee and total; a new payee needs the SMS code', async () => {
      const alice = await customer();
      const bob = await customer('0');
      await alice.ussd.dial();
      const national = bob.phone.replace('+86', '');
      assert.equal(await alice.ussd.press('3', national), `CON Send to ${national}\nEnter the amount:`);
      const confirm = await alice.ussd.press('10');
      const masked = `${national.slice(0, 3)}****${national.slice(-4)}`;
      assert.equal(
        confirm,
        `CON Send to ${masked}\nAmount CN¥10.00\nFee CN¥0.00\nTotal CN¥10.00\n1 Confirm\n0 Back`,
      );
      assert.equal(await alice.ussd.press('1'), 'CON Enter your PIN:');
      assert.equal(await alice.ussd.press(GOOD_PIN), 'CON We sent you an SMS code. Enter it:');
      const code = await suite.api.lastCode(alice.phone);
      assert.equal(await alice.ussd.press(code), `END Sent CN¥10.00 to ${masked}.`);
      assert.equal(await suite.api.balance(bob.token), '10.00');
      // A known payee now: the PIN alone.
      await alice.ussd.dial();
      assert.equal(
        await alice.ussd.press('3', national, '5', '1', GOOD_PIN),
        `END Sent CN¥5.00 to ${masked}.`,
      );
      assert.equal(await suite.api.balance(alice.token), '85.00');
    });

    it('pays a merchant by till code: the name, the amount, the PIN', async () => {
      const alice = await customer();
      const { code } = await shop();
      await alice.ussd.dial();
      assert.equal(await alice.ussd.press('4'), 'CON Pay merchant\nEnter the till code:');
      assert.equal(await alice.ussd.press(code), 'CON Pay Chengdu Fresh Market\nEnter the amount:');
      assert.equal(
        await alice.ussd.press('12.5'),
        'CON Pay CN¥12.50 to Chengdu Fresh Market\nEnter your PIN:',
      );
      assert.equal(await alice.ussd.press(GOOD_PIN), 'END Paid CN¥12.50 to Chengdu Fresh Market.');
      assert.equal(await suite.api.balance(alice.token), '87.50');
      await alice.ussd.dial();
      assert.match(await alice.ussd.press('4', '99999999'), /^CON No merchant has this code\.\nPay merchant/);
    });

    it('answers payment requests from the merchant API: approve with the PIN, decline', async () => {
      const alice = await customer();
      const { driver } = await shop();
      const first = await driver.order({ kind: 'payment_request', amount: '8.80', phone: alice.phone });
      await alice.ussd.dial();
      assert.match(await alice.ussd.press('5'), /^CON Payment requests\n1 Chengdu Fresh M… CN¥8\.80\n0 Back/);
      assert.match(
        await alice.ussd.press('1'),
        /^CON Chengdu Fresh Market asks CN¥8\.80\n.*1 Pay\n2 Decline/s,
      );
      assert.equal(await alice.ussd.press('1'), 'CON Pay CN¥8.80 to Chengdu Fresh Market\nEnter your PIN:');
      assert.equal(await alice.ussd.press(GOOD_PIN), 'END Paid CN¥8.80 to Chengdu Fresh Market.');
      assert.equal((await driver.get(`/orders/${first.id}`)).json<{ status: string }>().status, 'paid');
      const second = await driver.order({ kind: 'payment_request', amount: '3.00', phone: alice.phone });
      await alice.ussd.dial();
      assert.equal(await alice.ussd.press('5', '1', '2'), 'END Request declined.');
      assert.equal((await driver.get(`/orders/${second.id}`)).json<{ status: string }>().status, 'declined');
      await alice.ussd.dial();
      assert.equal(await alice.ussd.press('5'), 'END You have no payment requests.');
      assert.equal(await suite.api.balance(alice.token), '91.20');
    });

    it('pages a long list of payment requests and pays one from the second page', async () => {
      const alice = await customer();
      const { driver } = await shop();
      const orders = new Map<string, string>();
      for (let i = 1; i <= 10; i++) {
        const order = await driver.order({ kind: 'payment_request', amount: `${i}.00`, phone: alice.phone });
        orders.set(`CN¥${i}.00`, order.id);
      }
      await alice.ussd.dial();
      const pages = await allPages(alice.ussd, await alice.ussd.press('5'));
      assert.ok(pages.length > 1, pages.join('\n---\n'));
      const rows = pages.flatMap((page) => page.split('\n').filter((line) => / CN¥\d+\.00$/.test(line)));
      assert.deepEqual(rows.map((row) => row.split(' ').at(-1)).sort(), [...orders.keys()].sort());
      const firstOfSecond = pages[1]?.split('\n')[1] ?? '';
      assert.match(firstOfSecond, /^1 Chengdu Fresh M… CN¥\d+\.00$/);
      const picked = firstOfSecond.split(' ').at(-1) ?? '';
      assert.match(await alice.ussd.press('1'), new RegExp(`^CON Chengdu Fresh Market asks ${picked}\n`));
      assert.equal(await alice.ussd.press('0'), pages[1]);
      assert.equal(await alice.ussd.press('1', '1', GOOD_PIN), `END Paid ${picked} to Chengdu Fresh Market.`);
      const paid = await driver.get(`/orders/${orders.get(picked)}`);
      assert.equal(paid.json<{ status: string }>().status, 'paid');
    });

    it("answers an agent's cash-out request: confirm with the PIN pays the agent's float; decline moves nothing", async () => {
      const bob = await customer();
      const { agent, auth } = await fundedAgent(suite.test, 'Riverside cash point', phones(), '10.00');
      const askCashOut = (amount: string) =>
        gsmaCall(suite.test, 'POST', '/transactions/type/withdrawal', auth, {
          body: { amount, currency: 'CNY', debitParty: msisdn(bob.phone), creditParty: accountId(agent.id) },
        });
      assert.equal((await askCashOut('40.00')).statusCode, 201);
      await bob.ussd.dial();
      assert.match(await bob.ussd.press('5'), /^CON Payment requests\n1 Riverside cash … CN¥40\.00\n0 Back/);
      assert.equal(
        await bob.ussd.press('1'),
        'CON Cash out CN¥40.00 at Riverside cash point?\nNot there? Decline.\n1 Confirm\n2 Decline\n0 Back',
      );
      assert.equal(
        await bob.ussd.press('1'),
        'CON Cash out CN¥40.00 at Riverside cash point\nEnter your PIN:',
      );
      assert.equal(
        await bob.ussd.press(GOOD_PIN),
        'END Cash-out confirmed: take your CN¥40.00 in cash from Riverside cash point.',
      );
      assert.equal(await suite.api.balance(bob.token), '60.00');
      assert.equal(await floatOf(suite.test, agent.id), 5_000n);
      assert.equal((await askCashOut('5.00')).statusCode, 201);
      await bob.ussd.dial();
      assert.equal(await bob.ussd.press('5', '1', '2'), 'END Cash-out declined. No money moved.');
      await bob.ussd.dial();
      assert.equal(await bob.ussd.press('5'), 'END You have no payment requests.');
      assert.equal(await suite.api.balance(bob.token), '60.00');
      assert.equal(await floatOf(suite.test, agent.id), 5_000n);
    });

    it('buys airtime for my number and another as a till payment to the airtime merchant', async () => {
      const { ctx } = suite.test.platform;
      const airtime = await onboardMerchant(suite.test, { name: 'China Mobile Airtime', mcc: '4814' });
      const store = await addStore(ctx, airtime.id, { name: 'Airtime', city: 'Beijing' });
      assert.ok(store.ok);
      assert.ok(
        (await addTill(ctx, airtime.id, { storeId: store.id, name: 'Airtime', code: '80000000' })).ok,
      );
      const alice = await customer();
      await alice.ussd.dial();
      const own = alice.phone.replace('+86', '');
      assert.equal(await alice.ussd.press('6'), 'CON Airtime\n1 My number\n2 Another number');
      assert.equal(await alice.ussd.press('1', '20'), `CON Buy CN¥20.00 airtime for ${own}\nEnter your PIN:`);
      assert.equal(await alice.ussd.press(GOOD_PIN), `END Bought CN¥20.00 airtime for ${own}.`);
      await alice.ussd.dial();
      const other = phones();
      assert.equal(
        await alice.ussd.press('6', '2', other, '5', GOOD_PIN),
        `END Bought CN¥5.00 airtime for ${other}.`,
      );
      const rows = await ctx.db.all<{ reference: string; amount: bigint }>(
        'SELECT reference, amount FROM merchant_payments WHERE merchant_id = $1 ORDER BY amount DESC',
        [airtime.id],
      );
      assert.deepEqual(
        rows.map((row) => [row.reference, row.amount]),
        [
          [alice.phone, 2000n],
          [`+86${other}`, 500n],
        ],
      );
      assert.equal(await suite.api.balance(alice.token), '75.00');
    });
  },
  { env: { MWALLET_AIRTIME_TILL: '80000000' } },
);

describeApi(
  'USSD channel within the tier limits',
  (suite) => {
    it('refuses what is above the per-payment limit: the amount is asked again, a till payment ends', async () => {
      const alice = await customerOf(suite);
      const bob = await customerOf(suite, '0');
      const { code } = await shopOf(suite);
      const national = bob.phone.replace('+86', '');
      await alice.ussd.dial();
      assert.equal(
        await alice.ussd.press('3', national, '60'),
        `CON This is above your limits.\nSend to ${national}\nEnter the amount:`,
      );
      await alice.ussd.dial();
      assert.equal(await alice.ussd.press('4', code, '60', GOOD_PIN), 'END This is above your limits.');
      assert.equal(await suite.api.balance(alice.token), '100.00');
      await alice.ussd.dial();
      assert.equal(
        await alice.ussd.press('4', code, '50', GOOD_PIN),
        'END Paid CN¥50.00 to Chengdu Fresh Market.',
      );
    });
  },
  { env: { MWALLET_TIERS: '{"class_1":{"perTransaction":"50.00"}}' } },
);
