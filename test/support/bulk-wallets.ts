// Opens many wallets at once for volume tests: the domain's own rows and ledger accounts, one PIN verifier shared.
import assert from 'node:assert/strict';
import type { TestApp } from '../../src/channels/http/test-app.js';
import { createPinVerifier } from '../../src/domain/customers/pin-hash.js';
import { insertCustomer } from '../../src/domain/customers/registration.js';
import { newAccountId, newId } from '../../src/domain/ids.js';
import { AccountCode, ledgerOf } from '../../src/domain/wallets/accounts.js';
import { AccountFlags } from '../../src/ledger/types.js';
import { GOOD_PIN } from './api-driver.js';

const CHUNK = 1000;

/**
 * Opens `count` class I wallets for the numbers +86 `first`, `first + 1`, …, as registration writes them (without
 * the SMS codes and devices of the app flow, and with one slow PIN hash for all). Answers their numbers.
 */
export async function openWallets(test: TestApp, first: number, count: number): Promise<string[]> {
  const { ctx } = test.platform;
  const verifier = await createPinVerifier(ctx.keys.pinPepper, GOOD_PIN);
  const phones = Array.from({ length: count }, (_, i) => `+86${first + i}`);
  for (let start = 0; start < count; start += CHUNK) {
    const wallets = phones.slice(start, start + CHUNK).map((phone) => ({ phone, account: newAccountId() }));
    const opened = await ctx.ledger.createAccounts(
      wallets.map(({ account }) => ({
        id: account,
        ledger: ledgerOf(ctx.settings.currency),
        code: AccountCode.customerWallet,
        flags: AccountFlags.debitsMustNotExceedCredits,
      })),
    );
    assert.ok(opened.ok && opened.results.every((result) => result === 'ok'));
    await ctx.db.transaction(async (tx) => {
      for (const { phone, account } of wallets) {
        await insertCustomer(tx, {
          id: newId('cus'),
          phone,
          walletAccountId: account,
          locale: 'en',
          verifier,
          createdAt: ctx.clock(),
        });
      }
    });
  }
  return phones;
}
