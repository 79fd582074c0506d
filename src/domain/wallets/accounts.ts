// The chart of accounts in the ledger: customer wallets and the operator's own accounts, one set per currency.
import type { Ledger } from '../../ledger/ledger.js';
import { AccountFlags, type AccountInput } from '../../ledger/types.js';
import { type CurrencyCode, currencyOf } from '../../money/index.js';

/** Account codes (the account's type in the ledger). */
export const AccountCode = {
  /** A customer's cash account: its balance (credits − debits) never goes negative. */
  customerWallet: 1,
  /** A merchant's account: payments in, fees and refunds out; never negative. */
  merchant: 2,
  /** An agent's float: e-money it bought from the operator, paid out on cash-in, refilled on cash-out; never negative. */
  agentFloat: 3,
  /** Mirror of the trust bank account: debited for every unit of e-money issued (an asset). */
  trust: 10,
  /** Fees earned by the operator. */
  feeRevenue: 11,
  /** Money sent to numbers not yet registered, held until claimed or returned. */
  unclaimedHolding: 12,
  /** Money whose owner is not yet known; cleared by staff. */
  suspense: 13,
} as const;

/** Transfer codes (what a movement is, for history and reports). */
export const TransferCode = {
  p2p: 1,
  p2pFee: 2,
  issuance: 3,
  claim: 4,
  merchantPayment: 5,
  merchantFee: 6,
  refund: 7,
  reversal: 8,
  feeReversal: 9,
  disbursement: 10,
  adjustment: 11,
  /** The operator sells float to an agent (trust mirror → agent's float). */
  agentFloat: 12,
  /** Cash-in at an agent: agent's float → wallet. */
  deposit: 13,
  /** Cash-out at an agent: wallet → agent's float. */
  withdrawal: 14,
  /** Closing a wallet: a pending transfer of 0 that shuts its account (never shown in its history). */
  closure: 15,
} as const;

export type OperatorAccount = 'trust' | 'feeRevenue' | 'unclaimedHolding' | 'suspense';

/** The ledger number of a currency: its ISO 4217 numeric code (CNY → 156). */
export function ledgerOf(currency: CurrencyCode): number {
  const found = currencyOf(currency);
  if (!found.ok) throw new Error(`unknown currency ${currency}`);
  return Number(found.currency.numeric);
}

/** Operator accounts have small fixed ids (code × 2^32 + ledger); wallet ids are random and have bit 127 set. */
export function operatorAccountId(account: OperatorAccount, currency: CurrencyCode): bigint {
  return (BigInt(AccountCode[account]) << 32n) | BigInt(ledgerOf(currency));
}

const OPERATOR_ACCOUNT_FLAGS: Record<OperatorAccount, number> = {
  // The trust mirror is debit-normal: it can never hold more credits than debits.
  trust: AccountFlags.creditsMustNotExceedDebits,
  feeRevenue: AccountFlags.debitsMustNotExceedCredits,
  unclaimedHolding: AccountFlags.debitsMustNotExceedCredits,
  suspense: AccountFlags.none,
};

/** Creates the operator's accounts for a currency if they do not exist yet (idempotent). */
export async function ensureOperatorAccounts(ledger: Ledger, currency: CurrencyCode): Promise<void> {
  const accounts: AccountInput[] = (Object.keys(OPERATOR_ACCOUNT_FLAGS) as OperatorAccount[]).map(
    (account) => ({
      id: operatorAccountId(account, currency),
      ledger: ledgerOf(currency),
      code: AccountCode[account],
      flags: OPERATOR_ACCOUNT_FLAGS[account],
    }),
  );
  const submitted = await ledger.createAccounts(accounts);
  if (!submitted.ok) throw new Error(`ledger refused operator accounts: ${submitted.error}`);
  const failed = submitted.results.find((r) => r !== 'ok' && r !== 'exists');
  if (failed) throw new Error(`operator accounts: ${failed}`);
}

/** Opens a customer's cash account (or, with `code`, a merchant's); idempotent for the same id. */
export async function openWalletAccount(
  ledger: Ledger,
  id: bigint,
  currency: CurrencyCode,
  code: number = AccountCode.customerWallet,
): Promise<'ok' | 'unavailable'> {
  const submitted = await ledger.createAccounts([
    { id, ledger: ledgerOf(currency), code, flags: AccountFlags.debitsMustNotExceedCredits },
  ]);
  if (!submitted.ok) return 'unavailable';
  const [result] = submitted.results;
  if (result === 'ok' || result === 'exists') return 'ok';
  throw new Error(`account ${id}: ${result}`);
}

/** The spendable balance of a wallet: posted credits − posted debits − pending debits. */
export async function walletBalance(ledger: Ledger, id: bigint): Promise<bigint> {
  const [balance = 0n] = await walletBalances(ledger, [id]);
  return balance;
}

/** The spendable balances of several wallets, in the order asked, read together (0 for a wallet not found). */
export async function walletBalances(ledger: Ledger, ids: bigint[]): Promise<bigint[]> {
  const accounts = new Map((await ledger.lookupAccounts(ids)).map((a) => [a.id, a]));
  return ids.map((id) => {
    const account = accounts.get(id);
    return account ? account.creditsPosted - account.debitsPosted - account.debitsPending : 0n;
  });
}
