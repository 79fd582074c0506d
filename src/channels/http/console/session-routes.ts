// Console sign-in: staff log in with username, password and TOTP code, see who they are, change their password, log out.
import { Type } from '@sinclair/typebox';
import { PERMISSIONS, STAFF_ROLES } from '../../../domain/staff/roles.js';
import { staffLogin } from '../../../domain/staff/staff-login.js';
import { changeStaffPassword } from '../../../domain/staff/staff-password.js';
import { endStaffSession } from '../../../domain/staff/staff-sessions.js';
import type { ApiScope } from '../api/api-deps.js';
import { sendApiError } from '../api/api-problems.js';
import { IdempotencyHeaders, iso, problemReplies } from '../api/schemas.js';
import { STAFF_SECURITY, staffOf } from './console-auth.js';
import type { ConsoleDeps } from './console-deps.js';

export const RoleSchema = Type.Union(STAFF_ROLES.map((role) => Type.Literal(role)));
const PermissionSchema = Type.Union(PERMISSIONS.map((permission) => Type.Literal(permission)));

const MeSchema = Type.Object({
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(RoleSchema),
  permissions: Type.Array(PermissionSchema),
  passwordChangeRequired: Type.Boolean({
    description:
      'A generated initial password is in use: only POST /me/password (and logging out) is allowed',
  }),
});

export function registerSessionRoutes(app: ApiScope, deps: ConsoleDeps): void {
  const { ctx } = deps.platform;

  app.post(
    '/session',
    {
      schema: {
        tags: ['console'],
        summary: 'Staff log in: username, password and the current code of their authenticator app (TOTP)',
        body: Type.Object(
          {
            username: Type.String({ minLength: 1, maxLength: 64 }),
            password: Type.String({ minLength: 1, maxLength: 256 }),
            totp: Type.String({ minLength: 1, maxLength: 16, examples: ['287082'] }),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            token: Type.String({ description: 'Bearer token for the Authorization header' }),
            expiresAt: Type.String({ format: 'date-time' }),
            idleTimeoutSeconds: Type.Integer(),
            staff: MeSchema,
          }),
          ...problemReplies({
            401: 'Wrong credentials, or the account is locked or disabled (one answer for all)',
          }),
        },
      },
    },
    async (request, reply) => {
      const result = await staffLogin(ctx, request.body);
      if (!result.ok) return sendApiError(request, reply, result.error);
      const { session } = result;
      return reply.code(201).send({
        token: session.token,
        expiresAt: iso(session.expiresAt),
        idleTimeoutSeconds: session.idleTimeoutMs / 1000,
        staff: session.staff,
      });
    },
  );

  app.delete(
    '/session',
    {
      preHandler: deps.staff,
      schema: {
        tags: ['console'],
        summary: 'Log out: the token stops working at once',
        security: STAFF_SECURITY,
        response: { 204: Type.Null(), ...problemReplies({ 401: 'Not logged in' }) },
      },
    },
    async (request, reply) => {
      await endStaffSession(ctx, staffOf(request));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me',
    {
      preHandler: deps.staff,
      schema: {
        tags: ['console'],
        summary: 'Who I am: name, roles and what they allow',
        security: STAFF_SECURITY,
        response: { 200: MeSchema, ...problemReplies({ 401: 'Not logged in' }) },
      },
    },
    async (request) => {
      const me = staffOf(request);
      return {
        username: me.username,
        displayName: me.displayName,
        roles: me.roles,
        permissions: me.permissions,
        passwordChangeRequired: me.passwordChangeRequired,
      };
    },
  );

  app.post(
    '/me/password',
    {
      preHandler: [deps.staff, deps.idempotent],
      schema: {
        tags: ['console'],
        summary: 'Change my password (the initial one is shown once): my other sessions end',
        security: STAFF_SECURITY,
        headers: IdempotencyHeaders,
        body: Type.Object(
          {
            currentPassword: Type.String({ minLength: 1, maxLength: 256 }),
            newPassword: Type.String({ minLength: 1, maxLength: 256 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ status: Type.Literal('changed') }),
          ...problemReplies({
            401: 'Not logged in',
            403: 'Current password wrong',
            422: 'New password too weak',
          }),
        },
      },
    },
    async (request, reply) => {
      const result = await changeStaffPassword(ctx, staffOf(request), request.body);
      if (!result.ok) return sendApiError(request, reply, result.error);
      return { status: 'changed' as const };
    },
  );
}
