// Merchant portal login over the merchant API: an SMS code to a merchant user's phone, then a bearer session; logout.
import { Type } from '@sinclair/typebox';
import { normalizePhone } from '../../../domain/customers/phone.js';
import { portalLogIn, requestPortalCode } from '../../../domain/merchants/portal-login.js';
import { endPortalSession } from '../../../domain/merchants/portal-sessions.js';
import type { ApiScope } from '../api/api-deps.js';
import { prefersChinese, sendApiError, sendRefusal } from '../api/api-problems.js';
import { IdempotencyHeaders, iso, LocaleSchema, PhoneText, problemReplies } from '../api/schemas.js';
import { callerOf, PORTAL_SECURITY } from './merchant-auth.js';
import type { MerchantApiDeps } from './merchant-deps.js';
import { IdParam } from './merchant-schemas.js';

const tags = ['merchant portal'];

const MembershipSchema = Type.Object({
  merchantId: Type.String(),
  merchantName: Type.String(),
  role: Type.String(),
});

export function registerMerchantSessionRoutes(app: ApiScope, deps: MerchantApiDeps): void {
  const { ctx } = deps.platform;

  app.post(
    '/session/code',
    {
      config: { merchantAccess: 'public' },
      preHandler: deps.idempotent,
      schema: {
        tags,
        summary: "Send a 6-digit login code to a merchant user's phone",
        description:
          'The answer is the same whether or not the number belongs to a user of an active merchant; only such ' +
          'users get an SMS. Codes are rate-limited per number and per client address.',
        headers: IdempotencyHeaders,
        body: Type.Object(
          { phone: PhoneText, locale: Type.Optional(LocaleSchema) },
          { additionalProperties: false },
        ),
        response: {
          202: Type.Object({ expiresAt: Type.String({ format: 'date-time' }) }),
          ...problemReplies({ 422: 'Not a mobile number', 429: 'Rate limited' }),
        },
      },
    },
    async (request, reply) => {
      const phone = normalizePhone(request.body.phone, ctx.settings.defaultRegion);
      if (!phone.ok) return sendApiError(request, reply, phone.error);
      const locale = request.body.locale ?? (prefersChinese(request) ? 'zh-CN' : 'en');
      const result = await requestPortalCode(ctx, { phone: phone.e164, clientAddress: request.ip, locale });
      if (!result.ok) {
        reply.header('retry-after', Math.ceil(result.retryAfterMs / 1000));
        return sendApiError(request, reply, result.error);
      }
      return reply.code(202).send({ expiresAt: iso(result.expiresAt) });
    },
  );

  app.post(
    '/session',
    {
      config: { merchantAccess: 'public' },
      preHandler: deps.idempotent,
      schema: {
        tags,
        summary: 'Log in to the merchant portal with the SMS code: a bearer session token',
        description:
          'A number that is a user of several merchants gets 200 with the merchants to choose from (the code ' +
          'stays usable); send it again with `merchantId`. Sessions end after 12 hours, or 30 idle minutes.',
        headers: IdempotencyHeaders,
        body: Type.Object(
          {
            phone: PhoneText,
            code: Type.String({ minLength: 1, maxLength: 16 }),
            merchantId: Type.Optional(IdParam),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ choose: Type.Array(MembershipSchema) }),
          201: Type.Object({
            token: Type.String(),
            expiresAt: Type.String({ format: 'date-time' }),
            merchant: MembershipSchema,
          }),
          ...problemReplies({
            403: 'Too many wrong codes, or this number cannot log in to that merchant',
            404: 'No code was sent to this number',
            409: 'Code already used',
            410: 'Code expired',
            422: 'Wrong code',
          }),
        },
      },
    },
    async (request, reply) => {
      const phone = normalizePhone(request.body.phone, ctx.settings.defaultRegion);
      if (!phone.ok) return sendApiError(request, reply, phone.error);
      const { code, merchantId } = request.body;
      const result = await portalLogIn(ctx, {
        phone: phone.e164,
        code,
        ...(merchantId ? { merchantId } : {}),
      });
      if (!result.ok) return sendRefusal(request, reply, result);
      if ('choose' in result) {
        return { choose: result.choose.map(({ userId: _, ...membership }) => membership) };
      }
      const { userId: _, ...membership } = result.membership;
      return reply.code(201).send({
        token: result.session.token,
        expiresAt: iso(result.session.expiresAt),
        merchant: membership,
      });
    },
  );

  app.delete(
    '/session',
    {
      config: { merchantAccess: 'session' },
      schema: {
        tags,
        summary: 'Log out: the session token stops working',
        security: PORTAL_SECURITY,
        response: { 204: Type.Null(), ...problemReplies({ 401: 'Not logged in' }) },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      if (caller.kind === 'session') await endPortalSession(ctx, caller.sessionId);
      return reply.code(204).send(null);
    },
  );
}
