// SMS codes over the app API: request one for a number and purpose, verify it for a single-use token.
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { findCustomer, findCustomerByPhone } from '../../../domain/customers/customer-queries.js';
import {
  type OtpPurpose,
  type RequestCodeResult,
  requestCode,
  verifyCode,
} from '../../../domain/customers/otp.js';
import { normalizePhone } from '../../../domain/customers/phone.js';
import type { ApiDeps, ApiScope } from './api-deps.js';
import { prefersChinese, sendApiError, sendRefusal } from './api-problems.js';
import { IdempotencyHeaders, iso, LocaleSchema, PhoneText, problemReplies } from './schemas.js';
import { BEARER_SECURITY, principalOf } from './session-auth.js';

/** Purposes anyone may ask a code for, by phone number. */
const PublicPurpose = Type.Union([
  Type.Literal('register'),
  Type.Literal('login'),
  Type.Literal('reset_pin'),
  Type.Literal('lock'),
  Type.Literal('unlock'),
]);
/** Purposes a logged-in customer asks for, sent to their own number. */
const SessionPurpose = Type.Union([Type.Literal('payment'), Type.Literal('close')]);

const ChallengeSchema = Type.Object({
  challengeId: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
});

/** 202 with the challenge, or 429 with Retry-After. */
function answerChallenge(request: FastifyRequest, reply: FastifyReply, result: RequestCodeResult) {
  if (!result.ok) {
    reply.header('retry-after', Math.ceil(result.retryAfterMs / 1000));
    return sendApiError(request, reply, result.error);
  }
  return reply.code(202).send({ challengeId: result.challengeId, expiresAt: iso(result.expiresAt) });
}

export function registerOtpRoutes(app: ApiScope, deps: ApiDeps): void {
  const { ctx } = deps.platform;
  const send = async (
    phone: string,
    purpose: OtpPurpose,
    clientAddress: string,
    locale: 'zh-CN' | 'en',
    deliver: boolean,
  ) => requestCode(ctx, { phone, purpose, clientAddress, locale, deliver });

  app.post(
    '/otp',
    {
      preHandler: deps.idempotent,
      schema: {
        tags: ['customers'],
        summary:
          'Send a 6-digit SMS code to a number (registration, login on a new device, PIN reset, lock, unlock)',
        description:
          'The reply is the same whether or not the number has a wallet; codes for login, reset, lock and unlock reach only registered numbers.',
        headers: IdempotencyHeaders,
        body: Type.Object(
          { phone: PhoneText, purpose: PublicPurpose, locale: Type.Optional(LocaleSchema) },
          { additionalProperties: false },
        ),
        response: {
          202: ChallengeSchema,
          ...problemReplies({ 422: 'Not a mobile number', 429: 'Rate limited' }),
        },
      },
    },
    async (request, reply) => {
      const phone = normalizePhone(request.body.phone, ctx.settings.defaultRegion);
      if (!phone.ok) return sendApiError(request, reply, phone.error);
      const customer = await findCustomerByPhone(ctx.db, phone.e164);
      const locale = customer?.locale ?? request.body.locale ?? (prefersChinese(request) ? 'zh-CN' : 'en');
      const deliver = request.body.purpose === 'register' || customer !== undefined;
      const result = await send(phone.e164, request.body.purpose, request.ip, locale, deliver);
      return answerChallenge(request, reply, result);
    },
  );

  app.post(
    '/me/otp',
    {
      preHandler: [deps.session, deps.idempotent],
      schema: {
        tags: ['customers'],
        summary: 'Send an SMS code to my own number (to confirm a payment or close the wallet)',
        security: BEARER_SECURITY,
        headers: IdempotencyHeaders,
        body: Type.Object({ purpose: SessionPurpose }, { additionalProperties: false }),
        response: { 202: ChallengeSchema, ...problemReplies({ 401: 'Not logged in', 429: 'Rate limited' }) },
      },
    },
    async (request, reply) => {
      const customer = await findCustomer(ctx.db, principalOf(request).customerId);
      if (!customer) return sendApiError(request, reply, 'unauthorized');
      const result = await send(customer.phone, request.body.purpose, request.ip, customer.locale, true);
      return answerChallenge(request, reply, result);
    },
  );

  app.post(
    '/otp/:challengeId/verify',
    {
      preHandler: deps.idempotent,
      schema: {
        tags: ['customers'],
        summary: 'Check an SMS code; the right one gives a single-use verification token (10 minutes)',
        headers: IdempotencyHeaders,
        params: Type.Object({ challengeId: Type.String({ minLength: 1, maxLength: 64 }) }),
        body: Type.Object(
          { code: Type.String({ minLength: 1, maxLength: 16 }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            verificationToken: Type.String(),
            purpose: Type.String(),
            expiresAt: Type.String({ format: 'date-time' }),
          }),
          ...problemReplies({
            403: 'Too many tries',
            404: 'Unknown challenge',
            409: 'Already used',
            410: 'Expired',
            422: 'Wrong code',
          }),
        },
      },
    },
    async (request, reply) => {
      const result = await verifyCode(ctx, request.params.challengeId, request.body.code);
      if (!result.ok) {
        return sendRefusal(request, reply, result);
      }
      return { verificationToken: result.token, purpose: result.purpose, expiresAt: iso(result.expiresAt) };
    },
  );
}
