// Creates the accounts of the load/fault tests and funds every customer-like account from an issuer account.
import { createLedger } from '../../src/ledger/ledger.js';
import { AccountFlags, type AccountInput, type TransferInput } from '../../src/ledger/types.js';
import type { LedgerStore } from '../../src/storage/port.js';
import { ISSUER, LEDGER, type TrafficShape } from './random-transfers.js';

export const FUNDING_PER_ACCOUNT = 10_000n;

export async function setUpBooks(store: LedgerStore, shape: TrafficShape): Promise<void> {
  const ledger = createLedger(store, { expiryIntervalMs: 0 });
  const accounts: AccountInput[] = [{ id: ISSUER, ledger: LEDGER, code: 9 }];
  const funding: TransferInput[] = [];
  for (let i = 1; i <= shape.accounts; i++) {
    accounts.push({ id: BigInt(i), ledger: LEDGER, code: 1, flags: AccountFlags.debitsMustNotExceedCredits });
    funding.push({
      id: BigInt(i),
      debitAccountId: ISSUER,
      creditAccountId: BigInt(i),
      amount: FUNDING_PER_ACCOUNT,
      ledger: LEDGER,
      code: 2,
    });
  }
  const created = await ledger.createAccounts(accounts);
  const funded = await ledger.createTransfers(funding);
  await ledger.close();
  const failures = [created, funded].flatMap((r) => (r.ok ? r.results.filter((x) => x !== 'ok') : [r.error]));
  if (failures.length > 0) throw new Error(`setting up the books failed: ${failures.slice(0, 5).join(', ')}`);
}
