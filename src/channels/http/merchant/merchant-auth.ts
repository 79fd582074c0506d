// Merchant API authentication: an HMAC-signed request (API key, full access) or a portal session checked against its role.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DomainContext } from '../../../domain/context.js';
import type { Merchant } from '../../../domain/merchants/merchant.js';
import { verifyMerchantRequest } from '../../../domain/merchants/merchant-credentials.js';
import type { MerchantRole } from '../../../domain/merchants/merchant-outlets.js';
import { authenticatePortal, type PortalUser } from '../../../domain/merchants/portal-sessions.js';
import { sendApiError } from '../api/api-problems.js';

/**
 * Who may call a route: anyone (`public`, the login steps), a portal session only (`session`), or an API key
 * and any portal user holding at least this role. Routes that say nothing are for owners.
 */
export type MerchantAccess = 'public' | 'session' | MerchantRole;

declare module 'fastify' {
  interface FastifyContextConfig {
    merchantAccess?: MerchantAccess;
  }
}

/** An authenticated caller: the merchant's server with an API key, or a person logged in to the portal. */
export type MerchantCaller =
  | { kind: 'key'; merchant: Merchant; keyId: string }
  | { kind: 'session'; merchant: Merchant; sessionId: string; user: PortalUser };

const rawBodies = new WeakMap<FastifyRequest, string>();
const callers = new WeakMap<FastifyRequest, MerchantCaller>();

const RANK: Record<MerchantRole, number> = { cashier: 0, manager: 1, owner: 2 };

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

/** The caller of an authenticated route; a bug if called on a public route. */
export function callerOf(request: FastifyRequest): MerchantCaller {
  const caller = callers.get(request);
  if (!caller) throw new Error('callerOf called on a route without merchant authentication');
  return caller;
}

/** The merchant an authenticated request came from. */
export function merchantOf(request: FastifyRequest): Merchant {
  return callerOf(request).merchant;
}

/**
 * The store a portal user was assigned to: they see that store's payments only. Owners and API keys (and
 * users without a store) see every store's.
 */
export function storeScopeOf(request: FastifyRequest): string | undefined {
  const caller = callerOf(request);
  if (caller.kind !== 'session' || caller.user.role === 'owner') return undefined;
  return caller.user.storeId ?? undefined;
}

/** Who the audit log names for a change: the merchant (API key) or the portal user. */
export function actorOf(request: FastifyRequest): string {
  const caller = callerOf(request);
  return caller.kind === 'key' ? `merchant:${caller.merchant.id}` : `merchant-user:${caller.user.id}`;
}

/** The merchant, if the request was authenticated as one (for idempotency scopes and rate limits). */
export function optionalMerchantOf(request: FastifyRequest): Merchant | undefined {
  return callers.get(request)?.merchant;
}

const BEARER = /^Bearer ([A-Za-z0-9_-]{1,100})$/;

async function authenticateSession(
  ctx: DomainContext,
  request: FastifyRequest,
  reply: FastifyReply,
  header: string,
  access: Exclude<MerchantAccess, 'public'>,
) {
  const token = BEARER.exec(header)?.[1];
  const principal = token === undefined ? undefined : await authenticatePortal(ctx, token);
  if (!principal) {
    reply.header('www-authenticate', 'Bearer');
    return sendApiError(request, reply, 'session_invalid');
  }
  const { role } = principal.user;
  if (access !== 'session' && RANK[role] < RANK[access]) {
    return sendApiError(request, reply, 'role_forbidden', {
      reason: `needs the ${access} role; you are ${role}`,
    });
  }
  callers.set(request, { kind: 'session', ...principal });
  return undefined;
}

/**
 * A preValidation hook: a Bearer token must be a live portal session whose role the route allows; anything
 * else must be a valid signature (unsigned, wrongly signed, stale and replayed requests are refused), of a
 * merchant that is not closed.
 */
export function requireMerchantCaller(ctx: DomainContext) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const access = request.routeOptions.config.merchantAccess ?? 'owner';
    if (access === 'public') return;
    const header = request.headers.authorization;
    if (typeof header === 'string' && header.startsWith('Bearer ')) {
      return authenticateSession(ctx, request, reply, header, access);
    }
    if (access === 'session') return sendApiError(request, reply, 'session_invalid');
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
    callers.set(request, { kind: 'key', merchant: verified.merchant, keyId: verified.keyId });
  };
}

/** The security requirement of a route open to API keys and portal sessions, in the OpenAPI document. */
export const SIGNED_SECURITY: { [scheme: string]: string[] }[] = [
  { merchantSignature: [] },
  { merchantSession: [] },
];
/** The security requirement of a route for portal sessions only. */
export const PORTAL_SECURITY = [{ merchantSession: [] }];
