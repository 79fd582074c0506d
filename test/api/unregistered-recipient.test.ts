// Money to a number with no wallet: held with an SMS to the number, claimed on registration, or returned on expiry.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp, type TestStorage } from '../../src/channels/http/test-app.js';
import { DAY_MS } from '../../src/domain/clock.js';
import { ApiDriver } from '../support/api-driver.js';

for (const storage of ['sqlite', 'postgres'] satisfies TestStorage[]) {
  describe(`P2P to an unregistered number (${storage})`, () => {
    let test: TestApp;
    let api: ApiDriver;
    before(async () => {
      test = await createTestApp({ storage });
      api = new ApiDriver(test);
    });
    after(() => test.close());

    it('holds the money, texts the number, and pays it into the wallet opened with that number', async () => {
      const sender = await api.register('13900139001');
      await api.fund(sender.phone, '300.00');
      const quote = await api.quote(sender, '13900139002', '80.00');
      assert.equal(quote.statusCode, 201, quote.body);
      assert.equal(quote.json<{ recipient: { registered: boolean } }>().recipient.registered, false);
      const sent = await api.pay(sender, '13900139002', '80.00');
      assert.equal(sent.statusCode, 201, sent.body);
      const payment = sent.json<{ id: string; status: string; claimExpiresAt: string }>();
      assert.equal(payment.status, 'awaiting_claim');
      assert.ok(Date.parse(payment.claimExpiresAt) - Date.now() > 6 * DAY_MS);
      assert.equal(await api.balance(sender.token), '220.00');
      const invitation = await api.smsTo('13900139002');
      assert.ok(
        invitation.some((t) => t.includes('80.00')),
        invitation.join(' | '),
      );

      const recipient = await api.register('13900139002');
      assert.equal(await api.balance(recipient.token), '80.00');
      const status = await api.get(`/api/v1/p2p/transfers/${payment.id}`, sender.token);
      assert.equal(status.json<{ status: string }>().status, 'claimed');
      const history = await api.get('/api/v1/wallet/statement', recipient.token);
      const [entry] = history.json<{ entries: { type: string; amount: string; balance: string }[] }>()
        .entries;
      assert.deepEqual([entry?.type, entry?.amount, entry?.balance], ['p2p_received', '80.00', '80.00']);
    });

    it('returns the money to the sender when nobody claims it within 7 days', async () => {
      const sender = await api.register('13900139003');
      await api.fund(sender.phone, '100.00');
      const sent = await api.pay(sender, '13900139004', '25.00');
      assert.equal(sent.statusCode, 201, sent.body);
      const { id } = sent.json<{ id: string }>();
      assert.equal(await api.balance(sender.token), '75.00');

      test.advance(7 * DAY_MS + 1000);
      assert.equal(await test.ledger.expirePendingTransfers(), 1);
      await test.platform.runJobs();
      assert.equal(await api.balance(sender.token), '100.00');
      const status = await api.get(`/api/v1/p2p/transfers/${id}`, sender.token);
      assert.equal(status.json<{ status: string }>().status, 'returned');
      const texts = await api.smsTo(sender.phone);
      assert.ok(texts[0]?.includes('25.00'), texts.join(' | '));

      // Registering afterwards claims nothing: the money went back.
      const late = await api.register('13900139004');
      assert.equal(await api.balance(late.token), '0.00');
    });
  });
}
