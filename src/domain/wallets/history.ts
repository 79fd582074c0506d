// A wallet's history: ledger movements grouped per payment, described for people, with running balances.
import type { Transfer } from '../../ledger/types.js';
import { TransferFlags } from '../../ledger/types.js';
import { formatAmount } from '../../money/index.js';
import type { DomainContext } from '../context.js';
import type { Customer } from '../customers/customer.js';
import { maskName, maskPhone } from '../customers/masking.js';
import type { Locale } from '../notifications/messages.js';
import { transferBaseOf } from '../payments/p2p-transfers.js';
import { PAYMENT_COLUMNS, type Payment, type PaymentRow, paymentFromRow } from '../payments/payment.js';
import { TransferCode } from './accounts.js';

export const ENTRY_TYPES = ['p2p_sent', 'p2p_received', 'top_up', 'fee'] as const;
export type EntryType = (typeof ENTRY_TYPES)[number];

export interface HistoryEntry {
  /** The ledger transfer that opened the entry (a payment's first transfer). */
  id: string;
  type: EntryType;
  at: string;
  description: string;
  counterparty: string | null;
  /** Signed: negative leaves the wallet. Without the fee. */
  amount: string;
  fee: string;
  /** Available balance right after the entry. */
  balance: string;
  currency: string;
  reference: string | null;
  status: string;
}

export interface HistoryQuery {
  limit: number;
  /** Only entries strictly older than this cursor (from a previous page). */
  before?: string;
  from?: number;
  to?: number;
  type?: EntryType;
  /** E.164 number of the other party. */
  counterparty?: string;
}

export interface HistoryPage {
  entries: HistoryEntry[];
  /** Pass as `before` for the next page; null on the last page. */
  next: string | null;
}

/** Ledger transfers fetched per round while filling a page. */
const CHUNK = 200;
const MAX_ROUNDS = 50;

const DESCRIPTIONS: Record<Locale, Record<EntryType, (who: string) => string>> = {
  en: {
    p2p_sent: (who) => `Transfer to ${who}`,
    p2p_received: (who) => `Received from ${who}`,
    top_up: () => 'Top-up',
    fee: () => 'Fee',
  },
  'zh-CN': {
    p2p_sent: (who) => `转账给${who}`,
    p2p_received: (who) => `收到${who}的转账`,
    top_up: () => '充值',
    fee: () => '手续费',
  },
};

interface Group {
  base: bigint;
  transfers: Transfer[];
}

/** Consecutive transfers of one payment (same base id) form one entry; post/void records are skipped. */
function groupTransfers(transfers: Transfer[]): Group[] {
  const groups: Group[] = [];
  for (const t of transfers) {
    if (t.flags & (TransferFlags.postPendingTransfer | TransferFlags.voidPendingTransfer)) continue;
    const base = transferBaseOf(t.id);
    const last = groups.at(-1);
    if (last && last.base === base) last.transfers.push(t);
    else groups.push({ base, transfers: [t] });
  }
  return groups;
}

async function paymentsOf(ctx: DomainContext, groups: Group[]): Promise<Map<string, Payment>> {
  const bases = [...new Set(groups.map((g) => g.base.toString()))];
  const found = new Map<string, Payment>();
  for (const base of bases) {
    const row = await ctx.db.get<PaymentRow>(
      `SELECT ${PAYMENT_COLUMNS} FROM payments WHERE transfer_id = $1`,
      [base],
    );
    if (row) found.set(base, paymentFromRow(row));
  }
  return found;
}

async function counterpartyOf(
  ctx: DomainContext,
  wallet: bigint,
  main: Transfer,
  payment: Payment | undefined,
) {
  if (!payment) return undefined;
  if (main.debitAccountId === wallet) {
    return { phone: payment.recipientPhone, label: maskPhone(payment.recipientPhone) };
  }
  const sender = await ctx.db.get<{ phone: string; name: string | null }>(
    'SELECT phone, name FROM customers WHERE id = $1',
    [payment.customerId],
  );
  if (!sender) return undefined;
  return { phone: sender.phone, label: sender.name ? maskName(sender.name) : maskPhone(sender.phone) };
}

function entryType(main: Transfer, wallet: bigint): EntryType {
  if (main.code === TransferCode.issuance) return 'top_up';
  if (main.code === TransferCode.p2pFee) return 'fee';
  return main.debitAccountId === wallet ? 'p2p_sent' : 'p2p_received';
}

async function toEntry(
  ctx: DomainContext,
  customer: Customer,
  group: Group,
  payment: Payment | undefined,
): Promise<{ entry: HistoryEntry; counterpartyPhone: string | null; at: number }> {
  const wallet = customer.walletAccountId;
  // Within a payment the first transfer (lowest id) is the movement itself; the last one sets the balance.
  const byId = [...group.transfers].sort((a, b) => (a.id < b.id ? -1 : 1));
  const [main] = byId as [Transfer, ...Transfer[]];
  const last = group.transfers.reduce((latest, t) => (t.timestamp > latest.timestamp ? t : latest), main);
  const type = entryType(main, wallet);
  const sign = (t: Transfer) => (t.debitAccountId === wallet ? -t.amount : t.amount);
  const fee = group.transfers
    .filter((t) => t !== main && t.code === TransferCode.p2pFee)
    .reduce((sum, t) => sum + (t.debitAccountId === wallet ? t.amount : 0n), 0n);
  const balance = await ctx.ledger.getAccountBalanceAt(wallet, last.timestamp);
  const available = balance ? balance.creditsPosted - balance.debitsPosted - balance.debitsPending : 0n;
  const who = await counterpartyOf(ctx, wallet, main, payment);
  const money = (value: bigint) => formatAmount({ value, currency: ctx.settings.currency });
  const at = Number(main.timestamp / 1_000_000n);
  return {
    at,
    counterpartyPhone: who?.phone ?? null,
    entry: {
      id: main.id.toString(),
      type,
      at: new Date(at).toISOString(),
      description: DESCRIPTIONS[customer.locale][type](who?.label ?? ''),
      counterparty: who?.label ?? null,
      amount: money(sign(main)),
      fee: money(fee),
      balance: money(available),
      currency: ctx.settings.currency,
      reference: payment?.id ?? null,
      status: payment?.status ?? 'completed',
    },
  };
}

function matches(
  query: HistoryQuery,
  item: { entry: HistoryEntry; counterpartyPhone: string | null },
): boolean {
  if (query.type && item.entry.type !== query.type) return false;
  return !query.counterparty || item.counterpartyPhone === query.counterparty;
}

/** The smallest of some bigints (Math.min does not take bigint). */
function minOf(values: bigint[]): bigint | undefined {
  let min: bigint | undefined;
  for (const value of values) if (min === undefined || value < min) min = value;
  return min;
}

function oldestTimestamp(group: Group): bigint {
  return minOf(group.transfers.map((t) => t.timestamp)) ?? 0n;
}

/** One page of the wallet's history, newest first. */
export async function walletHistory(
  ctx: DomainContext,
  customer: Customer,
  query: HistoryQuery,
): Promise<HistoryPage> {
  const entries: HistoryEntry[] = [];
  const bounds = [
    query.before !== undefined ? BigInt(query.before) - 1n : undefined,
    query.to !== undefined ? BigInt(query.to) * 1_000_000n : undefined,
  ].filter((b): b is bigint => b !== undefined);
  // 0 means "no upper bound" to the ledger.
  let upper = minOf(bounds) ?? 0n;
  if (bounds.length > 0 && upper <= 0n) return { entries, next: null };
  const lower = query.from !== undefined ? BigInt(query.from) * 1_000_000n : 0n;
  for (let round = 0; round < MAX_ROUNDS && entries.length < query.limit; round++) {
    const transfers = await ctx.ledger.getAccountTransfers({
      accountId: customer.walletAccountId,
      timestampMin: lower,
      timestampMax: upper,
      limit: CHUNK,
      reversed: true,
    });
    if (transfers.length === 0) return { entries, next: null };
    const groups = groupTransfers(transfers);
    const payments = await paymentsOf(ctx, groups);
    for (const group of groups) {
      const item = await toEntry(ctx, customer, group, payments.get(group.base.toString()));
      if (!matches(query, item)) continue;
      entries.push(item.entry);
      if (entries.length === query.limit) {
        return { entries, next: oldestTimestamp(group).toString() };
      }
    }
    const oldest = transfers.at(-1)?.timestamp ?? 0n;
    if (transfers.length < CHUNK || oldest <= 1n) return { entries, next: null };
    upper = oldest - 1n;
  }
  // Out of rounds before the page filled (a filter matched little): the client continues from here.
  return { entries, next: (upper + 1n).toString() };
}
