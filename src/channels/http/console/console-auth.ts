// Console API authentication and authorisation: the staff bearer token, and one permission per route (403 otherwise).
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { DomainContext } from '../../../domain/context.js';
import type { Permission } from '../../../domain/staff/roles.js';
import { authenticateStaff, type StaffPrincipal } from '../../../domain/staff/staff-sessions.js';
import { sendApiError } from '../api/api-problems.js';

const principals = new WeakMap<FastifyRequest, StaffPrincipal>();

/** The staff member an authenticated route's preHandler resolved; a bug if called on a public route. */
export function staffOf(request: FastifyRequest): StaffPrincipal {
  const principal = principals.get(request);
  if (!principal) throw new Error('staffOf called on a route without staff authentication');
  return principal;
}

/** The staff member, if the request carried a valid staff session (idempotency scopes). */
export function optionalStaffOf(request: FastifyRequest): StaffPrincipal | undefined {
  return principals.get(request);
}

export function staffToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9_-]{1,100})$/.exec(header) : null;
  return match?.[1];
}

/** Resolves the staff session, or answers 401. */
export function requireStaff(ctx: DomainContext): preHandlerAsyncHookHandler {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const token = staffToken(request);
    const principal = token === undefined ? undefined : await authenticateStaff(ctx, token);
    if (!principal) {
      reply.header('www-authenticate', 'Bearer');
      return sendApiError(request, reply, 'unauthorized');
    }
    principals.set(request, principal);
  };
}

/**
 * After requireStaff: answers 403 unless one of the staff member's roles grants the permission, and, until a
 * generated initial password is replaced, to everything that needs a permission (only /me, the password change
 * and logging out are open then).
 */
export function requirePermission(permission: Permission): preHandlerAsyncHookHandler {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const staff = staffOf(request);
    if (staff.passwordChangeRequired) return sendApiError(request, reply, 'password_change_required');
    if (!staff.permissions.includes(permission)) return sendApiError(request, reply, 'forbidden');
  };
}

/** The security requirement of a console route in the OpenAPI document. */
export const STAFF_SECURITY = [{ staffSession: [] }];
