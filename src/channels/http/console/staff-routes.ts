// Staff administration in the console: the staff list, a new one-time password for someone who lost theirs, disabling.
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { staffActor } from '../../../domain/staff/staff.js';
import { disableStaff, listStaff, resetStaffPassword } from '../../../domain/staff/staff-accounts.js';
import type { ApiScope } from '../api/api-deps.js';
import { sendApiError } from '../api/api-problems.js';
import { IdempotencyHeaders, iso, problemReplies } from '../api/schemas.js';
import { STAFF_SECURITY, staffOf } from './console-auth.js';
import type { ConsoleDeps } from './console-deps.js';
import { RoleSchema } from './session-routes.js';

const UsernameParams = Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }) });

const ACTION_REPLIES = problemReplies({
  401: 'Not logged in',
  403: 'Not an administrator',
  404: 'No such staff account',
  409: 'Your own account, or (for a new password) a disabled one',
});

/** The account named in the path and the acting administrator, unless it is their own account. */
function otherAccount(
  request: FastifyRequest,
  username: string,
): { username: string; actor: string } | undefined {
  const me = staffOf(request);
  return username === me.username ? undefined : { username, actor: staffActor(me.username) };
}

export function registerStaffRoutes(app: ApiScope, deps: ConsoleDeps): void {
  const { ctx } = deps.platform;

  app.get(
    '/staff',
    {
      preHandler: deps.guard('staff.list'),
      schema: {
        tags: ['console'],
        summary: 'Every staff account (administrators)',
        security: STAFF_SECURITY,
        response: {
          200: Type.Object({
            staff: Type.Array(
              Type.Object({
                username: Type.String(),
                displayName: Type.String(),
                roles: Type.Array(RoleSchema),
                status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
                lockedUntil: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
                passwordChangeRequired: Type.Boolean({
                  description:
                    'Still on a generated password (initial or reset): must choose their own at login',
                }),
                createdAt: Type.String({ format: 'date-time' }),
              }),
            ),
          }),
          ...problemReplies({ 401: 'Not logged in', 403: 'Not an administrator' }),
        },
      },
    },
    async () => ({
      staff: (await listStaff(ctx)).map((member) => ({
        username: member.username,
        displayName: member.displayName,
        roles: member.roles,
        status: member.status,
        lockedUntil: member.lockedUntil === null ? null : iso(member.lockedUntil),
        passwordChangeRequired: member.passwordChangeRequired,
        createdAt: iso(member.createdAt),
      })),
    }),
  );

  app.post(
    '/staff/:username/password-reset',
    {
      preHandler: deps.guard('staff.manage', { changes: true }),
      schema: {
        tags: ['console'],
        summary:
          'Give a staff member a new one-time password (shown once): their sessions end, a login lockout lifts, and they choose their own password at the next login',
        security: STAFF_SECURITY,
        params: UsernameParams,
        headers: IdempotencyHeaders,
        response: {
          201: Type.Object({
            username: Type.String(),
            oneTimePassword: Type.String({
              description: 'Hand it over in person; it is not stored in clear',
            }),
          }),
          ...ACTION_REPLIES,
        },
      },
    },
    async (request, reply) => {
      const target = otherAccount(request, request.params.username);
      if (!target) return sendApiError(request, reply, 'staff_self');
      const result = await resetStaffPassword(ctx, target.username, target.actor);
      if (!result.ok) return sendApiError(request, reply, result.error);
      return reply.code(201).send({ username: target.username, oneTimePassword: result.oneTimePassword });
    },
  );

  app.post(
    '/staff/:username/disable',
    {
      preHandler: deps.guard('staff.manage', { changes: true }),
      schema: {
        tags: ['console'],
        summary: 'Disable a staff account: its sessions end at once and it can no longer log in',
        security: STAFF_SECURITY,
        params: UsernameParams,
        headers: IdempotencyHeaders,
        response: {
          200: Type.Object({ username: Type.String(), status: Type.Literal('disabled') }),
          ...ACTION_REPLIES,
        },
      },
    },
    async (request, reply) => {
      const target = otherAccount(request, request.params.username);
      if (!target) return sendApiError(request, reply, 'staff_self');
      const result = await disableStaff(ctx, target.username, target.actor);
      if (!result.ok) return sendApiError(request, reply, result.error);
      return { username: target.username, status: 'disabled' as const };
    },
  );
}
