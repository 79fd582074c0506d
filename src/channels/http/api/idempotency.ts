// Idempotency keys (Idempotency-Key, or the GSMA API's X-CorrelationID) for state-changing calls: the first answer is stored (encrypted) and replayed.
import { createHmac } from 'node:crypto';
import type {
  FastifyReply,
  FastifyRequest,
  onSendAsyncHookHandler,
  preHandlerAsyncHookHandler,
} from 'fastify';
import type { Clock } from '../../../domain/clock.js';
import { seal, unseal } from '../../../secrets/sealed-box.js';
import type { SqlDatabase } from '../../../storage/sql/sql-database.js';
import { sendApiError } from './api-problems.js';

const KEY_PATTERN = /^[A-Za-z0-9_.:-]{1,128}$/;
/** A duplicate arriving while the first attempt runs in another process waits this long, then gets 409. */
const WAIT_MS = 5000;
/** An attempt still "running" after this long died with its process; a retry may take it over. */
const ABANDONED_MS = 120_000;

interface StoredResponse {
  status: number;
  contentType: string;
  payload: string;
}

interface Claim {
  scope: string;
  key: string;
  /** Resolves with the response once this attempt has answered. */
  done: Promise<StoredResponse | undefined>;
  finish: (response: StoredResponse | undefined) => void;
}

interface RecordRow {
  [column: string]: unknown;
  request_hash: string;
  status: 'running' | 'done';
  response: Buffer | null;
  created_at: bigint;
}

export interface IdempotencyLayer {
  /** Runs after authentication: replays a stored answer, refuses a reused key, or claims the key. */
  preHandler: preHandlerAsyncHookHandler;
  /** Stores the answer of a claimed key (2xx–4xx; a 5xx releases the key so the client can retry). */
  onSend: onSendAsyncHookHandler<unknown>;
}

/** Sealed (AES-256-GCM): stored answers may hold session tokens and personal data. */
function sealResponse(key: Buffer, response: StoredResponse): Buffer {
  return seal(key, Buffer.from(JSON.stringify(response), 'utf8'));
}

function unsealResponse(key: Buffer, sealed: Buffer): StoredResponse {
  return JSON.parse(unseal(key, sealed).toString('utf8')) as StoredResponse;
}

/** Keyed (HMAC): bodies hold PINs, and a plain hash of a 6-digit PIN would be reversed in a second. */
function requestHash(key: Buffer, request: FastifyRequest): string {
  const route = request.routeOptions.url ?? request.url;
  return createHmac('sha256', key)
    .update(
      `${request.method} ${route} ${JSON.stringify(request.params)} ${JSON.stringify(request.body ?? null)}`,
    )
    .digest('base64url');
}

function replay(reply: FastifyReply, response: StoredResponse): FastifyReply {
  return reply
    .code(response.status)
    .header('content-type', response.contentType)
    .header('idempotent-replayed', 'true')
    .send(response.payload);
}

/**
 * Answers worth replaying: success and refusals that hold for this exact request. "Try again
 * later" answers (429 rate limits, 409 still running, 5xx) release the key so a retry runs again.
 */
function isFinal(status: number): boolean {
  return status < 500 && status !== 429 && status !== 409;
}

/** Whose keys a request's key is among: the customer's, the merchant's, or the public's. */
export type IdempotencyScopeOf = (request: FastifyRequest) => string;

/** Why a request was refused: no (or a malformed) key, a key used for another request, a key still running. */
export type IdempotencyRefusal =
  | 'idempotency_key_required'
  | 'idempotency_key_reused'
  | 'idempotency_in_progress';

/** Which header carries the key, whether it must come, and how a channel words a refusal. */
export interface IdempotencyHeader {
  name: string;
  pattern: RegExp;
  /** When false, a request without the header simply runs (not idempotent); a malformed one is still refused. */
  required: boolean;
  refuse: (request: FastifyRequest, reply: FastifyReply, refusal: IdempotencyRefusal) => FastifyReply;
}

/** The app and merchant APIs' `Idempotency-Key`, required, refused as problem+json. */
export const IDEMPOTENCY_KEY_HEADER: IdempotencyHeader = {
  name: 'idempotency-key',
  pattern: KEY_PATTERN,
  required: true,
  refuse: sendApiError,
};

export function createIdempotencyLayer(
  db: SqlDatabase,
  key: Buffer,
  clock: Clock,
  scopeOf: IdempotencyScopeOf,
  header: IdempotencyHeader = IDEMPOTENCY_KEY_HEADER,
): IdempotencyLayer {
  const refuse = header.refuse;
  const claims = new WeakMap<FastifyRequest, Claim>();
  const running = new Map<string, { hash: string; done: Promise<StoredResponse | undefined> }>();

  const read = (scope: string, idempotencyKey: string) =>
    db.get<RecordRow>(
      'SELECT request_hash, status, response, created_at FROM idempotency_records WHERE scope = $1 AND key = $2',
      [scope, idempotencyKey],
    );

  const tryClaim = async (scope: string, idempotencyKey: string, hash: string): Promise<boolean> => {
    const now = clock();
    const inserted = await db.run(
      `INSERT INTO idempotency_records (scope, key, request_hash, status, created_at)
       VALUES ($1, $2, $3, 'running', $4) ON CONFLICT (scope, key) DO NOTHING`,
      [scope, idempotencyKey, hash, BigInt(now)],
      // A claim lost in a power cut acknowledged nothing: the retry simply claims again.
      { durable: false },
    );
    if (inserted === 1) return true;
    // Take over an attempt whose process died.
    const taken = await db.run(
      `UPDATE idempotency_records SET created_at = $1
       WHERE scope = $2 AND key = $3 AND request_hash = $4 AND status = 'running' AND created_at < $5`,
      [BigInt(now), scope, idempotencyKey, hash, BigInt(now - ABANDONED_MS)],
      { durable: false },
    );
    return taken === 1;
  };

  /** Waits for the attempt holding the key; undefined when that attempt let the key go (this one may claim it). */
  const answerDuplicate = async (
    request: FastifyRequest,
    reply: FastifyReply,
    scope: string,
    idempotencyKey: string,
    hash: string,
  ): Promise<FastifyReply | undefined> => {
    const deadline = clock() + WAIT_MS;
    for (;;) {
      const row = await read(scope, idempotencyKey);
      if (!row) return undefined;
      if (row.request_hash !== hash) return refuse(request, reply, 'idempotency_key_reused');
      if (row.status === 'done' && row.response) return replay(reply, unsealResponse(key, row.response));
      if (clock() >= deadline) return refuse(request, reply, 'idempotency_in_progress');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  return {
    async preHandler(request, reply) {
      const idempotencyKey = request.headers[header.name];
      if (idempotencyKey === undefined && !header.required) return;
      if (typeof idempotencyKey !== 'string' || !header.pattern.test(idempotencyKey)) {
        return refuse(request, reply, 'idempotency_key_required');
      }
      const scope = scopeOf(request);
      const hash = requestHash(key, request);
      const name = `${scope}\u0000${idempotencyKey}`;
      const local = running.get(name);
      if (local) {
        if (local.hash !== hash) return refuse(request, reply, 'idempotency_key_reused');
        const response = await local.done;
        if (response) return replay(reply, response);
      }
      if (!(await tryClaim(scope, idempotencyKey, hash))) {
        const answered = await answerDuplicate(request, reply, scope, idempotencyKey, hash);
        if (answered) return answered;
        // The other attempt released the key (a try-again answer): run this one if nobody else got there first.
        if (!(await tryClaim(scope, idempotencyKey, hash)))
          return refuse(request, reply, 'idempotency_in_progress');
      }
      let finish: (response: StoredResponse | undefined) => void = () => undefined;
      const done = new Promise<StoredResponse | undefined>((resolve) => {
        finish = resolve;
      });
      running.set(name, { hash, done });
      claims.set(request, { scope, key: idempotencyKey, done, finish });
      reply.raw.once('close', () => {
        // The claim is released however the request ended (answered, aborted or failed).
        if (running.get(name)?.done === done) running.delete(name);
        finish(undefined);
      });
    },
    async onSend(request, reply, payload) {
      const claim = claims.get(request);
      if (!claim) return payload;
      claims.delete(request);
      if (!isFinal(reply.statusCode) || typeof payload !== 'string') {
        await db.run("DELETE FROM idempotency_records WHERE scope = $1 AND key = $2 AND status = 'running'", [
          claim.scope,
          claim.key,
        ]);
        claim.finish(undefined);
        return payload;
      }
      const response: StoredResponse = {
        status: reply.statusCode,
        contentType: String(reply.getHeader('content-type') ?? 'application/json'),
        payload,
      };
      // Not waited for: the change this answer reports was made durable by the handler itself; after a power
      // cut a retry finds the record missing and runs again, and the domain answers it from what it stored.
      await db.run(
        "UPDATE idempotency_records SET status = 'done', response = $1 WHERE scope = $2 AND key = $3",
        [sealResponse(key, response), claim.scope, claim.key],
        { durable: false },
      );
      claim.finish(response);
      return payload;
    },
  };
}
