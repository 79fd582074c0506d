// Closing a merchant shuts its ledger account for good, also when the process dies half-way or it closed before.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { newTransferBase } from '../../src/domain/ids.js';
import { decideMerchant } from '../../src/domain/merchants/merchant-onboarding.js';
import { findMerchant } from '../../src/domain/merchants/merchant-queries.js';
import { freezeAccount } from '../../src/domain/wallets/account-freeze.js';
import { ledgerOf, operatorAccountId, TransferCode } from '../../src/domain/wallets/accounts.js';
import { AccountFlags } from '../../src/ledger/types.js';
import { phoneSequence } from '../support/api-assertions.js';
import { describeApi } from '../support/api-suite.js';
import { MerchantDriver, onboardMerchant } from '../support/merchant-driver.js';

const phones = phoneSequence('1371003');

describeApi('closing a merchant', (suite) => {
  const ctx = () => suite.test.platform.ctx;

  async function merchantAccount(id: string) {
    const merchant = await findMerchant(ctx().db, id);
    assert.ok(merchant);
    const [account] = await ctx().ledger.lookupAccounts([merchant.accountId]);
    assert.ok(account);
    const row = await ctx().db.get<{ closing_transfer_id: string | null; account_closed_at: bigint | null }>(
      'SELECT closing_transfer_id, account_closed_at FROM merchants WHERE id = $1',
      [id],
    );
    return { id: merchant.accountId, closed: (account.flags & AccountFlags.closed) !== 0, row };
  }

  /** A transfer of 0.01 into the merchant's account, straight to the ledger: what a payment in flight would do. */
  async function creditMerchant(accountId: bigint) {
    const { currency } = ctx().settings;
    const submitted = await ctx().ledger.createTransfers([
      {
        id: newTransferBase(),
        debitAccountId: operatorAccountId('trust', currency),
        creditAccountId: accountId,
        amount: 1n,
        ledger: ledgerOf(currency),
        code: TransferCode.issuance,
      },
    ]);
    assert.ok(submitted.ok);
    return submitted.results[0];
  }

  it('shuts a closed merchant’s ledger account for good: a payment settling after closing is refused', async () => {
    const { id } = await onboardMerchant(suite.test);
    const closed = await decideMerchant(ctx(), id, 'close', 'staff:test', 'stopped trading');
    assert.ok(closed.ok, closed.ok ? '' : closed.error);
    const account = await merchantAccount(id);
    assert.ok(account.closed);
    assert.notEqual(account.row?.account_closed_at, null, 'the freeze was made permanent');
    const freeze = BigInt(account.row?.closing_transfer_id ?? 0);
    assert.equal(await ctx().ledger.pendingState(freeze), 'posted');
    suite.test.advance(120_000);
    assert.equal(
      await creditMerchant(account.id),
      'account_closed',
      'still closed after the freeze would have run out',
    );
  });

  it('refuses to close a merchant holding money, and leaves its account open', async () => {
    const shop = new MerchantDriver(suite.test, await onboardMerchant(suite.test));
    const customer = await suite.api.register(phones());
    await suite.api.fund(customer.phone, '10.00');
    await shop.paidBy(suite.api, customer, '5.00');
    const refused = await decideMerchant(ctx(), shop.merchant.id, 'close', 'staff:test', 'stopped trading');
    assert.deepEqual(refused, { ok: false, error: 'merchant_balance_not_zero' });
    assert.equal((await merchantAccount(shop.merchant.id)).closed, false);
    assert.equal(await creditMerchant((await merchantAccount(shop.merchant.id)).id), 'ok');
  });

  it('makes permanent a freeze left by a closure that died before sealing it, even after it ran out', async () => {
    for (const late of [false, true]) {
      const { id } = await onboardMerchant(suite.test);
      const { id: accountId } = await merchantAccount(id);
      const transferId = newTransferBase();
      // What a closure leaves when it dies between recording the closure and sealing its freeze.
      assert.ok(await freezeAccount(ctx(), { transferId, account: accountId, timeoutSeconds: 60 }));
      await ctx().db.run("UPDATE merchants SET status = 'closed', closing_transfer_id = $1 WHERE id = $2", [
        transferId.toString(),
        id,
      ]);
      if (late) {
        suite.test.advance(61_000);
        assert.equal(await creditMerchant(accountId), 'ok', 'the freeze ran out: the account reopened');
      }
      await suite.test.platform.runJobs();
      const account = await merchantAccount(id);
      assert.ok(account.closed, late ? 'closed again' : 'sealed');
      assert.notEqual(account.row?.account_closed_at, null);
      suite.test.advance(61_000);
      assert.equal(await creditMerchant(accountId), 'account_closed');
      if (late) {
        const flagged = await ctx().db.all<{ subject: string }>(
          "SELECT subject FROM audit_log WHERE action = 'merchant.closed_holding_money'",
        );
        assert.ok(
          flagged.some((row) => row.subject === `merchant:${id}`),
          'the money that landed is on the audit log',
        );
      }
    }
  });
});
