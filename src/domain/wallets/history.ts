// A wallet's history: ledger movements grouped per payment, described for people, with running balances.
import type { Transfer } from '../../ledger/types.js';
import { TransferFlags } from '../../ledger/types.js';
import { formatAmount } from '../../money/index.js';
import { placeholders } from '../../storage/sql/placeholders.js';
import type { DomainContext } from '../context.js';
import type { Customer } from '../customers/customer.js';
import { maskName, maskPhone } from '../customers/masking.js';
import type { Locale } from '../notifications/messages.js';
import { transferBaseOf } from '../payments/p2p-transfers.js';
import { PAYMENT_COLUMNS, type Payment, type PaymentRow, paymentFromRow } from '../payments/payment.js';
import { TransferCode } from './accounts.js';

export const ENTRY_TYPES = [
  'p2p_sent',
  'p2p_received',
  'top_up',
  'fee',
  'merchant_payment',
  'refund',
  'disbursement',
  'adjustment',
  'cash_in',
  'cash_out',
] as const;
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

/** How an entry is worded: by its type, except that a staff reversal reads differently from a refund. */
type Wording = EntryType | 'reversal';

const DESCRIPTIONS: Record<Locale, Record<Wording, (who: string) => string>> = {
  en: {
    p2p_sent: (who) => `Transfer to ${who}`,
    p2p_received: (who) => `Received from ${who}`,
    top_up: () => 'Top-up',
    fee: () => 'Fee',
    merchant_payment: (merchant) => `Payment to ${merchant}`,
    refund: (merchant) => `Refund from ${merchant}`,
    reversal: (merchant) => `Reversal by ${merchant}`,
    disbursement: (payer) => (payer ? `Payout from ${payer}` : 'Payout'),
    adjustment: () => 'Adjustment',
    cash_in: (agent) => `Cash in at ${agent}`,
    cash_out: (agent) => `Cash out at ${agent}`,
  },
  'zh-CN': {
    p2p_sent: (who) => `转账给${who}`,
    p2p_received: (who) => `收到${who}的转账`,
    top_up: () => '充值',
    fee: () => '手续费',
    merchant_payment: (merchant) => `向${merchant}付款`,
    refund: (merchant) => `${merchant}退款`,
    reversal: (merchant) => `${merchant}冲正`,
    disbursement: (payer) => (payer ? `${payer}发放` : '发放'),
    adjustment: () => '调账',
    cash_in: (agent) => `在${agent}存入现金`,
    cash_out: (agent) => `在${agent}取出现金`,
  },
};

interface Group {
  base: bigint;
  transfers: Transfer[];
  /** The movement itself: the group's first transfer (lowest id). */
  main: Transfer;
}

/** Consecutive transfers of one payment (same base id) form one entry; post/void and closing records are skipped. */
function groupTransfers(transfers: Transfer[]): Group[] {
  const groups: Group[] = [];
  for (const t of transfers) {
    if (t.flags & (TransferFlags.postPendingTransfer | TransferFlags.voidPendingTransfer)) continue;
    if (t.code === TransferCode.closure) continue;
    const base = transferBaseOf(t.id);
    const last = groups.at(-1);
    if (last && last.base === base) {
      last.transfers.push(t);
      if (t.id < last.main.id) last.main = t;
    } else groups.push({ base, transfers: [t], main: t });
  }
  return groups;
}

function entryType(main: Transfer, wallet: bigint): EntryType {
  switch (main.code) {
    case TransferCode.issuance:
      return 'top_up';
    case TransferCode.p2pFee:
      return 'fee';
    case TransferCode.merchantPayment:
      return 'merchant_payment';
    case TransferCode.refund:
    case TransferCode.reversal:
      return 'refund';
    case TransferCode.disbursement:
      return 'disbursement';
    case TransferCode.adjustment:
      return 'adjustment';
    case TransferCode.deposit:
      return 'cash_in';
    case TransferCode.withdrawal:
      return 'cash_out';
    default:
      return main.debitAccountId === wallet ? 'p2p_sent' : 'p2p_received';
  }
}

/** A merchant payment or refund as the customer sees it: the merchant's name, the row's id and status. */
interface MerchantMovement {
  id: string;
  status: string;
  transfer_id: string;
  /** Null for the operator's own disbursements and adjustments. */
  name: string | null;
  [column: string]: unknown;
}

/** The rows behind one chunk of entries, each table read once (not once per entry). */
interface ChunkRows {
  payments: Map<string, Payment>;
  /** Who sent the payments the wallet received, by customer id. */
  senders: Map<string, { phone: string; name: string | null }>;
  /** Merchant payments and refunds by transfer base (random 124-bit bases: they do not collide). */
  merchant: Map<string, MerchantMovement>;
}

/** The rows of `select … WHERE column` whose column is one of `values`, in one query. */
async function rowsIn<Row extends Record<string, unknown>>(
  ctx: DomainContext,
  select: string,
  values: string[],
): Promise<Row[]> {
  const unique = [...new Set(values)];
  if (unique.length === 0) return [];
  return ctx.db.all<Row>(`${select} IN (${placeholders(1, unique.length)})`, unique);
}

async function rowsOf(ctx: DomainContext, wallet: bigint, groups: Group[]): Promise<ChunkRows> {
  const basesOf = (...types: EntryType[]) =>
    groups.filter((g) => types.includes(entryType(g.main, wallet))).map((g) => g.base.toString());
  const paymentRows = await rowsIn<PaymentRow>(
    ctx,
    `SELECT ${PAYMENT_COLUMNS} FROM payments WHERE transfer_id`,
    basesOf('p2p_sent', 'p2p_received', 'fee'),
  );
  const payments = new Map(paymentRows.map((row) => [row.transfer_id, paymentFromRow(row)]));
  const senderIds = groups
    .filter((g) => g.main.debitAccountId !== wallet)
    .flatMap((g) => payments.get(g.base.toString())?.customerId ?? []);
  const senders = await rowsIn<{ id: string; phone: string; name: string | null }>(
    ctx,
    'SELECT id, phone, name FROM customers WHERE id',
    senderIds,
  );
  const merchantRows = (table: 'merchant_payments' | 'merchant_refunds', type: EntryType) =>
    rowsIn<MerchantMovement>(
      ctx,
      `SELECT x.id, x.status, x.transfer_id, m.name FROM ${table} x JOIN merchants m ON m.id = x.merchant_id
       WHERE x.transfer_id`,
      basesOf(type),
    );
  const organisationRows = await rowsIn<MerchantMovement>(
    ctx,
    `SELECT x.id, x.status, x.transfer_id, COALESCE(m.name, a.name) AS name FROM disbursements x
       LEFT JOIN merchants m ON m.id = x.merchant_id LEFT JOIN agents a ON a.id = x.agent_id
     WHERE x.transfer_id`,
    basesOf('disbursement', 'adjustment', 'cash_in', 'cash_out'),
  );
  const merchant = [
    ...(await merchantRows('merchant_payments', 'merchant_payment')),
    ...(await merchantRows('merchant_refunds', 'refund')),
    ...organisationRows,
  ];
  return {
    payments,
    senders: new Map(senders.map((s) => [s.id, s])),
    merchant: new Map(merchant.map((row) => [row.transfer_id, row])),
  };
}

/** The other party as shown (masked for people) and their number, for the counterparty filter. */
interface Party {
  label: string;
  phone: string | null;
}

interface Details {
  who: Party | undefined;
  reference: string | null;
  status: string;
}

/** A movement without a row behind it (a top-up). */
const UNNAMED: Details = { who: undefined, reference: null, status: 'completed' };

/** Who an entry is with, and the row that names it (its id and status). */
function detailsOf(group: Group, type: EntryType, wallet: bigint, rows: ChunkRows): Details {
  const base = group.base.toString();
  if (type !== 'p2p_sent' && type !== 'p2p_received' && type !== 'fee') {
    const row = rows.merchant.get(base);
    if (!row) return UNNAMED;
    // Merchants are businesses: their trading name is shown as is, and no phone number matches them.
    const who = row.name === null ? undefined : { label: row.name, phone: null };
    return { who, reference: row.id, status: row.status };
  }
  const payment = rows.payments.get(base);
  if (!payment) return UNNAMED;
  return { who: p2pParty(group.main, wallet, payment, rows), reference: payment.id, status: payment.status };
}

function p2pParty(main: Transfer, wallet: bigint, payment: Payment, rows: ChunkRows): Party | undefined {
  if (main.debitAccountId === wallet) {
    return { phone: payment.recipientPhone, label: maskPhone(payment.recipientPhone) };
  }
  const sender = rows.senders.get(payment.customerId);
  if (!sender) return undefined;
  return { phone: sender.phone, label: sender.name ? maskName(sender.name) : maskPhone(sender.phone) };
}

async function toEntry(
  ctx: DomainContext,
  customer: Customer,
  group: Group,
  rows: ChunkRows,
): Promise<{ entry: HistoryEntry; counterpartyPhone: string | null; at: number }> {
  const wallet = customer.walletAccountId;
  // The payment's latest transfer sets the balance.
  const { main } = group;
  const last = group.transfers.reduce((latest, t) => (t.timestamp > latest.timestamp ? t : latest), main);
  const type = entryType(main, wallet);
  const wording: Wording = main.code === TransferCode.reversal ? 'reversal' : type;
  const sign = (t: Transfer) => (t.debitAccountId === wallet ? -t.amount : t.amount);
  const fee = group.transfers
    .filter((t) => t !== main && t.code === TransferCode.p2pFee)
    .reduce((sum, t) => sum + (t.debitAccountId === wallet ? t.amount : 0n), 0n);
  const balance = await ctx.ledger.getAccountBalanceAt(wallet, last.timestamp);
  const available = balance ? balance.creditsPosted - balance.debitsPosted - balance.debitsPending : 0n;
  const { who, reference, status } = detailsOf(group, type, wallet, rows);
  const money = (value: bigint) => formatAmount({ value, currency: ctx.settings.currency });
  const at = Number(main.timestamp / 1_000_000n);
  return {
    at,
    counterpartyPhone: who?.phone ?? null,
    entry: {
      id: main.id.toString(),
      type,
      at: new Date(at).toISOString(),
      description: DESCRIPTIONS[customer.locale][wording](who?.label ?? ''),
      counterparty: who?.label ?? null,
      amount: money(sign(main)),
      fee: money(fee),
      balance: money(available),
      currency: ctx.settings.currency,
      reference,
      status,
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
    const rows = await rowsOf(ctx, customer.walletAccountId, groups);
    for (const group of groups) {
      const item = await toEntry(ctx, customer, group, rows);
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
