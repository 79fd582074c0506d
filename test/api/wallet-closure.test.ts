// Closing a wallet shuts its ledger account: no path can credit it afterwards; a refused or abandoned attempt reopens it.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { closeWallet } from '../../src/domain/customers/closure.js';
import { findCustomer } from '../../src/domain/customers/customer-queries.js';
import { newTransferBase } from '../../src/domain/ids.js';
import { findMerchant } from '../../src/domain/merchants/merchant-queries.js';
import { freezeAccount } from '../../src/domain/wallets/account-freeze.js';
import { CLOSURE_CLAIM_MS } from '../../src/domain/wallets/closing-claims.js';
import { AccountFlags } from '../../src/ledger/types.js';
import type { SqlDatabase } from '../../src/storage/sql/sql-database.js';
import { phoneSequence, refusedWith } from '../support/api-assertions.js';
import { type Customer, GOOD_PIN } from '../support/api-driver.js';
import { describeApi } from '../support/api-suite.js';
import { MerchantDriver, onboardMerchant } from '../support/merchant-driver.js';

const phones = phoneSequence('1371002');

describeApi('closing a wallet', (suite) => {
  const ctx = () => suite.test.platform.ctx;

  async function walletOf(customer: Customer) {
    const found = await findCustomer(ctx().db, customer.customerId);
    assert.ok(found);
    const [account] = await ctx().ledger.lookupAccounts([found.walletAccountId]);
    assert.ok(account);
    return { id: found.walletAccountId, closed: (account.flags & AccountFlags.closed) !== 0, account };
  }

  async function close(customer: Customer, verificationToken?: string) {
    const token = verificationToken ?? (await suite.api.verify(customer.phone, 'close', customer.token));
    return suite.api.post(
      '/api/v1/me/closure',
      { pin: GOOD_PIN, verificationToken: token },
      { token: customer.token },
    );
  }

  it('shuts the account in the ledger: a merchant refund after closing is refused and the merchant keeps its money', async () => {
    const shop = new MerchantDriver(suite.test, await onboardMerchant(suite.test));
    const customer = await suite.api.register(phones());
    await suite.api.fund(customer.phone, '100.00');
    const paymentId = await shop.paidBy(suite.api, customer, '100.00');
    const closed = await close(customer);
    assert.equal(closed.statusCode, 200, closed.body);
    assert.ok((await walletOf(customer)).closed, 'the closed wallet is closed in the ledger too');
    const merchant = await findMerchant(ctx().db, shop.merchant.id);
    assert.ok(merchant);
    const [merchantBefore] = await ctx().ledger.lookupAccounts([merchant.accountId]);
    const refund = await shop.post(`/payments/${paymentId}/refunds`, {
      amount: '100.00',
      reason: 'order cancelled',
    });
    refusedWith(refund, 'account_closed');
    assert.deepEqual(await ctx().ledger.lookupAccounts([merchant.accountId]), [merchantBefore]);
    const wallet = await walletOf(customer);
    assert.equal(wallet.account.creditsPosted - wallet.account.debitsPosted, 0n);
    assert.equal(wallet.account.creditsPending, 0n);
  });

  it('leaves a wallet open when closing is refused, with nothing of the attempt in its history', async () => {
    const customer = await suite.api.register(phones());
    refusedWith(await close(customer, 'not-a-real-token'), 'verification_invalid');
    assert.equal((await walletOf(customer)).closed, false);
    const touched = await ctx().ledger.getAccountTransfers({
      accountId: (await walletOf(customer)).id,
      limit: 10,
    });
    assert.deepEqual(touched, [], 'a wrong code is refused before the wallet is frozen');
    const claim = await ctx().db.get<{ closing_transfer_id: string | null }>(
      'SELECT closing_transfer_id FROM customers WHERE id = $1',
      [customer.customerId],
    );
    assert.equal(claim?.closing_transfer_id, null);
    await suite.api.fund(customer.phone, '5.00');
    const friend = await suite.api.register(phones());
    assert.equal((await suite.api.pay(customer, friend.phone, '1.00')).statusCode, 201);
    const history = await suite.api.get('/api/v1/wallet/history', customer.token);
    assert.equal(history.statusCode, 200, history.body);
    const types = history.json<{ entries: { type: string }[] }>().entries.map((e) => e.type);
    assert.deepEqual(types.sort(), ['p2p_sent', 'top_up']);
    refusedWith(await close(customer), 'balance_not_zero');
    assert.equal(
      (await walletOf(customer)).closed,
      false,
      'a wallet holding money is not frozen to be refused',
    );
  });

  it('reopens a wallet whose closing attempt died after freezing it, once the claim runs out', async () => {
    const customer = await suite.api.register(phones());
    const sender = await suite.api.register(phones());
    await suite.api.fund(sender.phone, '10.00');
    const wallet = await walletOf(customer);
    const code = await suite.api.verify(customer.phone, 'close', customer.token);
    // Sending SMS codes moves the test clock on by a minute each (past their rate limit): the claim outlasts them.
    const CLAIM_LEFT = 5 * CLOSURE_CLAIM_MS;
    const transferId = newTransferBase();
    // What an attempt leaves behind when it dies between the ledger's freeze and recording the closure.
    await ctx().db.run('UPDATE customers SET closing_transfer_id = $1, closing_until = $2 WHERE id = $3', [
      transferId.toString(),
      BigInt(ctx().clock() + CLAIM_LEFT),
      customer.customerId,
    ]);
    assert.ok(await freezeAccount(ctx(), { transferId, account: wallet.id }));
    refusedWith(await suite.api.pay(sender, customer.phone, '1.00'), 'recipient_unavailable');
    refusedWith(await close(customer, code), 'closure_in_progress');
    await suite.test.platform.runJobs();
    assert.ok((await walletOf(customer)).closed, 'a claim still running is left alone');
    suite.test.advance(CLAIM_LEFT);
    await suite.test.platform.runJobs();
    assert.equal((await walletOf(customer)).closed, false);
    assert.equal((await suite.api.pay(sender, customer.phone, '1.00')).statusCode, 201);
    assert.equal(await suite.api.balance(customer.token), '1.00');
  });
  it('keeps a closure whose answer was lost: the wallet stays closed in the ledger', async () => {
    const customer = await suite.api.register(phones());
    const code = await suite.api.verify(customer.phone, 'close', customer.token);
    const base = ctx();
    const transaction: SqlDatabase['transaction'] = async (work, options) => {
      const result = await base.db.transaction(work, options);
      // The closure committed, then its acknowledgement was lost (a failed fsync, a dropped connection).
      const closed = (await findCustomer(base.db, customer.customerId))?.status === 'closed';
      if (closed) throw new Error('connection lost after COMMIT');
      return result;
    };
    const db = new Proxy(base.db, {
      get: (target, key) => (key === 'transaction' ? transaction : Reflect.get(target, key)),
    });
    await assert.rejects(
      closeWallet({ ...base, db }, customer.customerId, { pin: GOOD_PIN, verificationToken: code }),
    );
    const stored = await findCustomer(base.db, customer.customerId);
    assert.equal(stored?.status, 'closed');
    assert.ok((await walletOf(customer)).closed, 'the closed wallet was not reopened');
  });

  it('freezes the ledger accounts of wallets closed before closing did, and flags one that holds money', async () => {
    const empty = await suite.api.register(phones());
    const holding = await suite.api.register(phones());
    await suite.api.fund(holding.phone, '3.00');
    // How closing left a wallet before: closed in the table only.
    for (const customer of [empty, holding]) {
      await ctx().db.run("UPDATE customers SET status = 'closed' WHERE id = $1", [customer.customerId]);
    }
    await suite.test.platform.runJobs();
    assert.ok((await walletOf(empty)).closed);
    assert.ok((await walletOf(holding)).closed);
    const flagged = await ctx().db.all<{ subject: string }>(
      "SELECT subject FROM audit_log WHERE action = 'customer.closed_holding_money'",
    );
    assert.deepEqual(
      flagged.map((row) => row.subject),
      [`customer:${holding.customerId}`],
    );
    await suite.test.platform.runJobs();
    assert.equal(
      (await ctx().ledger.getAccountTransfers({ accountId: (await walletOf(empty)).id, limit: 10 })).length,
      1,
      'frozen once',
    );
  });
});
