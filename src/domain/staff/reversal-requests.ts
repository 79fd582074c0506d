// Reversals with maker–checker: one finance staff member asks, a different one approves (then it runs) or rejects.
import { formatAmount } from '../../money/index.js';
import { recordAudit } from '../audit/audit-log.js';
import type { DomainContext } from '../context.js';
import { newId } from '../ids.js';
import { findMerchantPayment } from '../payments/merchant-payment-queries.js';
import { type RefundError, reversePayment } from '../payments/merchant-refunds.js';

export type ReversalStatus = 'pending' | 'approved' | 'rejected' | 'completed' | 'failed';

export interface ReversalRequest {
  id: string;
  paymentId: string;
  reason: string;
  requestedBy: string;
  requestedAt: number;
  status: ReversalStatus;
  decidedBy: string | null;
  decidedAt: number | null;
  decisionNote: string | null;
  refundId: string | null;
  failureCode: string | null;
}

interface RequestRow {
  [column: string]: unknown;
  id: string;
  payment_id: string;
  reason: string;
  requested_by: string;
  requested_at: bigint;
  status: ReversalStatus;
  decided_by: string | null;
  decided_at: bigint | null;
  decision_note: string | null;
  refund_id: string | null;
  failure_code: string | null;
}

const COLUMNS =
  'id, payment_id, reason, requested_by, requested_at, status, decided_by, decided_at, decision_note, refund_id, failure_code';

function fromRow(row: RequestRow): ReversalRequest {
  return {
    id: row.id,
    paymentId: row.payment_id,
    reason: row.reason,
    requestedBy: row.requested_by,
    requestedAt: Number(row.requested_at),
    status: row.status,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at === null ? null : Number(row.decided_at),
    decisionNote: row.decision_note,
    refundId: row.refund_id,
    failureCode: row.failure_code,
  };
}

export type ReversalRequestError =
  | 'payment_not_found'
  | 'payment_not_refundable'
  | 'reversal_window_passed'
  | 'invalid_reason'
  | 'reversal_already_requested';

export type DecisionError =
  | 'reversal_request_not_found'
  | 'reversal_already_decided'
  | 'maker_cannot_approve'
  | 'invalid_reason'
  | RefundError;

export type ReversalResult<E> = { ok: true; request: ReversalRequest } | { ok: false; error: E };

const REASON = /^[^\p{C}]{1,200}$/u;

async function findRequest(ctx: DomainContext, id: string): Promise<ReversalRequest | undefined> {
  const row = await ctx.db.get<RequestRow>(`SELECT ${COLUMNS} FROM reversal_requests WHERE id = $1`, [id]);
  return row && fromRow(row);
}

export async function listReversalRequests(
  ctx: DomainContext,
  status: ReversalStatus | undefined,
): Promise<ReversalRequest[]> {
  const rows = await ctx.db.all<RequestRow>(
    status === undefined
      ? `SELECT ${COLUMNS} FROM reversal_requests ORDER BY requested_at DESC LIMIT 200`
      : `SELECT ${COLUMNS} FROM reversal_requests WHERE status = $1 ORDER BY requested_at DESC LIMIT 200`,
    status === undefined ? [] : [status],
  );
  return rows.map(fromRow);
}

/** The maker asks: the payment must be reversible now; one open request per payment. */
export async function requestReversal(
  ctx: DomainContext,
  request: { paymentId: string; reason: string; maker: string },
): Promise<ReversalResult<ReversalRequestError>> {
  const reason = request.reason.trim();
  if (!REASON.test(reason)) return { ok: false, error: 'invalid_reason' };
  const payment = await findMerchantPayment(ctx.db, request.paymentId);
  if (!payment) return { ok: false, error: 'payment_not_found' };
  if (payment.status !== 'completed' || payment.refunded > 0n)
    return { ok: false, error: 'payment_not_refundable' };
  const now = ctx.clock();
  if (now - payment.createdAt > ctx.settings.merchants.reversalWindowMs) {
    return { ok: false, error: 'reversal_window_passed' };
  }
  const id = newId('rvq');
  const recorded = await ctx.db.transaction(async (tx) => {
    const inserted = await tx.run(
      `INSERT INTO reversal_requests (id, payment_id, reason, requested_by, requested_at, status)
       VALUES ($1, $2, $3, $4, $5, 'pending') ON CONFLICT DO NOTHING`,
      [id, payment.id, reason, request.maker, BigInt(now)],
    );
    if (inserted === 0) return false;
    await recordAudit(
      tx,
      {
        actor: request.maker,
        action: 'reversal.request',
        subject: `merchant_payment:${payment.id}`,
        details: {
          request: id,
          amount: formatAmount({ value: payment.amount, currency: payment.currency }),
          reason,
        },
      },
      now,
    );
    return true;
  });
  if (!recorded) return { ok: false, error: 'reversal_already_requested' };
  const stored = await findRequest(ctx, id);
  if (!stored) throw new Error('reversal request vanished after its commit');
  return { ok: true, request: stored };
}

/** Outcomes that a retry cannot change: the request is closed as failed with the code. */
const RETRYABLE: ReadonlySet<RefundError> = new Set(['service_unavailable', 'idempotency_in_progress']);

/**
 * A checker decides. Only a pending request is decided, by one checker, once (a conditional update). An
 * approval then runs the reversal (idempotent per payment: approving twice, or at once, reverses at most
 * once); if it could not finish (busy), the same checker approving again resumes it.
 */
export async function decideReversal(
  ctx: DomainContext,
  decision: { requestId: string; checker: string; approve: boolean; note: string },
): Promise<ReversalResult<DecisionError>> {
  const note = decision.note.trim();
  if (note.length > 0 && !REASON.test(note)) return { ok: false, error: 'invalid_reason' };
  if (!decision.approve && note.length === 0) return { ok: false, error: 'invalid_reason' };
  const existing = await findRequest(ctx, decision.requestId);
  if (!existing) return { ok: false, error: 'reversal_request_not_found' };
  if (decision.approve && existing.requestedBy === decision.checker)
    return { ok: false, error: 'maker_cannot_approve' };
  const resuming =
    decision.approve && existing.status === 'approved' && existing.decidedBy === decision.checker;
  if (!resuming) {
    const now = ctx.clock();
    const status = decision.approve ? 'approved' : 'rejected';
    const decided = await ctx.db.transaction(async (tx) => {
      const changed = await tx.run(
        `UPDATE reversal_requests SET status = $1, decided_by = $2, decided_at = $3, decision_note = $4
         WHERE id = $5 AND status = 'pending'`,
        [status, decision.checker, BigInt(now), note.length > 0 ? note : null, existing.id],
      );
      if (changed === 0) return false;
      await recordAudit(
        tx,
        {
          actor: decision.checker,
          action: decision.approve ? 'reversal.approve' : 'reversal.reject',
          subject: `merchant_payment:${existing.paymentId}`,
          details: { request: existing.id, maker: existing.requestedBy, note },
        },
        now,
      );
      return true;
    });
    if (!decided) return { ok: false, error: 'reversal_already_decided' };
    if (!decision.approve) return answer(ctx, existing.id);
  }
  const reversed = await reversePayment(ctx, existing.paymentId, {
    actor: decision.checker,
    reason: existing.reason,
  });
  if (!reversed.ok && RETRYABLE.has(reversed.error)) return { ok: false, error: reversed.error };
  await ctx.db.run(
    `UPDATE reversal_requests SET status = $1, refund_id = $2, failure_code = $3 WHERE id = $4 AND status = 'approved'`,
    reversed.ok
      ? ['completed', reversed.refund.id, null, existing.id]
      : ['failed', reversed.refund?.id ?? null, reversed.error, existing.id],
  );
  if (!reversed.ok) return { ok: false, error: reversed.error };
  return answer(ctx, existing.id);
}

async function answer(ctx: DomainContext, id: string): Promise<ReversalResult<DecisionError>> {
  const request = await findRequest(ctx, id);
  if (!request) throw new Error('reversal request vanished');
  return { ok: true, request };
}

export function reversalRequestView(request: ReversalRequest) {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    id: request.id,
    paymentId: request.paymentId,
    reason: request.reason,
    requestedBy: request.requestedBy,
    requestedAt: new Date(request.requestedAt).toISOString(),
    status: request.status,
    decidedBy: request.decidedBy,
    decidedAt: iso(request.decidedAt),
    decisionNote: request.decisionNote,
    refundId: request.refundId,
    failure: request.failureCode,
  };
}
