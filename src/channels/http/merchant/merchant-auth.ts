// Merchant API authentication: keeps each JSON body's exact text and checks the request's HMAC signature.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DomainContext } from '../../../domain/context.js';
import type { Merchant } from '../../../domain/merchants/merchant.js';
import { verifyMerchantRequest } from '../../../domain/merchants/merchant-credentials.js';
import { sendApiError } from '../api/api-problems.js';

const rawBodies = new WeakMap<FastifyRequest, string>();
const merchants = new WeakMap<FastifyRequest, { merchant: Merchant; keyId: string }>();

/** JSON bodies are parsed from their exact text, which is kept: the signature covers those bytes. */
export function keepRawJsonBodies(scope: FastifyInstance): void {
  scope.removeContentTypeParser('application/json');
  scope.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = String(body);
    rawBodies.set(request, text);
    try {
      done(null, text === '' ? undefined : JSON.parse(text));
    } catch {
      done(Object.assign(new Error('The body is not valid JSON.'), { statusCode: 400 }), undefined);
    }
  });
}

/** The merchant a signed request came from; a bug if called on a route without merchant authentication. */
export function merchantOf(request: FastifyRequest): Merchant {
  const found = merchants.get(request);
  if (!found) throw new Error('merchantOf called on a route without merchant authentication');
  return found.merchant;
}

export function keyIdOf(request: FastifyRequest): string {
  const found = merchants.get(request);
  if (!found) throw new Error('keyIdOf called on a route without merchant authentication');
  return found.keyId;
}

/** The merchant, if the request was authenticated as one (for idempotency scopes and rate limits). */
export function optionalMerchantOf(request: FastifyRequest): Merchant | undefined {
  return merchants.get(request)?.merchant;
}

/** A preValidation hook: refuses unsigned, wrongly signed, stale and replayed requests, and closed merchants. */
export function requireMerchantSignature(ctx: DomainContext) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers.authorization;
    const verified = await verifyMerchantRequest(ctx, typeof header === 'string' ? header : undefined, {
      method: request.method,
      path: request.url,
      body: rawBodies.get(request) ?? '',
    });
    if (!verified.ok) {
      reply.header('www-authenticate', 'MWALLET-HMAC-SHA256');
      return sendApiError(request, reply, verified.error);
    }
    if (verified.merchant.status === 'closed') return sendApiError(request, reply, 'merchant_closed');
    merchants.set(request, { merchant: verified.merchant, keyId: verified.keyId });
  };
}

/** The security requirement of a signed route in the OpenAPI document. */
export const SIGNED_SECURITY = [{ merchantSignature: [] }];
