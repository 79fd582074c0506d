// What every bearer-token JSON API scope (app API, console API) sets up first: rate limit, NUL refusal, Idempotency-Key.
import rateLimit from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../../domain/platform.js';
import type { ApiScope } from './api-deps.js';
import { createIdempotencyLayer, type IdempotencyLayer, type IdempotencyScopeOf } from './idempotency.js';
import { refuseNul } from './refuse-nul.js';

export interface GuardedScopeOptions {
  platform: Platform;
  /** Key for the answers stored under Idempotency-Keys (encrypted at rest). */
  idempotencyKey: Buffer;
  /** Requests per minute per client address; 0 turns rate limiting off. */
  rateLimitPerMinute: number;
}

/** Registers the guards on `scope` and returns it typed for TypeBox routes, with its idempotency layer. */
export async function guardScope(
  scope: FastifyInstance,
  options: GuardedScopeOptions,
  idempotencyScopeOf: IdempotencyScopeOf,
): Promise<{ api: ApiScope; idempotency: IdempotencyLayer }> {
  if (options.rateLimitPerMinute > 0) {
    await scope.register(rateLimit, { max: options.rateLimitPerMinute, timeWindow: 60_000 });
  }
  const { ctx } = options.platform;
  const idempotency = createIdempotencyLayer(ctx.db, options.idempotencyKey, ctx.clock, idempotencyScopeOf);
  scope.addHook('preValidation', refuseNul);
  scope.addHook('onSend', idempotency.onSend);
  return { api: scope.withTypeProvider<TypeBoxTypeProvider>(), idempotency };
}
