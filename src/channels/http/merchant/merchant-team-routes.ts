// The merchant's team over the merchant API (owners): users with roles listed, added, re-roled and removed.
import { Type } from '@sinclair/typebox';
import type { MerchantRole } from '../../../domain/merchants/merchant-outlets.js';
import {
  addTeamMember,
  changeMemberRole,
  listTeam,
  removeMember,
} from '../../../domain/merchants/merchant-team.js';
import type { ApiScope } from '../api/api-deps.js';
import { sendRefusal } from '../api/api-problems.js';
import { IdempotencyHeaders, iso, PhoneText, problemReplies } from '../api/schemas.js';
import { actorOf, merchantOf, SIGNED_SECURITY } from './merchant-auth.js';
import type { MerchantApiDeps } from './merchant-deps.js';
import { IdParam } from './merchant-schemas.js';

const tags = ['merchant portal'];
const config = { merchantAccess: 'owner' } as const;
const Role = Type.Union([Type.Literal('owner'), Type.Literal('manager'), Type.Literal('cashier')]);
const UserParams = Type.Object({ userId: IdParam });

const MemberSchema = Type.Object({
  id: Type.String(),
  phone: Type.String(),
  name: Type.String(),
  role: Role,
  storeId: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});

const refusals = (extra: Record<number, string>) =>
  problemReplies({ 401: 'Not signed or logged in', 403: 'Role not allowed', ...extra });

export function registerMerchantTeamRoutes(app: ApiScope, deps: MerchantApiDeps): void {
  const { ctx } = deps.platform;

  app.get(
    '/team',
    {
      config,
      schema: {
        tags,
        summary: 'The users of this merchant and their roles, owners first',
        security: SIGNED_SECURITY,
        response: { 200: Type.Array(MemberSchema), ...refusals({}) },
      },
    },
    async (request) =>
      (await listTeam(ctx.db, merchantOf(request).id)).map((member) => ({
        ...member,
        createdAt: iso(member.createdAt),
      })),
  );

  app.post(
    '/team',
    {
      config,
      preHandler: deps.idempotent,
      schema: {
        tags,
        summary: 'Add a user (they log in to the portal with an SMS code to this phone)',
        security: SIGNED_SECURITY,
        headers: IdempotencyHeaders,
        body: Type.Object(
          {
            phone: PhoneText,
            name: Type.String({ minLength: 1, maxLength: 100 }),
            role: Role,
            storeId: Type.Optional(IdParam),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ id: Type.String() }),
          ...refusals({ 404: 'No such store', 409: 'Already a user', 422: 'Invalid' }),
        },
      },
    },
    async (request, reply) => {
      const result = await addTeamMember(ctx, merchantOf(request).id, request.body, actorOf(request));
      if (!result.ok) return sendRefusal(request, reply, result);
      return reply.code(201).send({ id: result.id });
    },
  );

  app.patch(
    '/team/:userId',
    {
      config,
      preHandler: deps.idempotent,
      schema: {
        tags,
        summary: "Change a user's role (the last owner cannot be demoted)",
        security: SIGNED_SECURITY,
        headers: IdempotencyHeaders,
        params: UserParams,
        body: Type.Object({ role: Role }, { additionalProperties: false }),
        response: {
          200: Type.Object({ id: Type.String(), role: Role }),
          ...refusals({ 404: 'No such user', 409: 'The last owner' }),
        },
      },
    },
    async (request, reply) => {
      const { userId } = request.params;
      const role: MerchantRole = request.body.role;
      const result = await changeMemberRole(ctx, merchantOf(request).id, userId, role, actorOf(request));
      if (!result.ok) return sendRefusal(request, reply, result);
      return { id: userId, role };
    },
  );

  app.delete(
    '/team/:userId',
    {
      config,
      schema: {
        tags,
        summary: 'Remove a user: they can no longer log in and their sessions end (the last owner stays)',
        description: 'Removing a user again answers 404: nothing more happens.',
        security: SIGNED_SECURITY,
        params: UserParams,
        response: { 204: Type.Null(), ...refusals({ 404: 'No such user', 409: 'The last owner' }) },
      },
    },
    async (request, reply) => {
      const result = await removeMember(ctx, merchantOf(request).id, request.params.userId, actorOf(request));
      if (!result.ok) return sendRefusal(request, reply, result);
      return reply.code(204).send(null);
    },
  );
}
