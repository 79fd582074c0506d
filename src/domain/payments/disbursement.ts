// A disbursement, adjustment or agent cash-in/out: money between an organisation's account (a merchant's, the operator's
// or an agent's float) and a wallet.
import type { CurrencyCode } from '../../money/index.js';

/** `deposit` and `withdrawal`: cash-in and cash-out at an agent, against its float. */
export type DisbursementKind = 'disbursement' | 'adjustment' | 'deposit' | 'withdrawal';
/** `requested`: a cash-out an agent asked for, waiting for the customer to confirm it in the app (no money moved). */
export type DisbursementStatus = 'requested' | 'pending' | 'completed' | 'failed';
/** Which way the money goes for the wallet: `credit` pays into it; `debit` (adjustments only) takes out of it. */
export type Direction = 'credit' | 'debit';
/** The operator's accounts an operator client pays from: fee revenue (payouts), suspense (corrections). */
export type OperatorSource = 'feeRevenue' | 'suspense';

/** Whose account the other side is. */
export type Organisation =
  | { kind: 'merchant'; merchantId: string }
  | { kind: 'operator'; account: OperatorSource }
  | { kind: 'agent'; agentId: string };

export interface Disbursement {
  id: string;
  kind: DisbursementKind;
  organisation: Organisation;
  customerId: string;
  direction: Direction;
  clientId: string;
  idempotencyKey: string;
  requestHash: string;
  amount: bigint;
  currency: CurrencyCode;
  description: string;
  reference: string | null;
  transferBase: bigint;
  status: DisbursementStatus;
  failureCode: string | null;
  createdAt: number;
  completedAt: number | null;
  /** A requested cash-out's end: failed (expired) if the customer has not confirmed it by then. */
  expiresAt: number | null;
}

export interface DisbursementRow {
  [column: string]: unknown;
  id: string;
  kind: DisbursementKind;
  merchant_id: string | null;
  operator_account: OperatorSource | null;
  agent_id: string | null;
  customer_id: string;
  direction: Direction;
  client_id: string;
  idempotency_key: string;
  request_hash: string;
  amount: bigint;
  currency: string;
  description: string;
  reference: string | null;
  transfer_id: string;
  status: DisbursementStatus;
  failure_code: string | null;
  created_at: bigint;
  completed_at: bigint | null;
  expires_at: bigint | null;
}

export const DISBURSEMENT_COLUMNS =
  'id, kind, merchant_id, operator_account, agent_id, customer_id, direction, client_id, idempotency_key, request_hash, ' +
  'amount, currency, description, reference, transfer_id, status, failure_code, created_at, completed_at, expires_at';

function organisationOf(row: DisbursementRow): Organisation {
  if (row.merchant_id !== null) return { kind: 'merchant', merchantId: row.merchant_id };
  if (row.agent_id !== null) return { kind: 'agent', agentId: row.agent_id };
  return { kind: 'operator', account: row.operator_account ?? 'suspense' };
}

/** The organisation as the audit log and the ledger's partner names it: `merchant:…`, `agent:…` or the account. */
export function organisationLabel(organisation: Organisation): string {
  if (organisation.kind === 'merchant') return `merchant:${organisation.merchantId}`;
  if (organisation.kind === 'agent') return `agent:${organisation.agentId}`;
  return organisation.account;
}

export function disbursementFromRow(row: DisbursementRow): Disbursement {
  return {
    id: row.id,
    kind: row.kind,
    organisation: organisationOf(row),
    customerId: row.customer_id,
    direction: row.direction,
    clientId: row.client_id,
    idempotencyKey: row.idempotency_key,
    requestHash: row.request_hash,
    amount: row.amount,
    // Written by this code from the configured currency only.
    currency: row.currency as CurrencyCode,
    description: row.description,
    reference: row.reference,
    transferBase: BigInt(row.transfer_id),
    status: row.status,
    failureCode: row.failure_code,
    createdAt: Number(row.created_at),
    completedAt: row.completed_at === null ? null : Number(row.completed_at),
    expiresAt: row.expires_at === null ? null : Number(row.expires_at),
  };
}

/** A requested cash-out past its expiry has failed, whether or not the expiry job has recorded it yet. */
export function effectiveStatus(disbursement: Disbursement, now: number): DisbursementStatus {
  const { status, expiresAt } = disbursement;
  return status === 'requested' && expiresAt !== null && now >= expiresAt ? 'failed' : status;
}
