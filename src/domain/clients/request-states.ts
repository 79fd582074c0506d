// The GSMA API's request states: what became of a client's request (by our serverCorrelationId or its X-CorrelationID).
import { randomUUID } from 'node:crypto';
import type { DomainContext } from '../context.js';
import { type ApiClient, CLIENT_COLUMNS, type ClientRow, clientFromRow } from './api-client.js';
import { type Batch, batchObject, findBatch, isBatchReference } from './batches.js';
import { type PartnerTransaction, transactionObject } from './partner-transaction.js';
import { viewTransaction } from './partner-transaction-views.js';

export type RequestStatus = 'pending' | 'completed' | 'failed';

/**
 * What a request came to, as sent: the transaction or batch it created, an update made (PATCH), or the spec's error
 * object with its HTTP status.
 */
export type RequestOutcome =
  | { kind: 'object'; transaction: PartnerTransaction }
  | { kind: 'batch'; batch: Batch }
  | { kind: 'updated' }
  | { kind: 'error'; status: number; body: object };

/** What a transaction request came to: its transaction or its error object. */
export type TransactionOutcome = Exclude<RequestOutcome, { kind: 'batch' | 'updated' }>;

/** What an update came to: made, or its error object. */
export type UpdateOutcome = Exclude<RequestOutcome, { kind: 'batch' | 'object' }>;

/** The spec's genericUpdateSuccess: what a callback says of an update made. */
const UPDATE_SUCCESS = { result: 'success' };

export interface RequestState {
  serverCorrelationId: string;
  clientCorrelationId: string | null;
  callbackUrl: string | null;
  /** `pending` while the object it created is (a payment request not answered yet, a batch not paid yet). */
  status: RequestStatus;
  objectReference: string | null;
  /** The final object or error object; null while pending. */
  response: { status: number; body: object } | null;
}

interface RequestRow {
  [column: string]: unknown;
  server_correlation_id: string;
  client_correlation_id: string | null;
  callback_url: string | null;
  status: RequestStatus;
  object_reference: string | null;
  response_status: bigint | null;
  response: string | null;
}

const REQUEST_COLUMNS =
  'server_correlation_id, client_correlation_id, callback_url, status, object_reference, response_status, response';

function stateFromRow(row: RequestRow): RequestState {
  return {
    serverCorrelationId: row.server_correlation_id,
    clientCorrelationId: row.client_correlation_id,
    callbackUrl: row.callback_url,
    status: row.status,
    objectReference: row.object_reference,
    response:
      row.response === null
        ? null
        : { status: Number(row.response_status), body: JSON.parse(row.response) as object },
  };
}

/** The request's status and, once final, its response (a created object answers 201; a pending one has none yet). */
function settledBy(outcome: RequestOutcome): Pick<RequestState, 'status' | 'objectReference' | 'response'> {
  if (outcome.kind === 'error') {
    return {
      status: 'failed',
      objectReference: null,
      response: { status: outcome.status, body: outcome.body },
    };
  }
  if (outcome.kind === 'updated') {
    return { status: 'completed', objectReference: null, response: { status: 200, body: UPDATE_SUCCESS } };
  }
  if (outcome.kind === 'batch') {
    const { batch } = outcome;
    if (batch.status !== 'completed') return { status: 'pending', objectReference: batch.id, response: null };
    return {
      status: 'completed',
      objectReference: batch.id,
      response: { status: 200, body: batchObject(batch) },
    };
  }
  const { transaction } = outcome;
  if (transaction.status === 'pending')
    return { status: 'pending', objectReference: transaction.reference, response: null };
  return {
    status: 'completed',
    objectReference: transaction.reference,
    response: { status: 201, body: transactionObject(transaction) },
  };
}

/** The final object a pending request's object has become (a transaction no longer pending, a completed batch), if any. */
async function finalObjectOf(
  ctx: DomainContext,
  client: ApiClient,
  reference: string,
): Promise<{ status: number; body: object } | undefined> {
  if (isBatchReference(reference)) {
    const batch = await findBatch(ctx, client, reference);
    return batch?.status === 'completed' ? { status: 200, body: batchObject(batch) } : undefined;
  }
  const transaction = await viewTransaction(ctx, client, reference);
  if (!transaction || transaction.status === 'pending') return undefined;
  return { status: 201, body: transactionObject(transaction) };
}

/**
 * Records what a request came to, under a new serverCorrelationId; with a callback URL, the final object is
 * delivered there (now if final, else once its transaction is). A retry of the same client correlation id
 * (whose first answer was not stored) answers the state already recorded.
 */
export async function recordRequest(
  ctx: DomainContext,
  client: ApiClient,
  request: {
    clientCorrelationId: string | undefined;
    callbackUrl: string | undefined;
    outcome: RequestOutcome;
  },
): Promise<RequestState> {
  const state: RequestState = {
    serverCorrelationId: randomUUID(),
    clientCorrelationId: request.clientCorrelationId ?? null,
    callbackUrl: request.callbackUrl ?? null,
    ...settledBy(request.outcome),
  };
  const now = BigInt(ctx.clock());
  const inserted = await ctx.db.run(
    `INSERT INTO gsma_requests (server_correlation_id, client_id, client_correlation_id, callback_url, status,
       object_reference, response_status, response, created_at, completed_at, callback_next_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (client_id, client_correlation_id) DO NOTHING`,
    [
      state.serverCorrelationId,
      client.id,
      state.clientCorrelationId,
      state.callbackUrl,
      state.status,
      state.objectReference,
      state.response === null ? null : BigInt(state.response.status),
      state.response === null ? null : JSON.stringify(state.response.body),
      now,
      state.status === 'pending' ? null : now,
      state.callbackUrl !== null && state.status !== 'pending' ? now : null,
    ],
  );
  if (inserted === 1 || state.clientCorrelationId === null) return state;
  return (await findByClientCorrelation(ctx, client, state.clientCorrelationId)) ?? state;
}

async function stateWhere(
  ctx: DomainContext,
  client: ApiClient,
  column: 'server_correlation_id' | 'client_correlation_id',
  value: string,
): Promise<RequestState | undefined> {
  const row = await ctx.db.get<RequestRow>(
    `SELECT ${REQUEST_COLUMNS} FROM gsma_requests WHERE ${column} = $1 AND client_id = $2`,
    [value, client.id],
  );
  return row && stateFromRow(row);
}

/** A request of this client by the serverCorrelationId it was given. */
export function findRequestState(ctx: DomainContext, client: ApiClient, serverCorrelationId: string) {
  return stateWhere(ctx, client, 'server_correlation_id', serverCorrelationId);
}

/** A request of this client by its own X-CorrelationID. */
export function findByClientCorrelation(ctx: DomainContext, client: ApiClient, clientCorrelationId: string) {
  return stateWhere(ctx, client, 'client_correlation_id', clientCorrelationId);
}

/**
 * Completes the pending requests whose object is final (the customer answered a payment request, or it expired;
 * a batch was paid): their final object is recorded and their callback scheduled. Answers how many.
 */
export async function advancePendingRequests(ctx: DomainContext): Promise<number> {
  const rows = await ctx.db.all<ClientRow & { server_correlation_id: string; object_reference: string }>(
    `SELECT r.server_correlation_id, r.object_reference, ${CLIENT_COLUMNS.split(', ')
      .map((c) => `c.${c}`)
      .join(', ')}
     FROM gsma_requests r JOIN api_clients c ON c.id = r.client_id
     WHERE r.status = 'pending' AND r.object_reference IS NOT NULL ORDER BY r.created_at LIMIT 500`,
  );
  let advanced = 0;
  for (const row of rows) {
    const final = await finalObjectOf(ctx, clientFromRow(row), row.object_reference);
    if (!final) continue;
    const now = BigInt(ctx.clock());
    advanced += await ctx.db.run(
      `UPDATE gsma_requests SET status = 'completed', response_status = $1, response = $2, completed_at = $3,
         callback_next_at = CASE WHEN callback_url IS NULL THEN callback_next_at ELSE $3 END
       WHERE server_correlation_id = $4 AND status = 'pending'`,
      [BigInt(final.status), JSON.stringify(final.body), now, row.server_correlation_id],
    );
  }
  return advanced;
}
