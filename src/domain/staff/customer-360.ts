// The customer 360 for staff: profile, KYC, balance, devices, locks, recent history and payments, and notes.
import { formatAmount } from '../../money/index.js';
import { recordAudit } from '../audit/audit-log.js';
import type { DomainContext } from '../context.js';
import type { Customer } from '../customers/customer.js';
import { findCustomer } from '../customers/customer-queries.js';
import { listDevices } from '../customers/devices.js';
import { latestKyc } from '../customers/kyc.js';
import {
  customerMerchantPaymentView,
  MERCHANT_PAYMENT_COLUMNS,
  type MerchantPaymentRow,
  merchantPaymentFromRow,
} from '../payments/merchant-payment.js';
import { walletBalance } from '../wallets/accounts.js';
import { walletHistory } from '../wallets/history.js';
import { listCustomerNotes } from './customer-notes.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const RECENT = 10;

/** What a search result shows of a customer. */
export function customerSummary(customer: Customer) {
  return {
    id: customer.id,
    phone: customer.phone,
    name: customer.name,
    status: customer.status,
    tier: customer.tier,
    locked: customer.lockedAt !== null,
    createdAt: new Date(customer.createdAt).toISOString(),
  };
}

async function recentMerchantPayments(ctx: DomainContext, customerId: string) {
  const rows = await ctx.db.all<MerchantPaymentRow & { merchant_name: string }>(
    `SELECT ${MERCHANT_PAYMENT_COLUMNS.split(', ')
      .map((column) => `p.${column}`)
      .join(', ')}, m.name AS merchant_name
     FROM merchant_payments p JOIN merchants m ON m.id = p.merchant_id
     WHERE p.customer_id = $1 ORDER BY p.created_at DESC LIMIT ${RECENT}`,
    [customerId],
  );
  return rows.map((row) => customerMerchantPaymentView(merchantPaymentFromRow(row), row.merchant_name));
}

/** Everything staff see of one customer; the view is audited (it shows personal data). */
export async function customerOverview(ctx: DomainContext, customerId: string, actor: string) {
  const customer = await findCustomer(ctx.db, customerId);
  if (!customer) return undefined;
  const extra = await ctx.db.get<{ lock_reason: string | null; pin_reset_allowed_until: bigint | null }>(
    'SELECT lock_reason, pin_reset_allowed_until FROM customers WHERE id = $1',
    [customerId],
  );
  const kyc = await latestKyc(ctx, customerId);
  const balance = await walletBalance(ctx.ledger, customer.walletAccountId);
  const devices = await listDevices(ctx, customerId, '');
  const history =
    customer.status === 'active' ? await walletHistory(ctx, customer, { limit: RECENT }) : undefined;
  const overview = {
    customer: {
      ...customerSummary(customer),
      locale: customer.locale,
      birthDate: customer.birthDate,
      idType: customer.idType,
      idNumberLast4: customer.idNumberLast4,
    },
    kyc: kyc
      ? {
          id: kyc.id,
          status: kyc.status,
          requestedTier: kyc.requestedTier,
          submittedAt: new Date(kyc.submittedAt).toISOString(),
          decisionNote: kyc.decisionNote,
        }
      : null,
    balance: formatAmount({ value: balance, currency: ctx.settings.currency }),
    currency: ctx.settings.currency,
    devices: devices.map((d) => ({
      id: d.id,
      name: d.name,
      boundAt: new Date(d.boundAt).toISOString(),
      lastSeenAt: new Date(d.lastSeenAt).toISOString(),
    })),
    lock: {
      locked: customer.lockedAt !== null,
      lockedAt: iso(customer.lockedAt),
      reason: extra?.lock_reason ?? null,
    },
    pin: {
      failures: customer.pinFailures,
      lockedAt: iso(customer.pinLockedAt),
      resetAt: iso(customer.pinResetAt),
      resetAllowedUntil: iso(
        extra?.pin_reset_allowed_until == null ? null : Number(extra.pin_reset_allowed_until),
      ),
    },
    history: history?.entries ?? [],
    merchantPayments: await recentMerchantPayments(ctx, customerId),
    notes: (await listCustomerNotes(ctx, customerId)).map((n) => ({
      ...n,
      createdAt: new Date(n.createdAt).toISOString(),
    })),
  };
  await ctx.db.transaction((tx) =>
    recordAudit(
      tx,
      { actor, action: 'customer.view', subject: `customer:${customerId}`, details: {} },
      ctx.clock(),
    ),
  );
  return overview;
}

export type CustomerOverview = NonNullable<Awaited<ReturnType<typeof customerOverview>>>;
