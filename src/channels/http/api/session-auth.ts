// Bearer-token authentication for the app API: resolves the session to its customer, or answers 401.
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { DomainContext } from '../../../domain/context.js';
import { authenticate, type SessionPrincipal } from '../../../domain/customers/sessions.js';
import { sendApiError } from './api-problems.js';

const principals = new WeakMap<FastifyRequest, SessionPrincipal>();

/** The principal an authenticated route's preHandler resolved; a bug if called on a public route. */
export function principalOf(request: FastifyRequest): SessionPrincipal {
  const principal = principals.get(request);
  if (!principal) throw new Error('principalOf called on a route without session authentication');
  return principal;
}

/** The principal if the request carried a valid session (for routes open to both). */
export function optionalPrincipalOf(request: FastifyRequest): SessionPrincipal | undefined {
  return principals.get(request);
}

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9_-]{1,100})$/.exec(header) : null;
  return match?.[1];
}

export function requireSession(ctx: DomainContext): preHandlerAsyncHookHandler {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const token = bearerToken(request);
    const principal = token === undefined ? undefined : await authenticate(ctx, token);
    if (!principal) {
      reply.header('www-authenticate', 'Bearer');
      return sendApiError(request, reply, 'unauthorized');
    }
    principals.set(request, principal);
  };
}

/** The security requirement for an authenticated route in the OpenAPI document. */
export const BEARER_SECURITY = [{ session: [] }];
