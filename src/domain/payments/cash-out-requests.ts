// Cash-outs an agent asks for without a code: the customer confirms (PIN, step-up) or declines in the app; no money moves before.
import type { SqlExecutor } from '../../storage/sql/sql-database.js';
import { type Agent, findAgent } from '../agents/agents.js';
import type { DomainContext } from '../context.js';
import { lockCustomer } from '../customers/customer-queries.js';
import { notifyCashMovement } from './cash-notices.js';
import {
  DISBURSEMENT_COLUMNS,
  type Disbursement,
  type DisbursementRow,
  disbursementFromRow,
  effectiveStatus,
} from './disbursement.js';
import { type DisbursementResult, findDisbursement, settleDisbursement } from './disbursements.js';
import type { Payer } from './payer.js';
import {
  admitPayer,
  authoriseUnderLock,
  consumeStepUpToken,
  type PayerRefusal,
  Refused,
} from './payer-checks.js';
import type { RequestError } from './payment-requests.js';
import { SETTLEMENT_LEASE_MS } from './settlement-lease.js';

/** A requested cash-out and the agent it pays. */
export interface CashOutRequest {
  disbursement: Disbursement;
  agent: Agent;
}

export type CashOutResult =
  | DisbursementResult
  | PayerRefusal
  | { ok: false; error: RequestError | 'verification_invalid' };

/** Whether a request id names a cash-out (a withdrawal), not a merchant's order. */
export function isCashOutRequest(id: string): boolean {
  return id.startsWith('wdr_');
}

/** The cash-out request with this id if it is addressed to this customer (no hint that anyone else's exists). */
async function ownRequest(
  ctx: DomainContext,
  customerId: string,
  id: string,
): Promise<CashOutRequest | undefined> {
  const disbursement = isCashOutRequest(id) ? await findDisbursement(ctx, id) : undefined;
  const { organisation } = disbursement ?? {};
  if (!disbursement || disbursement.customerId !== customerId || disbursement.expiresAt === null) return;
  const agent = organisation?.kind === 'agent' ? await findAgent(ctx, organisation.agentId) : undefined;
  return agent && { disbursement, agent };
}

/** Why a request can no longer be answered: confirmed already, expired, or declined. */
function closedBecause(disbursement: Disbursement, now: number): RequestError | null {
  const status = effectiveStatus(disbursement, now);
  if (status === 'requested') return null;
  if (status !== 'failed') return 'order_paid';
  return disbursement.failureCode === 'declined' ? 'order_closed' : 'order_expired';
}

/** Open cash-out requests addressed to a customer, newest first, with their agents. */
export async function openCashOutRequestsFor(
  ctx: DomainContext,
  customerId: string,
): Promise<CashOutRequest[]> {
  const rows = await ctx.db.all<DisbursementRow>(
    `SELECT ${DISBURSEMENT_COLUMNS} FROM disbursements
     WHERE customer_id = $1 AND status = 'requested' AND expires_at > $2 ORDER BY created_at DESC LIMIT 50`,
    [customerId, BigInt(ctx.clock())],
  );
  const requests: CashOutRequest[] = [];
  for (const disbursement of rows.map(disbursementFromRow)) {
    const { organisation } = disbursement;
    const agent = organisation.kind === 'agent' ? await findAgent(ctx, organisation.agentId) : undefined;
    if (agent) requests.push({ disbursement, agent });
  }
  return requests;
}

/** Moves a request to `pending` with a settlement lease, if it is still open; answers the lease. */
async function claim(tx: SqlExecutor, disbursement: Disbursement, now: number): Promise<bigint | undefined> {
  const lease = BigInt(now + SETTLEMENT_LEASE_MS);
  const claimed = await tx.run(
    `UPDATE disbursements SET status = 'pending', settling_until = $1
     WHERE id = $2 AND status = 'requested' AND expires_at > $3`,
    [lease, disbursement.id, BigInt(now)],
  );
  return claimed === 1 ? lease : undefined;
}

/**
 * The customer confirms a cash-out: the PIN at least (never password-free: cash changes hands), an SMS code when
 * the step-up policy asks; the tier's limits are checked under the row lock at this moment. Then the wallet pays
 * the agent's float, as a code-authorised cash-out does.
 */
export async function confirmCashOut(
  ctx: DomainContext,
  payer: Payer,
  id: string,
  credentials: { pin?: string | undefined; verificationToken?: string | undefined },
): Promise<CashOutResult> {
  const request = await ownRequest(ctx, payer.customerId, id);
  if (!request) return { ok: false, error: 'request_not_found' };
  const { disbursement, agent } = request;
  const closed = closedBecause(disbursement, ctx.clock());
  if (closed) return { ok: false, error: closed };
  const admitted = await admitPayer(ctx, { customerId: payer.customerId, pin: credentials.pin });
  if (!admitted.ok) return admitted;
  const now = ctx.clock();
  const claimed = await ctx.db
    .transaction(async (tx) => {
      const locked = await lockCustomer(ctx, tx, payer.customerId);
      const checked = await authoriseUnderLock(ctx, tx, locked, {
        device: payer.device,
        amount: disbursement.amount,
        pin: credentials.pin,
        verificationToken: credentials.verificationToken,
        partner: payer.partner,
        pinAtLeast: true,
        recipientPhone: null,
        now,
      });
      if (!checked.ok) return checked;
      const { authentication } = checked;
      const lease = await claim(tx, disbursement, now);
      if (lease === undefined) return { ok: false, error: 'closed' } as const;
      // Used up last, once nothing else can refuse: a refused confirmation leaves the SMS code usable.
      if (
        !(await consumeStepUpToken(ctx, tx, authentication, checked.customer, credentials.verificationToken))
      ) {
        throw new Refused('verification_invalid');
      }
      return { ok: true, lease, customer: checked.customer } as const;
    })
    .catch((error: unknown) => {
      if (error instanceof Refused) return { ok: false, error: error.code } as const;
      throw error;
    });
  if (!claimed.ok) {
    if (claimed.error !== 'closed') return claimed;
    const stored = await findDisbursement(ctx, disbursement.id);
    return { ok: false, error: (stored && closedBecause(stored, ctx.clock())) ?? 'order_closed' };
  }
  const settled = await settleDisbursement(ctx, { ...disbursement, status: 'pending' }, claimed.lease, {
    wallet: claimed.customer.walletAccountId,
    organisation: agent.accountId,
  });
  if (settled.ok) await notifyCashMovement(ctx, claimed.customer, settled.disbursement, agent.name);
  return settled;
}

/** The customer declines a cash-out: it fails (nothing moved) and the agent's client learns it. */
export async function declineCashOut(
  ctx: DomainContext,
  payer: Payer,
  id: string,
): Promise<{ ok: true } | { ok: false; error: RequestError }> {
  const request = await ownRequest(ctx, payer.customerId, id);
  if (!request) return { ok: false, error: 'request_not_found' };
  const now = ctx.clock();
  const declined = await ctx.db.run(
    `UPDATE disbursements SET status = 'failed', failure_code = 'declined', completed_at = $1
     WHERE id = $2 AND status = 'requested' AND expires_at > $1`,
    [BigInt(now), request.disbursement.id],
  );
  if (declined === 1) return { ok: true };
  const stored = await findDisbursement(ctx, request.disbursement.id);
  return { ok: false, error: (stored && closedBecause(stored, now)) ?? 'order_closed' };
}

/** The expiry job: cash-out requests nobody confirmed in time fail (no money moved). Answers how many. */
export function expireCashOutRequests(ctx: DomainContext): Promise<number> {
  return ctx.db.run(
    `UPDATE disbursements SET status = 'failed', failure_code = 'expired', completed_at = $1
     WHERE status = 'requested' AND expires_at <= $1`,
    [BigInt(ctx.clock())],
  );
}
