// The logged-in customer's own profile and bound devices.
import { Type } from '@sinclair/typebox';
import { findCustomer } from '../../../domain/customers/customer-queries.js';
import { listDevices, revokeDevice } from '../../../domain/customers/devices.js';
import { paymentUsage } from '../../../domain/payments/usage.js';
import { formatAmount } from '../../../money/index.js';
import type { ApiDeps, ApiScope } from './api-deps.js';
import { sendApiError } from './api-problems.js';
import { iso, problemReplies } from './schemas.js';
import { BEARER_SECURITY, principalOf } from './session-auth.js';

const LimitSchema = Type.Object({ limit: Type.String(), used: Type.String() });

export function registerMeRoutes(app: ApiScope, deps: ApiDeps): void {
  const { ctx } = deps.platform;

  app.get(
    '/me',
    {
      preHandler: deps.session,
      schema: {
        tags: ['customers'],
        summary: 'My profile: number, tier, limits and what is used of them, lock states',
        security: BEARER_SECURITY,
        response: {
          200: Type.Object({
            id: Type.String(),
            phone: Type.String(),
            name: Type.Union([Type.String(), Type.Null()]),
            tier: Type.String(),
            locale: Type.String(),
            locked: Type.Boolean(),
            pinLocked: Type.Boolean(),
            passwordFree: Type.Boolean(),
            createdAt: Type.String({ format: 'date-time' }),
            limits: Type.Object({
              currency: Type.String(),
              perTransaction: Type.String(),
              perDay: LimitSchema,
              perMonth: LimitSchema,
              perYear: LimitSchema,
              lifetime: Type.Union([LimitSchema, Type.Null()]),
              balanceCap: Type.String(),
            }),
          }),
          ...problemReplies({ 401: 'Not logged in' }),
        },
      },
    },
    async (request, reply) => {
      const customer = await findCustomer(ctx.db, principalOf(request).customerId);
      if (!customer) return sendApiError(request, reply, 'unauthorized');
      const { currency, timeZone } = ctx.settings;
      const tier = ctx.settings.tiers[customer.tier];
      const { limits: usage } = await paymentUsage(ctx.db, customer.id, ctx.clock(), {
        timeZone,
        lifetime: tier.lifetime !== null,
      });
      const money = (value: bigint) => formatAmount({ value, currency });
      const window = (limit: bigint, used: bigint) => ({ limit: money(limit), used: money(used) });
      return {
        id: customer.id,
        phone: customer.phone,
        name: customer.name,
        tier: customer.tier,
        locale: customer.locale,
        locked: customer.lockedAt !== null,
        pinLocked: customer.pinLockedAt !== null,
        passwordFree: customer.passwordFree,
        createdAt: iso(customer.createdAt),
        limits: {
          currency,
          perTransaction: money(tier.perTransaction),
          perDay: window(tier.perDay, usage.day),
          perMonth: window(tier.perMonth, usage.month),
          perYear: window(tier.perYear, usage.year),
          lifetime: tier.lifetime === null ? null : window(tier.lifetime, usage.lifetime),
          balanceCap: money(tier.balanceCap),
        },
      };
    },
  );

  app.get(
    '/me/devices',
    {
      preHandler: deps.session,
      schema: {
        tags: ['customers'],
        summary: 'The devices my wallet is bound to',
        security: BEARER_SECURITY,
        response: {
          200: Type.Object({
            devices: Type.Array(
              Type.Object({
                id: Type.String(),
                name: Type.String(),
                boundAt: Type.String({ format: 'date-time' }),
                lastSeenAt: Type.String({ format: 'date-time' }),
                current: Type.Boolean(),
              }),
            ),
          }),
          ...problemReplies({ 401: 'Not logged in' }),
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const devices = await listDevices(ctx, principal.customerId, principal.deviceId);
      return {
        devices: devices.map((d) => ({ ...d, boundAt: iso(d.boundAt), lastSeenAt: iso(d.lastSeenAt) })),
      };
    },
  );

  app.delete(
    '/me/devices/:deviceId',
    {
      preHandler: deps.session,
      schema: {
        tags: ['customers'],
        summary: 'Unbind one of my devices; its sessions end at once',
        security: BEARER_SECURITY,
        params: Type.Object({ deviceId: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: { 204: Type.Null(), ...problemReplies({ 401: 'Not logged in', 404: 'No such device' }) },
      },
    },
    async (request, reply) => {
      const result = await revokeDevice(ctx, principalOf(request).customerId, request.params.deviceId);
      if (result !== 'ok') return sendApiError(request, reply, result);
      return reply.code(204).send(null);
    },
  );
}
