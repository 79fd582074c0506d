// P2P transfers over the app API: quote, confirm (step-up authenticated, idempotent), and look one up.
import { Type } from '@sinclair/typebox';
import { createQuote } from '../../../domain/payments/p2p-quote.js';
import { payerOf } from '../../../domain/payments/payer.js';
import { findOwnPayment, paymentView } from '../../../domain/payments/payment-queries.js';
import type { ApiDeps, ApiScope } from './api-deps.js';
import { sendApiError, sendRefusal } from './api-problems.js';
import { AmountText, IdempotencyHeaders, PhoneText, PinText, problemReplies, TokenText } from './schemas.js';
import { BEARER_SECURITY, principalOf } from './session-auth.js';

const PaymentSchema = Type.Object({
  id: Type.String(),
  status: Type.String(),
  to: Type.String(),
  recipient: Type.Object({ phone: Type.String() }),
  amount: Type.String(),
  fee: Type.String(),
  feePayer: Type.String(),
  total: Type.String(),
  currency: Type.String(),
  note: Type.String(),
  authentication: Type.String(),
  failure: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  completedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  claimExpiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export function registerP2pRoutes(app: ApiScope, deps: ApiDeps): void {
  const { ctx, p2p } = deps.platform;

  app.post(
    '/p2p/quotes',
    {
      preHandler: [deps.session, deps.idempotent],
      schema: {
        tags: ['payments'],
        summary:
          'Quote a transfer to a phone number: recipient (masked), fee, total, and the authentication needed',
        security: BEARER_SECURITY,
        headers: IdempotencyHeaders,
        body: Type.Object(
          { to: PhoneText, amount: AmountText, note: Type.Optional(Type.String({ maxLength: 1000 })) },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            id: Type.String(),
            to: Type.String(),
            recipient: Type.Object({
              phone: Type.String(),
              name: Type.Union([Type.String(), Type.Null()]),
              registered: Type.Boolean(),
            }),
            amount: Type.String(),
            fee: Type.String(),
            feePayer: Type.String(),
            total: Type.String(),
            received: Type.String(),
            currency: Type.String(),
            note: Type.String(),
            authentication: Type.Union([
              Type.Literal('none'),
              Type.Literal('pin'),
              Type.Literal('pin_and_otp'),
              Type.Literal('sms_confirmation'),
              Type.Literal('partner'),
            ]),
            reasons: Type.Array(Type.String()),
            expiresAt: Type.String({ format: 'date-time' }),
          }),
          ...problemReplies({
            401: 'Not logged in',
            403: 'Not allowed (limits, SIM swap)',
            422: 'Invalid',
            423: 'Locked',
          }),
        },
      },
    },
    async (request, reply) => {
      const { to, amount, note } = request.body;
      const result = await createQuote(ctx, payerOf(principalOf(request)), {
        to,
        amount,
        ...(note === undefined ? {} : { note }),
      });
      if (!result.ok) return sendRefusal(request, reply, result);
      return reply.code(201).send(result.quote);
    },
  );

  app.post(
    '/p2p/transfers',
    {
      preHandler: [deps.session, deps.idempotent],
      schema: {
        tags: ['payments'],
        summary: 'Confirm a quote (or quote and confirm in one step): the money moves before the reply',
        description:
          'Send `quoteId` to confirm a quote, or `to`/`amount`/`note` to quote and confirm at once (the same checks apply). ' +
          'The step-up policy decides, at confirmation, whether the PIN (and an SMS code) is needed; a PIN sent is checked ' +
          'even when the payment could go without one. Money to an unregistered number waits for its owner and returns ' +
          'after 7 days.',
        security: BEARER_SECURITY,
        headers: IdempotencyHeaders,
        body: Type.Union([
          Type.Object(
            {
              quoteId: Type.String({ minLength: 1, maxLength: 64 }),
              pin: Type.Optional(PinText),
              verificationToken: Type.Optional(TokenText),
            },
            { additionalProperties: false },
          ),
          Type.Object(
            {
              to: PhoneText,
              amount: AmountText,
              note: Type.Optional(Type.String({ maxLength: 1000 })),
              pin: Type.Optional(PinText),
              verificationToken: Type.Optional(TokenText),
            },
            { additionalProperties: false },
          ),
        ]),
        response: {
          201: PaymentSchema,
          ...problemReplies({
            401: 'Not logged in',
            403: 'Authentication or limits',
            404: 'No such quote',
            409: 'Quote used, or the same key still running',
            410: 'Quote expired',
            422: 'Refused (funds, recipient, reused key)',
            423: 'Locked',
            503: 'Busy: nothing changed',
          }),
        },
      },
    },
    async (request, reply) => {
      const { body } = request;
      const { pin, verificationToken } = body;
      const asked =
        'quoteId' in body
          ? { quoteId: body.quoteId }
          : {
              transfer: {
                to: body.to,
                amount: body.amount,
                ...(body.note === undefined ? {} : { note: body.note }),
              },
            };
      const result = await p2p.confirm(payerOf(principalOf(request)), {
        ...asked,
        idempotencyKey: String(request.headers['idempotency-key']),
        ...(pin === undefined ? {} : { pin }),
        ...(verificationToken === undefined ? {} : { verificationToken }),
      });
      if (result.ok) return reply.code(201).send(result.payment);
      if (result.error === 'pin_incorrect') return sendRefusal(request, reply, result);
      return sendRefusal(request, reply, {
        error: result.error,
        ...(result.detail === undefined ? {} : { detail: result.detail }),
        ...(result.payment === undefined ? {} : { paymentId: result.payment.id }),
      });
    },
  );

  app.get(
    '/p2p/transfers/:paymentId',
    {
      preHandler: deps.session,
      schema: {
        tags: ['payments'],
        summary: 'One of my transfers',
        security: BEARER_SECURITY,
        params: Type.Object({ paymentId: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: { 200: PaymentSchema, ...problemReplies({ 401: 'Not logged in', 404: 'No such payment' }) },
      },
    },
    async (request, reply) => {
      const payment = await findOwnPayment(ctx.db, principalOf(request).customerId, request.params.paymentId);
      if (!payment) return sendApiError(request, reply, 'payment_not_found');
      return paymentView(payment);
    },
  );
}
