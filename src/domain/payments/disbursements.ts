// Paying a wallet from an organisation's account (disbursement, cash-in), taking from it (cash-out) or correcting one
// (adjustment): idempotent, leased, audited.
import type { TransferInput } from '../../ledger/types.js';
import { findAgent } from '../agents/agents.js';
import { recordAudit } from '../audit/audit-log.js';
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
async function organisationAccount(
  ctx: DomainContext,
  organisation: Organisation,
): Promise<bigint | undefined> {
  if (organisation.kind === 'operator') return operatorAccountId(organisation.account, ctx.settings.currency);
  if (organisation.kind === 'agent') return (await findAgent(ctx, organisation.agentId))?.accountId;
  const merchant = await findMerchant(ctx.db, organisation.merchantId);
  return merchant?.status === 'active' ? merchant.accountId : undefined;
}

function outcome(disbursement: Disbursement): DisbursementResult {
  if (disbursement.status !== 'failed') return { ok: true, disbursement };
  return {
    ok: false,
    error: (disbursement.failureCode ?? 'service_unavailable') as DisbursementError,
    disbursement,
  };
}

/** The one ledger transfer: organisation → wallet (credit), or wallet → organisation (debit). */
function transferOf(disbursement: Disbursement, wallet: bigint, organisation: bigint): TransferInput {
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
interface Accounts {
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
async function settle(
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
  const failure = chainFailureOf(
    submitted.results,
    { exceeds_credits: 'insufficient_funds', account_closed: 'organisation_unavailable' },
    'disbursement',
  );
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
async function replay(ctx: DomainContext, existing: Disbursement, hash: string): Promise<DisbursementResult> {
  if (existing.requestHash !== hash) return { ok: false, error: 'idempotency_conflict' };
  if (existing.status !== 'pending') return outcome(existing);
  const lease = await claimLease(ctx, 'disbursements', existing.id);
  return lease === undefined ? { ok: false, error: 'idempotency_in_progress' } : settle(ctx, existing, lease);
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
  if (customer.status !== 'active') return { ok: false, error: 'account_locked' };
  // A locked wallet pays nothing out, and takes no cash in at an agent either.
  const locksApply = request.direction === 'debit' || request.kind === 'deposit';
  if (locksApply && customer.lockedAt !== null) return { ok: false, error: 'account_locked' };
  const organisationId = await organisationAccount(ctx, request.organisation);
  if (organisationId === undefined) return { ok: false, error: 'organisation_unavailable' };
  if (request.direction === 'credit') {
    const balance = await walletBalance(ctx.ledger, customer.walletAccountId);
    if (!checkBalanceCap(ctx.settings.tiers[customer.tier], balance + request.amount).ok) {
      return { ok: false, error: 'balance_cap_exceeded' };
    }
  }
  const now = ctx.clock();
  const disbursement: Disbursement = {
    id: newId(ID_PREFIXES[request.kind]),
    kind: request.kind,
    organisation: request.organisation,
    customerId: customer.id,
    direction: request.direction,
    clientId: request.clientId,
    idempotencyKey: request.idempotencyKey,
    requestHash: request.requestHash,
    amount: request.amount,
    currency: ctx.settings.currency,
    description: request.description,
    reference: request.reference,
    transferBase: newTransferBase(),
    status: 'pending',
    failureCode: null,
    createdAt: now,
    completedAt: null,
  };
  const lease = BigInt(now + SETTLEMENT_LEASE_MS);
  const recorded = await ctx.db.transaction(
    async (tx) => {
      const organisation = request.organisation;
      const inserted = await tx.run(
        `INSERT INTO disbursements (id, kind, merchant_id, operator_account, agent_id, customer_id, direction, client_id,
           idempotency_key, request_hash, amount, currency, description, reference, transfer_id, status, created_at,
           settling_until)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 'pending', $16, $17)
         ON CONFLICT (client_id, idempotency_key) DO NOTHING`,
        [
          disbursement.id,
          disbursement.kind,
          organisation.kind === 'merchant' ? organisation.merchantId : null,
          organisation.kind === 'operator' ? organisation.account : null,
          organisation.kind === 'agent' ? organisation.agentId : null,
          customer.id,
          disbursement.direction,
          disbursement.clientId,
          disbursement.idempotencyKey,
          disbursement.requestHash,
          disbursement.amount,
          disbursement.currency,
          disbursement.description,
          disbursement.reference,
          disbursement.transferBase.toString(),
          BigInt(now),
          lease,
        ],
      );
      if (inserted === 0) return undefined;
      await recordAudit(
        tx,
        {
          actor: `api_client:${request.clientId}`,
          action: `${disbursement.kind}.create`,
          subject: `customer:${customer.id}`,
          details: {
            id: disbursement.id,
            direction: disbursement.direction,
            amount: disbursement.amount.toString(),
            organisation: organisationLabel(organisation),
          },
        },
        now,
      );
      // Recorded with its lease: this attempt settles it.
      return lease;
    },
    { durable: false },
  );
  if (recorded === undefined) {
    const raced = await findDisbursementByKey(ctx, request.clientId, request.idempotencyKey);
    return raced ? replay(ctx, raced, request.requestHash) : { ok: false, error: 'idempotency_in_progress' };
  }
  return settle(ctx, disbursement, lease, { wallet: customer.walletAccountId, organisation: organisationId });
}

/** Settles disbursements left pending by a crash or a busy ledger (older than `minAgeMs`). */
export function settleStaleDisbursements(ctx: DomainContext, minAgeMs: number): Promise<number> {
  return settleStale(ctx, 'disbursements', minAgeMs, async (id) => {
    const disbursement = await findDisbursement(ctx, id);
    const lease = disbursement && (await claimLease(ctx, 'disbursements', id));
    if (!disbursement || lease === undefined) return false;
    const settled = await settle(ctx, disbursement, lease);
    return settled.ok || settled.error !== 'service_unavailable';
  });
}
