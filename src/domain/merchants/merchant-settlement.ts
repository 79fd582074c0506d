// The merchant's settlement account: its balance on the ledger and the bank account payouts go to (changed by owners, audited).
import { formatAmount } from '../../money/index.js';
import { recordAudit } from '../audit/audit-log.js';
import type { DomainContext } from '../context.js';
import { walletBalance } from '../wallets/accounts.js';
import type { Merchant } from './merchant.js';
import { type BankDetails, invalidBankDetails } from './merchant-onboarding.js';

export interface SettlementAccount {
  currency: string;
  /** What the merchant holds now: payments in, less fees, refunds and money held for pending refunds. */
  balance: string;
  bankName: string;
  accountHolder: string;
  /** Only the last 4 characters are shown. */
  accountNumberMasked: string;
}

/** A bank account number as shown: `**** 8901`. */
export const maskAccountNumber = (number: string): string => `**** ${number.slice(-4)}`;

export async function settlementAccount(ctx: DomainContext, merchant: Merchant): Promise<SettlementAccount> {
  const balance = await walletBalance(ctx.ledger, merchant.accountId);
  return {
    currency: ctx.settings.currency,
    balance: formatAmount({ value: balance, currency: ctx.settings.currency }),
    bankName: merchant.bankName,
    accountHolder: merchant.bankAccountHolder,
    accountNumberMasked: maskAccountNumber(merchant.bankAccountNumber),
  };
}

export type BankChangeResult = { ok: true } | { ok: false; error: 'invalid_bank_account'; detail: string };

/** Records new payout bank details; audited with the last 4 digits only (never the whole number). */
export async function changeBankAccount(
  ctx: DomainContext,
  merchant: Merchant,
  details: BankDetails,
  actor: string,
): Promise<BankChangeResult> {
  const invalid = invalidBankDetails(details);
  if (invalid) return { ok: false, error: 'invalid_bank_account', detail: invalid };
  const now = ctx.clock();
  await ctx.db.transaction(async (tx) => {
    await tx.run(
      `UPDATE merchants SET bank_name = $1, bank_account_number = $2, bank_account_holder = $3, updated_at = $4
       WHERE id = $5`,
      [details.bankName, details.bankAccountNumber, details.bankAccountHolder, BigInt(now), merchant.id],
    );
    await recordAudit(
      tx,
      {
        actor,
        action: 'merchant.bank_account.change',
        subject: `merchant:${merchant.id}`,
        details: {
          bankName: details.bankName,
          accountHolder: details.bankAccountHolder,
          last4: details.bankAccountNumber.slice(-4),
          previousLast4: merchant.bankAccountNumber.slice(-4),
        },
      },
      now,
    );
  });
  return { ok: true };
}
