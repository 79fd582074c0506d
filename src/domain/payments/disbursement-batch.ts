// Many disbursements at once (a batch's payees): one read per kind of row, one insert, one ledger call, one update each.

import { placeholders } from '../../storage/sql/placeholders.js';
import type { SqlValue } from '../../storage/sql/sql-database.js';
import type { DomainContext } from '../context.js';
import {
  DISBURSEMENT_COLUMNS,
  type Disbursement,
  type DisbursementRow,
  type DisbursementStatus,
  disbursementFromRow,
  organisationLabel,
} from './disbursement.js';
import {
  type DisbursementError,
  type DisbursementRequest,
  type DisbursementResult,
  findDisbursement,
  ledgerFailureOf,
  newDisbursement,
  organisationAccount,
  outcome,
  recordDisbursements,
  refusalOf,
  replay,
  transferOf,
} from './disbursements.js';
import { SETTLEMENT_LEASE_MS } from './settlement-lease.js';

/** The disbursements a client already recorded under these keys, by key. */
async function existingByKey(
  ctx: DomainContext,
  clientId: string,
  keys: string[],
): Promise<Map<string, Disbursement>> {
  if (keys.length === 0) return new Map();
  const rows = await ctx.db.all<DisbursementRow>(
    `SELECT ${DISBURSEMENT_COLUMNS} FROM disbursements
     WHERE client_id = $1 AND idempotency_key IN (${placeholders(2, keys.length)})`,
    [clientId, ...keys],
  );
  return new Map(rows.map(disbursementFromRow).map((d) => [d.idempotencyKey, d]));
}

/** Each wallet's balance now, by ledger account. */
async function balances(ctx: DomainContext, wallets: bigint[]): Promise<Map<bigint, bigint>> {
  const accounts = await ctx.ledger.lookupAccounts([...new Set(wallets)]);
  return new Map(accounts.map((a) => [a.id, a.creditsPosted - a.debitsPosted - a.debitsPending]));
}

/** Records the outcomes under this call's lease; answers the ids recorded (the others are read back). */
async function recordOutcomes(
  ctx: DomainContext,
  settled: { disbursement: Disbursement; failure: DisbursementError | null }[],
  lease: bigint,
  now: number,
): Promise<Set<string>> {
  const recorded = new Set<string>();
  const groups = new Map<DisbursementError | null, typeof settled>();
  for (const one of settled) groups.set(one.failure, [...(groups.get(one.failure) ?? []), one]);
  for (const [failure, group] of groups) {
    const ids = group.map((s) => s.disbursement.id);
    const changed = await ctx.db.run(
      `UPDATE disbursements SET status = $1, failure_code = $2, completed_at = $3
       WHERE status = 'pending' AND settling_until = $4 AND id IN (${placeholders(5, ids.length)})`,
      [failure === null ? 'completed' : 'failed', failure, BigInt(now), lease, ...ids],
      // A completed one the recovery job can rebuild from the ledger; a failure only this record tells.
      { durable: failure !== null },
    );
    // All or (a lease lost to another settler) each read back by the caller.
    if (changed === ids.length) for (const id of ids) recorded.add(id);
  }
  return recorded;
}

/**
 * `disburse` for many requests of one client, with the same checks, records, audit entries and outcomes: new
 * ones are recorded in one transaction with one lease, their transfers submitted in one ledger call (group
 * commit), and their outcomes written in one update per outcome. A key already used (a retry after a crash)
 * answers through `disburse`'s replay. Answers one result per request, in order.
 */
export async function disburseMany(
  ctx: DomainContext,
  clientId: string,
  requests: DisbursementRequest[],
): Promise<DisbursementResult[]> {
  const results: (DisbursementResult | undefined)[] = requests.map(() => undefined);
  const existing = await existingByKey(
    ctx,
    clientId,
    requests.map((r) => r.idempotencyKey),
  );
  const organisations = new Map<string, bigint | undefined>();
  for (const request of requests) {
    const label = organisationLabel(request.organisation);
    if (!organisations.has(label))
      organisations.set(label, await organisationAccount(ctx, request.organisation));
  }
  const credited = await balances(
    ctx,
    requests.filter((r) => r.direction === 'credit').map((r) => r.customer.walletAccountId),
  );
  const now = ctx.clock();
  const lease = BigInt(now + SETTLEMENT_LEASE_MS);
  const fresh: { index: number; disbursement: Disbursement; organisation: bigint }[] = [];
  for (const [index, request] of requests.entries()) {
    if (existing.has(request.idempotencyKey)) continue;
    const wallet = request.customer.walletAccountId;
    const organisationId = organisations.get(organisationLabel(request.organisation));
    const balance = credited.get(wallet) ?? 0n;
    const refused = refusalOf(ctx, request, organisationId, balance);
    if (refused !== null || organisationId === undefined) {
      results[index] = { ok: false, error: refused ?? 'organisation_unavailable' };
      continue;
    }
    // Two credits to one wallet in this call: the second is checked against the cap after the first.
    if (request.direction === 'credit') credited.set(wallet, balance + request.amount);
    fresh.push({ index, disbursement: newDisbursement(ctx, request, now), organisation: organisationId });
  }
  const inserted =
    fresh.length === 0
      ? new Set<string>()
      : await ctx.db.transaction(
          (tx) =>
            recordDisbursements(
              tx,
              fresh.map(({ disbursement }) => ({ disbursement, lease })),
              now,
            ),
          { durable: false },
        );
  const recorded = fresh.filter((f) => inserted.has(f.disbursement.id));
  const submitted =
    recorded.length === 0
      ? undefined
      : await ctx.ledger.createTransfers(
          recorded.map(({ index, disbursement, organisation }) =>
            transferOf(disbursement, requests[index]?.customer.walletAccountId ?? 0n, organisation),
          ),
        );
  if (submitted?.ok) {
    const settled = recorded.map((r, i) => ({
      ...r,
      failure: ledgerFailureOf([submitted.results[i] ?? 'ok']),
    }));
    const done = await recordOutcomes(ctx, settled, lease, ctx.clock());
    for (const { index, disbursement, failure } of settled) {
      if (!done.has(disbursement.id)) continue;
      const status: DisbursementStatus = failure === null ? 'completed' : 'failed';
      results[index] = outcome({ ...disbursement, status, failureCode: failure, completedAt: now });
    }
  } else if (recorded.length > 0) {
    // The ledger took nothing: the leases go back, and each is retried (by its batch or the recovery job).
    const ids = recorded.map((r) => r.disbursement.id);
    await ctx.db.run(
      `UPDATE disbursements SET settling_until = NULL
       WHERE status = 'pending' AND settling_until = $1 AND id IN (${placeholders(2, ids.length)})`,
      [lease, ...ids] satisfies SqlValue[],
      { durable: false },
    );
    for (const { index } of recorded) results[index] = { ok: false, error: 'service_unavailable' };
  }
  // The rest (recorded before, raced, or whose lease another settler took) answer as `disburse` would.
  return Promise.all(
    requests.map(async (request, index) => {
      const result = results[index];
      if (result) return result;
      const stored =
        existing.get(request.idempotencyKey) ??
        (await existingByKey(ctx, clientId, [request.idempotencyKey])).get(request.idempotencyKey);
      if (!stored) return { ok: false, error: 'idempotency_in_progress' } as const;
      const current = (await findDisbursement(ctx, stored.id)) ?? stored;
      return replay(ctx, current, request.requestHash);
    }),
  );
}
