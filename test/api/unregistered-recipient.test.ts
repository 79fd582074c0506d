// Money to a number with no wallet: held with an SMS to the number, claimed on registration, or returned on expiry.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { DAY_MS } from '../../src/domain/clock.js';
import { describeApi } from '../support/api-suite.js';

describeApi('P2P to an unregistered number', (suite) => {
  it('holds the money, texts the number, and pays it into the wallet opened with that number', async () => {
    const sender = await suite.api.register('13900139001');
    await suite.api.fund(sender.phone, '300.00');
    const quote = await suite.api.quote(sender, '13900139002', '80.00');
    assert.equal(quote.statusCode, 201, quote.body);
    assert.equal(quote.json<{ recipient: { registered: boolean } }>().recipient.registered, false);
    const sent = await suite.api.pay(sender, '13900139002', '80.00');
    assert.equal(sent.statusCode, 201, sent.body);
    const payment = sent.json<{ id: string; status: string; claimExpiresAt: string }>();
    assert.equal(payment.status, 'awaiting_claim');
    assert.ok(Date.parse(payment.claimExpiresAt) - Date.now() > 6 * DAY_MS);
    assert.equal(await suite.api.balance(sender.token), '220.00');
    const invitation = await suite.api.smsTo('13900139002');
    assert.ok(
      invitation.some((t) => t.includes('80.00')),
      invitation.join(' | '),
    );

    const recipient = await suite.api.register('13900139002');
    assert.equal(await suite.api.balance(recipient.token), '80.00');
    const status = await suite.api.get(`/api/v1/p2p/transfers/${payment.id}`, sender.token);
    assert.equal(status.json<{ status: string }>().status, 'claimed');
    const history = await suite.api.get('/api/v1/wallet/statement', recipient.token);
    const [entry] = history.json<{ entries: { type: string; amount: string; balance: string }[] }>().entries;
    assert.deepEqual([entry?.type, entry?.amount, entry?.balance], ['p2p_received', '80.00', '80.00']);
  });

  it('returns the money to the sender when nobody claims it within 7 days', async () => {
    const sender = await suite.api.register('13900139003');
    await suite.api.fund(sender.phone, '100.00');
    const sent = await suite.api.pay(sender, '13900139004', '25.00');
    assert.equal(sent.statusCode, 201, sent.body);
    const { id } = sent.json<{ id: string }>();
    assert.equal(await suite.api.balance(sender.token), '75.00');

    suite.test.advance(7 * DAY_MS + 1000);
    assert.equal(await suite.test.ledger.expirePendingTransfers(), 1);
    await suite.test.platform.runJobs();
    assert.equal(await suite.api.balance(sender.token), '100.00');
    const status = await suite.api.get(`/api/v1/p2p/transfers/${id}`, sender.token);
    assert.equal(status.json<{ status: string }>().status, 'returned');
    const texts = await suite.api.smsTo(sender.phone);
    assert.ok(texts[0]?.includes('25.00'), texts.join(' | '));

    // Registering afterwards claims nothing: the money went back.
    const late = await suite.api.register('13900139004');
    assert.equal(await suite.api.balance(late.token), '0.00');
  });
});
