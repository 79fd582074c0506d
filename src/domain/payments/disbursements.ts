// Paying a wallet from an organisation's account (disbursement, cash-in), taking from it (cash-out) or correcting one
// (adjustment): idempotent, leased, audited.
import type { CreateTransferResult, TransferInput } from '../../ledger/types.js';
import { placeholders } from '../../storage/sql/placeholders.js';
import type { SqlExecutor, SqlValue } from '../../storage/sql/sql-database.js';
import { findAgent } from '../agents/agents.js';
import { recordAudits } from '../audit/audit-log.js';
import type { DomainContext } from '../context.js';
import type { Customer } from '../customers/customer.js';
import { findCustomer } from '../customers/customer-queries.js';
import { newId, newTransferBase } from '../ids.js';
import { findMerchant } from '../merchants/merchant-queries.js';
import { checkBalanceCap } from '../risk/tiers.js';
import { ledgerOf, operatorAccountId, TransferCode, walletBalance } from '../wallets/accounts.js';
import {
  DISBURSEMENT_COLUMNS,
  type Direction,
  type Disbursement,
  type DisbursementKind,
  type DisbursementRow,
  type DisbursementStatus,
  disbursementFromRow,
  type Organisation,
  organisationLabel,
} from './disbursement.js';
import { chainFailureOf } from './merchant-settle.js';
import { claimLease, releaseLease, SETTLEMENT_LEASE_MS, settleStale } from './settlement-lease.js';

export interface DisbursementRequest {
  kind: DisbursementKind;
  organisation: Organisation;
  customer: Customer;
  direction: Direction;
  amount: bigint;
  description: string;
  reference: string | null;
  /** The API client asking, whose key this is; the audit log's actor. */
  clientId: string;
  idempotencyKey: string;
  /** What was asked, so a retry with another request under the same key is refused. */
  requestHash: string;
  /**
   * A cash-out the customer confirms in the app: recorded `requested` (nothing moves) until they do, or until
   * this time passes (see cash-out-requests).
   */
  awaitCustomerUntil?: number | undefined;
}

export type DisbursementError =
  | 'idempotency_conflict'
  | 'idempotency_in_progress'
  | 'account_locked'
  | 'organisation_unavailable'
  | 'balance_cap_exceeded'
  | 'insufficient_funds'
  | 'service_unavailable';

export type DisbursementResult =
  | { ok: true; disbursement: Disbursement }
  | { ok: false; error: DisbursementError; disbursement?: Disbursement };

/** How each kind's ids begin (a partner's transaction reference tells the kind). */
export const ID_PREFIXES: Readonly<Record<DisbursementKind, string>> = {
  disbursement: 'dsb',
  adjustment: 'adj',
  deposit: 'dep',
  withdrawal: 'wdr',
};

export async function findDisbursement(ctx: DomainContext, id: string): Promise<Disbursement | undefined> {
  const row = await ctx.db.get<DisbursementRow>(
    `SELECT ${DISBURSEMENT_COLUMNS} FROM disbursements WHERE id = $1`,
    [id],
  );
  return row && disbursementFromRow(row);
}

/** The disbursement a client recorded under this idempotency key, if any. */
export async function findDisbursementByKey(
  ctx: DomainContext,
  clientId: string,
  key: string,
): Promise<Disbursement | undefined> {
  const row = await ctx.db.get<DisbursementRow>(
    `SELECT ${DISBURSEMENT_COLUMNS} FROM disbursements WHERE client_id = $1 AND idempotency_key = $2`,
    [clientId, key],
  );
  return row && disbursementFromRow(row);
}

/** The organisation's ledger account, if it can take part (an active merchant; an agent and the operator always). */
export async function organisationAccount(
  ctx: DomainContext,
  organisation: Organisation,
): Promise<bigint | undefined> {
  if (organisation.kind === 'operator') return operatorAccountId(organisation.account, ctx.settings.currency);
  if (organisation.kind === 'agent') return (await findAgent(ctx, organisation.agentId))?.accountId;
  const merchant = await findMerchant(ctx.db, organisation.merchantId);
  return merchant?.status === 'active' ? merchant.accountId : undefined;
}

export function outcome(disbursement: Disbursement): DisbursementResult {
  if (disbursement.status !== 'failed') return { ok: true, disbursement };
  return {
    ok: false,
    error: (disbursement.failureCode ?? 'service_unavailable') as DisbursementError,
    disbursement,
  };
}

/** Why the ledger refused a disbursement's transfer (its results), or null when it went through. */
export function ledgerFailureOf(results: CreateTransferResult[]): DisbursementError | null {
  return chainFailureOf(
    results,
    // A closed account is the customer's wallet (or, rarely, a merchant's), closed meanwhile.
    { exceeds_credits: 'insufficient_funds', account_closed: 'account_locked' },
    'disbursement',
  );
}

/** The one ledger transfer: organisation → wallet (credit), or wallet → organisation (debit). */
export function transferOf(disbursement: Disbursement, wallet: bigint, organisation: bigint): TransferInput {
  const credit = disbursement.direction === 'credit';
  return {
    id: disbursement.transferBase,
    debitAccountId: credit ? organisation : wallet,
    creditAccountId: credit ? wallet : organisation,
    amount: disbursement.amount,
    ledger: ledgerOf(disbursement.currency),
    code: TransferCode[disbursement.kind],
  };
}

/** The two ledger accounts of a disbursement: the wallet's and the organisation's. */
export interface Accounts {
  wallet: bigint;
  organisation: bigint;
}

/** The accounts of a recorded disbursement, read again (its first settler is gone). */
async function accountsOf(ctx: DomainContext, disbursement: Disbursement): Promise<Accounts | undefined> {
  const customer = await findCustomer(ctx.db, disbursement.customerId);
  const organisation = await organisationAccount(ctx, disbursement.organisation);
  return customer && organisation !== undefined
    ? { wallet: customer.walletAccountId, organisation }
    : undefined;
}

/** Submits the transfer (a retry finds it `exists`) and records the outcome under the lease. */
export async function settleDisbursement(
  ctx: DomainContext,
  disbursement: Disbursement,
  lease: bigint,
  known?: Accounts,
): Promise<DisbursementResult> {
  const accounts = known ?? (await accountsOf(ctx, disbursement));
  const submitted = accounts
    ? await ctx.ledger.createTransfers([transferOf(disbursement, accounts.wallet, accounts.organisation)])
    : undefined;
  if (!submitted?.ok) {
    await releaseLease(ctx, 'disbursements', disbursement.id, lease);
    return { ok: false, error: 'service_unavailable' };
  }
  const failure = ledgerFailureOf(submitted.results);
  const status: DisbursementStatus = failure ? 'failed' : 'completed';
  const now = ctx.clock();
  const changed = await ctx.db.run(
    `UPDATE disbursements SET status = $1, failure_code = $2, completed_at = $3
     WHERE id = $4 AND status = 'pending' AND settling_until = $5`,
    [status, failure, BigInt(now), disbursement.id, lease],
    { durable: failure !== null },
  );
  if (changed === 1) return outcome({ ...disbursement, status, failureCode: failure, completedAt: now });
  const stored = await findDisbursement(ctx, disbursement.id);
  return stored && stored.status !== 'pending'
    ? outcome(stored)
    : { ok: false, error: 'idempotency_in_progress' };
}

/** A recorded disbursement again: its outcome, or settled now if its settler is gone. */
export async function replay(
  ctx: DomainContext,
  existing: Disbursement,
  hash: string,
): Promise<DisbursementResult> {
  if (existing.requestHash !== hash) return { ok: false, error: 'idempotency_conflict' };
  if (existing.status !== 'pending') return outcome(existing);
  const lease = await claimLease(ctx, 'disbursements', existing.id);
  return lease === undefined
    ? { ok: false, error: 'idempotency_in_progress' }
    : settleDisbursement(ctx, existing, lease);
}

/** Why a new disbursement is refused before anything is recorded; null when it may go ahead. */
export function refusalOf(
  ctx: DomainContext,
  request: DisbursementRequest,
  organisationId: bigint | undefined,
  /** The wallet's balance, with what this call credits it before (for a credit). */
  balance: bigint,
): DisbursementError | null {
  const { customer } = request;
  if (customer.status !== 'active') return 'account_locked';
  // A locked wallet pays nothing out, and takes no cash in at an agent either.
  const locksApply = request.direction === 'debit' || request.kind === 'deposit';
  if (locksApply && customer.lockedAt !== null) return 'account_locked';
  if (organisationId === undefined) return 'organisation_unavailable';
  if (request.direction === 'credit') {
    if (!checkBalanceCap(ctx.settings.tiers[customer.tier], balance + request.amount).ok) {
      return 'balance_cap_exceeded';
    }
  }
  return null;
}

/** The record of a new disbursement: `pending` (or `requested`, waiting for its customer). */
export function newDisbursement(ctx: DomainContext, request: DisbursementRequest, now: number): Disbursement {
  return {
    id: newId(ID_PREFIXES[request.kind]),
    kind: request.kind,
    organisation: request.organisation,
    customerId: request.customer.id,
    direction: request.direction,
    clientId: request.clientId,
    idempotencyKey: request.idempotencyKey,
    requestHash: request.requestHash,
    amount: request.amount,
    currency: ctx.settings.currency,
    description: request.description,
    reference: request.reference,
    transferBase: newTransferBase(),
    status: request.awaitCustomerUntil === undefined ? 'pending' : 'requested',
    failureCode: null,
    createdAt: now,
    completedAt: null,
    expiresAt: request.awaitCustomerUntil ?? null,
  };
}

const INSERT_COLUMNS =
  'id, kind, merchant_id, operator_account, agent_id, customer_id, direction, client_id, idempotency_key, ' +
  'request_hash, amount, currency, description, reference, transfer_id, status, created_at, settling_until, expires_at';

/**
 * Records disbursements in one statement, each with its lease (none for a request), and audits each as its
 * client's action; answers the ids inserted (a key already used keeps its first record).
 */
export async function recordDisbursements(
  tx: SqlExecutor,
  disbursements: { disbursement: Disbursement; lease: bigint | null }[],
  now: number,
): Promise<Set<string>> {
  const values: SqlValue[] = [];
  const rows = disbursements.map(({ disbursement: d, lease }) => {
    const { organisation } = d;
    values.push(
      d.id,
      d.kind,
      organisation.kind === 'merchant' ? organisation.merchantId : null,
      organisation.kind === 'operator' ? organisation.account : null,
      organisation.kind === 'agent' ? organisation.agentId : null,
      d.customerId,
      d.direction,
      d.clientId,
      d.idempotencyKey,
      d.requestHash,
      d.amount,
      d.currency,
      d.description,
      d.reference,
      d.transferBase.toString(),
      d.status,
      BigInt(now),
      lease,
      d.expiresAt === null ? null : BigInt(d.expiresAt),
    );
    const p = values.length - 19;
    return `(${placeholders(p + 1, 19)})`;
  });
  const inserted = await tx.all<{ id: string }>(
    `INSERT INTO disbursements (${INSERT_COLUMNS}) VALUES ${rows.join(', ')}
     ON CONFLICT (client_id, idempotency_key) DO NOTHING RETURNING id`,
    values,
  );
  const ids = new Set(inserted.map((row) => row.id));
  const audited = disbursements.map(({ disbursement: d }) => d).filter((d) => ids.has(d.id));
  await recordAudits(
    tx,
    audited.map((d) => ({
      actor: `api_client:${d.clientId}`,
      action: `${d.kind}.${d.status === 'requested' ? 'request' : 'create'}`,
      subject: `customer:${d.customerId}`,
      details: {
        id: d.id,
        direction: d.direction,
        amount: d.amount.toString(),
        organisation: organisationLabel(d.organisation),
      },
    })),
    now,
  );
  return ids;
}

/**
 * Pays `amount` into the customer's wallet from the organisation's account (or, for a debit adjustment, takes it
 * out), once per client and key. A credit must keep the wallet within its tier's balance cap; a locked wallet
 * is not debited. Recorded (and audited, as the client's action) before the ledger moves the money.
 */
export async function disburse(
  ctx: DomainContext,
  request: DisbursementRequest,
): Promise<DisbursementResult> {
  const existing = await findDisbursementByKey(ctx, request.clientId, request.idempotencyKey);
  if (existing) return replay(ctx, existing, request.requestHash);
  const { customer } = request;
  const organisationId = await organisationAccount(ctx, request.organisation);
  const balance =
    request.direction === 'credit' ? await walletBalance(ctx.ledger, customer.walletAccountId) : 0n;
  const refused = refusalOf(ctx, request, organisationId, balance);
  if (refused !== null || organisationId === undefined) {
    return { ok: false, error: refused ?? 'organisation_unavailable' };
  }
  const now = ctx.clock();
  const disbursement = newDisbursement(ctx, request, now);
  // A request waits for its customer: nobody settles it before they confirm.
  const lease = disbursement.status === 'pending' ? BigInt(now + SETTLEMENT_LEASE_MS) : null;
  const recorded = await ctx.db.transaction(
    async (tx) => (await recordDisbursements(tx, [{ disbursement, lease }], now)).size === 1,
    // A request is answered at once: durable now. A payment is durable with the ledger commit that follows.
    { durable: disbursement.status === 'requested' },
  );
  if (!recorded) {
    const raced = await findDisbursementByKey(ctx, request.clientId, request.idempotencyKey);
    return raced ? replay(ctx, raced, request.requestHash) : { ok: false, error: 'idempotency_in_progress' };
  }
  if (lease === null) return { ok: true, disbursement };
  return settleDisbursement(ctx, disbursement, lease, {
    wallet: customer.walletAccountId,
    organisation: organisationId,
  });
}

/** Settles disbursements left pending by a crash or a busy ledger (older than `minAgeMs`). */
export function settleStaleDisbursements(ctx: DomainContext, minAgeMs: number): Promise<number> {
  return settleStale(ctx, 'disbursements', minAgeMs, async (id) => {
    const disbursement = await findDisbursement(ctx, id);
    const lease = disbursement && (await claimLease(ctx, 'disbursements', id));
    if (!disbursement || lease === undefined) return false;
    const settled = await settleDisbursement(ctx, disbursement, lease);
    return settled.ok || settled.error !== 'service_unavailable';
  });
}
