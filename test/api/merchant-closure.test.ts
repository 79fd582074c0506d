// Closing a merchant shuts its ledger account for good, also when money races in, the process dies, or it closed before.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { newTransferBase } from '../../src/domain/ids.js';
import { decideMerchant } from '../../src/domain/merchants/merchant-onboarding.js';
import { findMerchant } from '../../src/domain/merchants/merchant-queries.js';
import { freezeAccount } from '../../src/domain/wallets/account-freeze.js';
import { ledgerOf, operatorAccountId, TransferCode } from '../../src/domain/wallets/accounts.js';
import { CLOSURE_CLAIM_MS } from '../../src/domain/wallets/closing-claims.js';
import type { Ledger } from '../../src/ledger/ledger.js';
import { AccountFlags } from '../../src/ledger/types.js';
import { describeApi } from '../support/api-suite.js';
import { MerchantDriver, onboardMerchant } from '../support/merchant-driver.js';

describeApi('closing a merchant', (suite) => {
  const ctx = () => suite.test.platform.ctx;

  async function merchantAccount(id: string) {
    const merchant = await findMerchant(ctx().db, id);
    assert.ok(merchant);
    const [account] = await ctx().ledger.lookupAccounts([merchant.accountId]);
    assert.ok(account);
    const row = await ctx().db.get<{ closing_transfer_id: string | null; closing_until: bigint | null }>(
      'SELECT closing_transfer_id, closing_until FROM merchants WHERE id = $1',
      [id],
    );
    const closed = (account.flags & AccountFlags.closed) !== 0;
    return { id: merchant.accountId, status: merchant.status, closed, row, account };
  }

  /** A transfer of 0.01 into the merchant's account, straight to the ledger: what a payment settling would do. */
  async function creditMerchant(accountId: bigint, ledger: Ledger = ctx().ledger) {
    const { currency } = ctx().settings;
    const submitted = await ledger.createTransfers([
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

  const close = (id: string, context = ctx()) =>
    decideMerchant(context, id, 'close', 'staff:test', 'stopped trading');

  it('shuts a closed merchant’s ledger account for good: a payment settling after closing is refused', async () => {
    const { id } = await onboardMerchant(suite.test);
    const closed = await close(id);
    assert.ok(closed.ok, closed.ok ? '' : closed.error);
    const account = await merchantAccount(id);
    assert.ok(account.closed);
    assert.equal(account.row?.closing_until, null, 'the claim is done');
    assert.equal(await ctx().ledger.pendingState(BigInt(account.row?.closing_transfer_id ?? 0)), 'pending');
    suite.test.advance(10 * CLOSURE_CLAIM_MS);
    await suite.test.platform.runJobs();
    assert.equal(await creditMerchant(account.id), 'account_closed', 'still closed, however long after');
  });

  it('refuses to close a merchant when money lands just before its account shuts, and reopens it', async () => {
    const shop = new MerchantDriver(suite.test, await onboardMerchant(suite.test));
    const { id: accountId } = await merchantAccount(shop.merchant.id);
    const base = ctx();
    let raced = false;
    // A payment settles between the balance read before closing and the freeze: the freeze must not hide it.
    const createTransfers: Ledger['createTransfers'] = async (batch) => {
      if (!raced && batch.some((t) => t.code === TransferCode.closure)) {
        raced = true;
        assert.equal(await creditMerchant(accountId, base.ledger), 'ok');
      }
      return base.ledger.createTransfers(batch);
    };
    const ledger = new Proxy(base.ledger, {
      get: (target, key) => (key === 'createTransfers' ? createTransfers : Reflect.get(target, key)),
    });
    assert.deepEqual(await close(shop.merchant.id, { ...base, ledger }), {
      ok: false,
      error: 'merchant_balance_not_zero',
    });
    const account = await merchantAccount(shop.merchant.id);
    assert.equal(account.status, 'active');
    assert.equal(account.closed, false, 'the account reopened');
    assert.equal(account.row?.closing_transfer_id, null, 'the claim is gone');
    assert.equal(account.account.creditsPosted, 1n);
  });

  it('reopens a merchant whose closing attempt died after freezing it, once the claim runs out, suspended or not', async () => {
    const { id } = await onboardMerchant(suite.test);
    const { id: accountId } = await merchantAccount(id);
    const transferId = newTransferBase();
    // What an attempt leaves behind when it dies between the ledger's freeze and recording the closure.
    await ctx().db.run('UPDATE merchants SET closing_transfer_id = $1, closing_until = $2 WHERE id = $3', [
      transferId.toString(),
      BigInt(ctx().clock() + CLOSURE_CLAIM_MS),
      id,
    ]);
    assert.ok(await freezeAccount(ctx(), { transferId, account: accountId }));
    assert.deepEqual(await close(id), {
      ok: false,
      error: 'merchant_state',
      detail: 'changed by someone else; try again',
    });
    // Staff suspend the merchant meanwhile: that leaves the claim for the recovery job to undo.
    const suspended = await decideMerchant(ctx(), id, 'suspend', 'staff:test', 'review');
    assert.ok(suspended.ok);
    await suite.test.platform.runJobs();
    assert.ok((await merchantAccount(id)).closed, 'a claim still running is left alone');
    suite.test.advance(CLOSURE_CLAIM_MS);
    await suite.test.platform.runJobs();
    assert.equal((await merchantAccount(id)).closed, false);
    assert.equal(await creditMerchant(accountId), 'ok');
  });

  it('shuts the accounts of merchants closed before closing did, and flags one holding money once', async () => {
    const { id } = await onboardMerchant(suite.test);
    const { id: accountId } = await merchantAccount(id);
    assert.equal(await creditMerchant(accountId), 'ok');
    await ctx().db.run("UPDATE merchants SET status = 'closed' WHERE id = $1", [id]);
    await suite.test.platform.runJobs();
    await suite.test.platform.runJobs();
    assert.ok((await merchantAccount(id)).closed);
    assert.equal(await creditMerchant(accountId), 'account_closed');
    const flagged = await ctx().db.all<{ subject: string }>(
      "SELECT subject FROM audit_log WHERE action = 'merchant.closed_holding_money' AND subject = $1",
      [`merchant:${id}`],
    );
    assert.equal(flagged.length, 1);
  });
});
