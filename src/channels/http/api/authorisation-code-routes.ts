// POST /api/v1/authorisation-codes: the customer makes a single-use code (PIN-confirmed) for an agent's cash-out or a payment.
import { Type } from '@sinclair/typebox';
import {
  createOwnAuthorisationCode,
  MAX_LIFETIME_SECONDS,
} from '../../../domain/clients/authorisation-codes.js';
import { formatAmount, parsePositiveAmount } from '../../../money/index.js';
import type { ApiDeps, ApiScope } from './api-deps.js';
import { sendApiError } from './api-problems.js';
import { AmountText, IdempotencyHeaders, iso, PinText, problemReplies } from './schemas.js';
import { BEARER_SECURITY, principalOf } from './session-auth.js';

export function registerAuthorisationCodeRoutes(app: ApiScope, deps: ApiDeps): void {
  const { ctx } = deps.platform;
  app.post(
    '/authorisation-codes',
    {
      preHandler: [deps.session, deps.idempotent],
      schema: {
        tags: ['wallet'],
        summary:
          'A single-use code for an agent’s cash-out (or a merchant payment): exactly or at most the amount, until it expires',
        security: BEARER_SECURITY,
        headers: IdempotencyHeaders,
        body: Type.Object(
          {
            pin: PinText,
            amount: Type.Optional(AmountText),
            amountType: Type.Optional(Type.Union([Type.Literal('exact'), Type.Literal('maximum')])),
            lifetimeSeconds: Type.Optional(Type.Integer({ minimum: 60, maximum: MAX_LIFETIME_SECONDS })),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            code: Type.String(),
            amount: Type.Union([Type.String(), Type.Null()]),
            amountType: Type.String(),
            expiresAt: Type.String({ format: 'date-time' }),
          }),
          ...problemReplies({
            401: 'Not logged in',
            403: 'PIN incorrect or locked, or the wallet is locked',
            422: 'Invalid amount',
          }),
        },
      },
    },
    async (request, reply) => {
      const { body } = request;
      const { currency } = ctx.settings;
      const amount = body.amount === undefined ? undefined : parsePositiveAmount(body.amount, currency);
      if (amount && !amount.ok) return sendApiError(request, reply, 'invalid_amount');
      const created = await createOwnAuthorisationCode(ctx, principalOf(request).customerId, {
        pin: body.pin,
        amount: amount?.ok ? amount.amount.value : null,
        amountType: body.amountType ?? 'exact',
        lifetimeSeconds: body.lifetimeSeconds,
      });
      if (!created.ok) return sendApiError(request, reply, created.error);
      const { issued } = created;
      return reply.code(201).send({
        code: issued.code,
        amount: issued.amount === null ? null : formatAmount({ value: issued.amount, currency }),
        amountType: issued.amountType,
        expiresAt: iso(issued.createdAt + issued.lifetimeSeconds * 1000),
      });
    },
  );
}
