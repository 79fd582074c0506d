// GSMA bulk disbursements: a batch of payouts is recorded, approved, then paid item by item (each once), with a rejection list.
import type { SqlValue } from '../../storage/sql/sql-database.js';
import type { DomainContext } from '../context.js';
import { newId } from '../ids.js';
import { disburseMany } from '../payments/disbursement-batch.js';
import type { DisbursementRequest } from '../payments/disbursements.js';
import { type ApiClient, CLIENT_COLUMNS, type ClientRow, clientFromRow } from './api-client.js';
import { DISBURSEMENT_FAILURES, disbursementRequestOf } from './partner-disbursements.js';
import { walletFinderFor } from './partner-parties.js';
import type { TransactionFailure, TransactionRequest } from './partner-transaction.js';

export type BatchStatus = 'created' | 'approved' | 'completed';

/** One payout of a batch, as the client sent it (any type: only disbursements are paid). */
export type BatchItemRequest = Omit<TransactionRequest, 'type' | 'oneTimeCode' | 'correlationId'> & {
  type: string;
};

export interface Batch {
  id: string;
  title: string;
  description: string;
  status: BatchStatus;
  itemCount: number;
  completedCount: number;
  rejectedCount: number;
  /** Items that passed the checks made on creation. */
  parsedCount: number;
  createdAt: number;
  approvedAt: number | null;
  completedAt: number | null;
}

/** An item's outcome: the transaction it made, or why it was rejected. */
export interface BatchItemOutcome {
  request: BatchItemRequest;
  reference: string | null;
  rejection: TransactionFailure | null;
  /** When it was paid or refused; null for an item refused on creation (see the batch's creation time). */
  at: number | null;
}

const INSERT_CHUNK = 500;
const PROCESS_CHUNK = 500;

/** Batches being paid by this process, so a second approval or the recovery job does not start them twice. */
const running = new Set<string>();

/** Why an item is refused before any money moves: only disbursements in the platform's currency are batched. */
function parseFailure(ctx: DomainContext, item: BatchItemRequest): TransactionFailure | null {
  if (item.type !== 'disbursement') return 'request_declined';
  if (item.currency !== ctx.settings.currency) return 'currency_unsupported';
  return null;
}

export async function createBatch(
  ctx: DomainContext,
  client: ApiClient,
  request: { title: string; description: string; items: BatchItemRequest[] },
): Promise<Batch> {
  const id = newId('bat');
  const now = BigInt(ctx.clock());
  await ctx.db.transaction(async (tx) => {
    await tx.run(
      `INSERT INTO batches (id, client_id, title, description, status, item_count, created_at)
       VALUES ($1, $2, $3, $4, 'created', $5, $6)`,
      [id, client.id, request.title, request.description, BigInt(request.items.length), now],
    );
    for (let start = 0; start < request.items.length; start += INSERT_CHUNK) {
      const chunk = request.items.slice(start, start + INSERT_CHUNK);
      const values: SqlValue[] = [];
      const rows = chunk.map((item, offset) => {
        const failure = parseFailure(ctx, item);
        values.push(
          id,
          BigInt(start + offset),
          JSON.stringify(item),
          failure ? 'rejected' : 'pending',
          failure,
        );
        const p = values.length - 5;
        return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5})`;
      });
      await tx.run(
        `INSERT INTO batch_items (batch_id, position, request, status, rejection_reason) VALUES ${rows.join(', ')}`,
        values,
      );
    }
  });
  return (await findBatch(ctx, client, id)) as Batch;
}

interface BatchRow {
  [column: string]: unknown;
  id: string;
  title: string;
  description: string;
  status: BatchStatus;
  item_count: bigint;
  created_at: bigint;
  approved_at: bigint | null;
  completed_at: bigint | null;
}

const time = (value: bigint | null) => (value === null ? null : Number(value));
const iso = (value: number) => new Date(value).toISOString();

/**
 * The spec's responseBatchTransaction. It requires approvalDate and completionDate in every state: a step not
 * reached yet repeats the last one that was (creation, then approval), so no date lies in the future;
 * batchStatus says which steps happened.
 */
export function batchObject(batch: Batch) {
  const approvedAt = batch.approvedAt ?? batch.createdAt;
  return {
    batchId: batch.id,
    batchStatus: batch.status,
    approvalDate: iso(approvedAt),
    completionDate: iso(batch.completedAt ?? approvedAt),
    batchTitle: batch.title,
    batchdescription: batch.description,
    processingFlag: batch.status === 'approved',
    completedCount: batch.completedCount,
    rejectionCount: batch.rejectedCount,
    parsingSuccessCount: batch.parsedCount,
    creationDate: iso(batch.createdAt),
  };
}

/** Whether a request's object is a batch (its ids start `bat_`), not a transaction. */
export function isBatchReference(reference: string): boolean {
  return reference.startsWith('bat_');
}

/** The client's batch with its counts; undefined for anyone else's. */
export async function findBatch(
  ctx: DomainContext,
  client: ApiClient,
  id: string,
): Promise<Batch | undefined> {
  const row = await ctx.db.get<BatchRow>(
    `SELECT id, title, description, status, item_count, created_at, approved_at, completed_at
     FROM batches WHERE id = $1 AND client_id = $2`,
    [id, client.id],
  );
  if (!row) return undefined;
  const counts = await ctx.db.all<{ status: string; n: bigint | string }>(
    'SELECT status, count(*) AS n FROM batch_items WHERE batch_id = $1 GROUP BY status',
    [id],
  );
  const count = (status: string) => Number(counts.find((c) => c.status === status)?.n ?? 0);
  const parseRejected = await ctx.db.get<{ n: bigint | string }>(
    "SELECT count(*) AS n FROM batch_items WHERE batch_id = $1 AND status = 'rejected' AND done_at IS NULL",
    [id],
  );
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    status: row.status,
    itemCount: Number(row.item_count),
    completedCount: count('completed'),
    rejectedCount: count('rejected'),
    parsedCount: Number(row.item_count) - Number(parseRejected?.n ?? 0),
    createdAt: Number(row.created_at),
    approvedAt: time(row.approved_at),
    completedAt: time(row.completed_at),
  };
}

/** Approves a created batch and starts paying it; false when there is no such batch waiting for approval. */
export async function approveBatch(ctx: DomainContext, client: ApiClient, id: string): Promise<boolean> {
  const approved = await ctx.db.run(
    "UPDATE batches SET status = 'approved', approved_at = $1 WHERE id = $2 AND client_id = $3 AND status = 'created'",
    [BigInt(ctx.clock()), id, client.id],
  );
  if (approved === 0) return false;
  void payBatch(ctx, client, id).catch(() => undefined);
  return true;
}

interface ItemRow {
  [column: string]: unknown;
  position: bigint;
  request: string;
}

/**
 * Pays the batch's pending items, a chunk at a time; each is a disbursement under its own key
 * (`batch:{id}:{position}`), so a restart pays none twice. The batch completes when no item is pending; a round
 * that settles nothing (a busy ledger, an interrupted attempt's lease) stops, for the recovery job to resume.
 */
export async function payBatch(ctx: DomainContext, client: ApiClient, id: string): Promise<void> {
  if (running.has(id)) return;
  running.add(id);
  try {
    for (;;) {
      const items = await ctx.db.all<ItemRow>(
        `SELECT position, request FROM batch_items WHERE batch_id = $1 AND status = 'pending'
         ORDER BY position LIMIT $2`,
        [id, BigInt(PROCESS_CHUNK)],
      );
      if (items.length === 0) break;
      if ((await payItems(ctx, client, id, items)) === 0) return;
    }
    await ctx.db.run(
      "UPDATE batches SET status = 'completed', completed_at = $1 WHERE id = $2 AND status = 'approved'",
      [BigInt(ctx.clock()), id],
    );
  } finally {
    running.delete(id);
  }
}

/** What became of one item: paid (its transaction), rejected (why), or left pending (the ledger was busy). */
type ItemOutcome = { reference: string } | { rejection: TransactionFailure } | undefined;

/** Pays a chunk of items as one bulk disbursement and records their outcomes in one update; answers how many. */
async function payItems(ctx: DomainContext, client: ApiClient, batchId: string, items: ItemRow[]) {
  const requests = items.map((item) => ({
    ...(JSON.parse(item.request) as BatchItemRequest),
    type: 'disbursement' as const,
  }));
  const findWallet = await walletFinderFor(
    ctx,
    requests.map((r) => r.creditParty),
  );
  const outcomes: ItemOutcome[] = [];
  const asked: { at: number; request: DisbursementRequest }[] = [];
  for (const [at, item] of items.entries()) {
    const key = `batch:${batchId}:${item.position}`;
    const prepared = await disbursementRequestOf(
      ctx,
      client,
      requests[at] as TransactionRequest,
      key,
      findWallet,
    );
    if (prepared.ok) asked.push({ at, request: prepared.value });
    else outcomes[at] = { rejection: prepared.error };
  }
  const results = await disburseMany(
    ctx,
    client.id,
    asked.map((a) => a.request),
  );
  for (const [i, result] of results.entries()) {
    const at = asked[i]?.at ?? 0;
    // A ledger that is busy now leaves the item pending: the next round (or the recovery job) tries it again.
    const failure = result.ok ? null : DISBURSEMENT_FAILURES[result.error];
    if (result.ok) outcomes[at] = { reference: result.disbursement.id };
    else if (failure !== null && failure !== 'service_unavailable') outcomes[at] = { rejection: failure };
  }
  return recordItemOutcomes(ctx, batchId, items, outcomes);
}

/** Writes the items' outcomes in one statement (a CASE per column); answers how many it wrote. */
async function recordItemOutcomes(
  ctx: DomainContext,
  batchId: string,
  items: ItemRow[],
  outcomes: ItemOutcome[],
): Promise<number> {
  const values: SqlValue[] = [batchId, BigInt(ctx.clock())];
  const cases = { status: [] as string[], reference: [] as string[], reason: [] as string[] };
  const positions: string[] = [];
  for (const [at, item] of items.entries()) {
    const done = outcomes[at];
    if (!done) continue;
    const paid = 'reference' in done;
    values.push(item.position, paid ? 'completed' : 'rejected', paid ? done.reference : null);
    values.push(paid ? null : done.rejection);
    const p = values.length - 4;
    positions.push(`$${p + 1}`);
    cases.status.push(`WHEN $${p + 1} THEN $${p + 2}`);
    cases.reference.push(`WHEN $${p + 1} THEN $${p + 3}`);
    cases.reason.push(`WHEN $${p + 1} THEN $${p + 4}`);
  }
  if (positions.length === 0) return 0;
  await ctx.db.run(
    `UPDATE batch_items SET status = CASE position ${cases.status.join(' ')} END,
       transaction_reference = CASE position ${cases.reference.join(' ')} END,
       rejection_reason = CASE position ${cases.reason.join(' ')} END, done_at = $2
     WHERE batch_id = $1 AND status = 'pending' AND position IN (${positions.join(', ')})`,
    values,
    { durable: false },
  );
  return positions.length;
}

/** Approved batches whose payer stopped (a crash, a busy ledger): paid on by the recovery job. */
export async function resumeApprovedBatches(ctx: DomainContext): Promise<void> {
  const rows = await ctx.db.all<ClientRow & { batch_id: string }>(
    `SELECT b.id AS batch_id, ${CLIENT_COLUMNS.split(', ')
      .map((c) => `c.${c}`)
      .join(', ')}
     FROM batches b JOIN api_clients c ON c.id = b.client_id WHERE b.status = 'approved'`,
  );
  for (const row of rows) await payBatch(ctx, clientFromRow(row), row.batch_id);
}

/** The batch's completed or rejected items, in order (at most `limit` from `offset`). */
export async function batchOutcomes(
  ctx: DomainContext,
  batchId: string,
  status: 'completed' | 'rejected',
  page: { limit: number; offset: number },
): Promise<BatchItemOutcome[]> {
  const rows = await ctx.db.all<{
    request: string;
    transaction_reference: string | null;
    rejection_reason: string | null;
    done_at: bigint | null;
  }>(
    `SELECT request, transaction_reference, rejection_reason, done_at FROM batch_items
     WHERE batch_id = $1 AND status = $2 ORDER BY position LIMIT $3 OFFSET $4`,
    [batchId, status, BigInt(page.limit), BigInt(page.offset)],
  );
  return rows.map((row) => ({
    request: JSON.parse(row.request) as BatchItemRequest,
    reference: row.transaction_reference,
    rejection: row.rejection_reason as TransactionFailure | null,
    at: time(row.done_at),
  }));
}
