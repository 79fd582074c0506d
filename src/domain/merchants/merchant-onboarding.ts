// Staff onboarding of merchants: application (pending review), approval with its ledger account, suspension, closure.
import { recordAudit } from '../audit/audit-log.js';
import type { DomainContext } from '../context.js';
import { normalizePhone } from '../customers/phone.js';
import { newAccountId, newId } from '../ids.js';
import { AccountCode, openWalletAccount, walletBalance } from '../wallets/accounts.js';
import type { Claim } from '../wallets/closing-claims.js';
import type { Merchant, MerchantStatus } from './merchant.js';
import { closeMerchantAccount } from './merchant-closure.js';
import { findMerchant } from './merchant-queries.js';
import { endPortalSessions } from './portal-sessions.js';

export interface MerchantApplication {
  name: string;
  mcc: string;
  licenceNumber: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  city: string;
  bankName: string;
  bankAccountNumber: string;
  bankAccountHolder: string;
  /** Requests per minute allowed on the merchant API (default 600). */
  rateLimitPerMinute?: number;
}

export type OnboardingError =
  | 'invalid_merchant'
  | 'licence_taken'
  | 'merchant_not_found'
  | 'merchant_state'
  | 'merchant_balance_not_zero'
  | 'service_unavailable';

export type OnboardingResult =
  | { ok: true; merchant: Merchant }
  | { ok: false; error: OnboardingError; detail?: string };

const DEFAULT_RATE_LIMIT = 600;

const RULES: [keyof MerchantApplication, RegExp, string][] = [
  ['name', /^[^\p{C}]{1,100}$/u, 'a business name of 1–100 characters'],
  ['mcc', /^\d{4}$/, 'a 4-digit merchant category code'],
  ['licenceNumber', /^[0-9A-Z-]{6,32}$/, 'a licence number of 6–32 capital letters and digits'],
  ['contactName', /^[^\p{C}]{1,100}$/u, 'a contact name of 1–100 characters'],
  ['contactEmail', /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,63}$/, 'an email address'],
  ['city', /^[^\p{C}]{1,50}$/u, 'a city of 1–50 characters'],
  ['bankName', /^[^\p{C}]{1,100}$/u, 'a bank name of 1–100 characters'],
  ['bankAccountNumber', /^[0-9A-Z]{8,34}$/, 'a bank account number of 8–34 digits or capital letters'],
  ['bankAccountHolder', /^[^\p{C}]{1,100}$/u, 'an account holder of 1–100 characters'],
];

/** The first of the rules the details break, as `field: what is wanted`. */
function firstBroken(details: Partial<MerchantApplication>, rules: typeof RULES): string | undefined {
  for (const [field, pattern, wanted] of rules) {
    const value = details[field];
    if (typeof value !== 'string' || !pattern.test(value) || value.trim() !== value)
      return `${field}: ${wanted}`;
  }
  return undefined;
}

const BANK_FIELDS = ['bankName', 'bankAccountNumber', 'bankAccountHolder'] as const;
export type BankDetails = Pick<MerchantApplication, (typeof BANK_FIELDS)[number]>;

/** Why settlement bank details are not valid, if they are not (the rules of the application). */
export function invalidBankDetails(details: BankDetails): string | undefined {
  const bankRules = RULES.filter(([field]) => (BANK_FIELDS as readonly string[]).includes(field));
  return firstBroken(details, bankRules);
}

function validate(application: MerchantApplication): string | undefined {
  const broken = firstBroken(application, RULES);
  if (broken) return broken;
  const limit = application.rateLimitPerMinute;
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= 1_000_000)) {
    return 'rateLimitPerMinute: a whole number from 1 to 1,000,000';
  }
  return undefined;
}

/** Records a merchant's application, pending review. */
export async function applyMerchant(
  ctx: DomainContext,
  application: MerchantApplication,
  actor: string,
): Promise<OnboardingResult> {
  const invalid = validate(application);
  if (invalid) return { ok: false, error: 'invalid_merchant', detail: invalid };
  const phone = normalizePhone(application.contactPhone, ctx.settings.defaultRegion);
  if (!phone.ok) return { ok: false, error: 'invalid_merchant', detail: 'contactPhone: a mobile number' };
  const id = newId('mer');
  const now = ctx.clock();
  const created = await ctx.db.transaction(async (tx) => {
    await ctx.db.serialize(tx, `licence:${application.licenceNumber}`);
    const taken = await tx.get("SELECT id FROM merchants WHERE licence_number = $1 AND status <> 'closed'", [
      application.licenceNumber,
    ]);
    if (taken) return false;
    await tx.run(
      `INSERT INTO merchants (id, name, mcc, licence_number, contact_name, contact_phone, contact_email, city,
         country, bank_name, bank_account_number, bank_account_holder, status, account_id, rate_limit_per_minute,
         created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'pending', $13, $14, $15, $15)`,
      [
        id,
        application.name,
        application.mcc,
        application.licenceNumber,
        application.contactName,
        phone.e164,
        application.contactEmail,
        application.city,
        ctx.settings.defaultRegion,
        application.bankName,
        application.bankAccountNumber,
        application.bankAccountHolder,
        newAccountId().toString(),
        BigInt(application.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT),
        BigInt(now),
      ],
    );
    await recordAudit(tx, { actor, action: 'merchant.apply', subject: `merchant:${id}`, details: {} }, now);
    return true;
  });
  if (!created) return { ok: false, error: 'licence_taken' };
  return found(ctx, id);
}

async function found(ctx: DomainContext, id: string): Promise<OnboardingResult> {
  const merchant = await findMerchant(ctx.db, id);
  return merchant ? { ok: true, merchant } : { ok: false, error: 'merchant_not_found' };
}

/** Which state each staff decision moves a merchant from, and to. */
const TRANSITIONS = {
  approve: { from: ['pending'], to: 'active' },
  suspend: { from: ['active'], to: 'suspended' },
  reinstate: { from: ['suspended'], to: 'active' },
  close: { from: ['pending', 'active', 'suspended'], to: 'closed' },
} as const satisfies Record<string, { from: readonly MerchantStatus[]; to: MerchantStatus }>;

export type MerchantDecision = keyof typeof TRANSITIONS;

/** Approves, suspends, reinstates or closes a merchant; audited. Closing needs a zero balance; both end portal sessions. */
export async function decideMerchant(
  ctx: DomainContext,
  merchantId: string,
  decision: MerchantDecision,
  actor: string,
  reason: string,
): Promise<OnboardingResult> {
  const merchant = await findMerchant(ctx.db, merchantId);
  if (!merchant) return { ok: false, error: 'merchant_not_found' };
  const { from, to } = TRANSITIONS[decision];
  if (!(from as readonly MerchantStatus[]).includes(merchant.status)) {
    return { ok: false, error: 'merchant_state', detail: `the merchant is ${merchant.status}` };
  }
  if (decision === 'approve') {
    const opened = await openWalletAccount(
      ctx.ledger,
      merchant.accountId,
      ctx.settings.currency,
      AccountCode.merchant,
    );
    if (opened !== 'ok') return { ok: false, error: 'service_unavailable' };
  }
  /** Records the decision if the merchant is as read (and, closing, still carries this attempt's claim). */
  const record = async (claim?: Claim) => {
    const now = ctx.clock();
    // Closing ends the claim; any other decision leaves a claim in progress to its attempt (or the recovery job).
    const sql = claim
      ? `UPDATE merchants SET status = $1, updated_at = $2, closing_until = NULL
         WHERE id = $3 AND status = $4 AND closing_transfer_id = $5 AND closing_until = $6`
      : 'UPDATE merchants SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4';
    const params = claim ? [claim.transferId.toString(), claim.until] : [];
    return ctx.db.transaction(async (tx) => {
      const updated = await tx.run(sql, [to, BigInt(now), merchantId, merchant.status, ...params]);
      if (updated === 0) return false;
      // A merchant that stops trading stops being managed from the portal: its users are logged out.
      if (to !== 'active') await endPortalSessions(tx, { merchantId }, now);
      await recordAudit(
        tx,
        { actor, action: `merchant.${decision}`, subject: `merchant:${merchantId}`, details: { reason } },
        now,
      );
      return true;
    });
  };
  // A merchant never approved has no ledger account; an approved one's is shut first (see merchant-closure.ts).
  if (decision === 'close' && merchant.status !== 'pending') {
    if ((await walletBalance(ctx.ledger, merchant.accountId)) !== 0n) {
      return { ok: false, error: 'merchant_balance_not_zero' };
    }
    const closed = await closeMerchantAccount(ctx, merchant, record);
    if (!closed.ok) return { ...closed, ...(closed.error === 'merchant_state' ? CHANGED_MEANWHILE : {}) };
  } else if (!(await record())) {
    return { ok: false, error: 'merchant_state', ...CHANGED_MEANWHILE };
  }
  return found(ctx, merchantId);
}

const CHANGED_MEANWHILE = { detail: 'changed by someone else; try again' };
