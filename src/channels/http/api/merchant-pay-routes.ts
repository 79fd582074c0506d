// Customers paying merchants over the app API: scan a QR, pay it, pay a till code, show a payment code.
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { orderView } from '../../../domain/merchants/merchant-order.js';
import { findMerchant } from '../../../domain/merchants/merchant-queries.js';
import { renderQrSvg } from '../../../domain/merchants/qr/qr-image.js';
import type { ChargeResult } from '../../../domain/payments/merchant-charge.js';
import { customerMerchantPaymentView } from '../../../domain/payments/merchant-payment.js';
import { findMerchantPayment } from '../../../domain/payments/merchant-payment-queries.js';
import { payerOf } from '../../../domain/payments/payer.js';
import { issuePaymentCode } from '../../../domain/payments/payment-codes.js';
import { payByQr, readMerchantQr } from '../../../domain/payments/qr-payments.js';
import { lookUpTillCode, payTillCode } from '../../../domain/payments/till-code-payments.js';
import type { ApiDeps, ApiScope } from './api-deps.js';
import { type ApiErrorCode, sendApiError, sendRefusal } from './api-problems.js';
import { AmountText, IdempotencyHeaders, PinText, problemReplies, TokenText } from './schemas.js';
import { BEARER_SECURITY, principalOf } from './session-auth.js';

const tags = ['merchant payments'];
const Nullable = (schema: ReturnType<typeof Type.String>) => Type.Union([schema, Type.Null()]);
const Payload = Type.String({ minLength: 1, maxLength: 1024, description: 'The scanned EMVCo QR payload' });
const TillCode = Type.String({ minLength: 1, maxLength: 64, description: 'The 8-digit till code' });
export const Credentials = { pin: Type.Optional(PinText), verificationToken: Type.Optional(TokenText) };

export const PaymentSchema = Type.Object({
  id: Type.String(),
  status: Type.String(),
  channel: Type.String(),
  merchant: Type.Object({ id: Type.String(), name: Type.String() }),
  reference: Type.String(),
  description: Type.String(),
  amount: Type.String(),
  refunded: Type.String(),
  currency: Type.String(),
  authentication: Type.String(),
  failure: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  completedAt: Nullable(Type.String({ format: 'date-time' })),
});

export const PAY_REPLIES = problemReplies({
  401: 'Not logged in',
  403: 'Authentication or limits',
  404: 'No such request',
  409: 'Paid already, or the same key still running',
  410: 'Expired',
  422: 'Refused (QR, funds, merchant, reused key)',
  423: 'Locked',
  503: 'Busy: nothing changed',
});

export function sendCharge(
  request: FastifyRequest,
  reply: FastifyReply,
  result: ChargeResult | { ok: false; error: ApiErrorCode; detail?: string },
) {
  if (result.ok) {
    return reply.code(201).send(customerMerchantPaymentView(result.payment, result.merchant.name));
  }
  if ('attemptsRemaining' in result) return sendRefusal(request, reply, result);
  const paymentId = 'payment' in result ? result.payment?.id : undefined;
  return sendRefusal(request, reply, {
    error: result.error,
    ...(result.detail === undefined ? {} : { detail: result.detail }),
    ...(paymentId === undefined ? {} : { paymentId }),
  });
}

export function registerMerchantPayRoutes(app: ApiScope, deps: ApiDeps): void {
  const { ctx } = deps.platform;

  app.post(
    '/merchant-qr/scan',
    {
      preHandler: deps.session,
      schema: {
        tags,
        summary: 'Read a scanned merchant QR code: who is paid, and the amount if the code fixes it',
        security: BEARER_SECURITY,
        body: Type.Object({ payload: Payload }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            merchant: Type.Object({ id: Type.String(), name: Type.String(), city: Type.String() }),
            kind: Type.Union([Type.Literal('static'), Type.Literal('dynamic')]),
            amount: Nullable(Type.String()),
            currency: Type.String(),
            reference: Nullable(Type.String()),
            description: Nullable(Type.String()),
            expiresAt: Nullable(Type.String({ format: 'date-time' })),
          }),
          ...PAY_REPLIES,
        },
      },
    },
    async (request, reply) => {
      const read = await readMerchantQr(ctx, request.body.payload);
      if (!read.ok) return sendRefusal(request, reply, read);
      const { merchant, order } = read.scanned;
      const view = order ? orderView(order, ctx.clock()) : undefined;
      return {
        merchant: { id: merchant.id, name: merchant.name, city: merchant.city },
        kind: order ? ('dynamic' as const) : ('static' as const),
        amount: view?.amount ?? null,
        currency: ctx.settings.currency,
        reference: view?.reference ?? null,
        description: view?.description ?? null,
        expiresAt: view?.expiresAt ?? null,
      };
    },
  );

  app.post(
    '/merchant-payments',
    {
      preHandler: [deps.session, deps.idempotent],
      schema: {
        tags,
        summary: 'Pay the merchant of a scanned QR code (the amount is entered for a static code)',
        security: BEARER_SECURITY,
        headers: IdempotencyHeaders,
        body: Type.Object(
          {
            payload: Payload,
            amount: Type.Optional(AmountText),
            note: Type.Optional(Type.String({ maxLength: 140 })),
            ...Credentials,
          },
          { additionalProperties: false },
        ),
        response: { 201: PaymentSchema, ...PAY_REPLIES },
      },
    },
    async (request, reply) => {
      const result = await payByQr(ctx, payerOf(principalOf(request)), {
        ...request.body,
        idempotencyKey: String(request.headers['idempotency-key']),
      });
      return sendCharge(request, reply, result);
    },
  );

  app.get(
    '/tills/:code',
    {
      preHandler: deps.session,
      schema: {
        tags,
        summary: 'Whom a till code pays (before paying by code)',
        security: BEARER_SECURITY,
        params: Type.Object({ code: TillCode }),
        response: {
          200: Type.Object({
            merchant: Type.Object({ id: Type.String(), name: Type.String(), city: Type.String() }),
            till: Type.String(),
          }),
          ...problemReplies({ 401: 'Not logged in', 404: 'No such till' }),
        },
      },
    },
    async (request, reply) => {
      const found = await lookUpTillCode(ctx, request.params.code);
      if (!found) return sendApiError(request, reply, 'till_not_found');
      const { merchant, till } = found;
      return { merchant: { id: merchant.id, name: merchant.name, city: merchant.city }, till: till.name };
    },
  );

  app.post(
    '/till-payments',
    {
      preHandler: [deps.session, deps.idempotent],
      schema: {
        tags,
        summary: 'Pay a merchant by its till code (the short number shown at the till)',
        security: BEARER_SECURITY,
        headers: IdempotencyHeaders,
        body: Type.Object(
          { code: TillCode, amount: AmountText, ...Credentials },
          { additionalProperties: false },
        ),
        response: { 201: PaymentSchema, ...PAY_REPLIES },
      },
    },
    async (request, reply) => {
      const result = await payTillCode(ctx, payerOf(principalOf(request)), {
        ...request.body,
        idempotencyKey: String(request.headers['idempotency-key']),
      });
      return sendCharge(request, reply, result);
    },
  );

  app.get(
    '/merchant-payments/:paymentId',
    {
      preHandler: deps.session,
      schema: {
        tags,
        summary: 'One of my payments to a merchant',
        security: BEARER_SECURITY,
        params: Type.Object({ paymentId: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: { 200: PaymentSchema, ...problemReplies({ 401: 'Not logged in', 404: 'No such payment' }) },
      },
    },
    async (request, reply) => {
      const payment = await findMerchantPayment(ctx.db, request.params.paymentId);
      if (!payment || payment.customerId !== principalOf(request).customerId) {
        return sendApiError(request, reply, 'payment_not_found');
      }
      const merchant = await findMerchant(ctx.db, payment.merchantId);
      return customerMerchantPaymentView(payment, merchant?.name ?? '');
    },
  );

  app.post(
    '/payment-codes',
    {
      preHandler: deps.session,
      schema: {
        tags,
        summary: 'A one-time payment code for a till to scan (valid 60 seconds; a new one voids the last)',
        security: BEARER_SECURITY,
        body: Type.Object(
          {
            qr: Type.Optional(
              Type.Boolean({ description: 'Also answer the code as a QR image (SVG); default true' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            code: Type.String(),
            qrSvg: Type.Optional(Type.String()),
            expiresAt: Type.String({ format: 'date-time' }),
          }),
          ...problemReplies({ 401: 'Not logged in' }),
        },
      },
    },
    async (request, reply) => {
      const issued = await issuePaymentCode(ctx, principalOf(request));
      return reply.code(201).send({
        code: issued.code,
        ...(request.body.qr === false ? {} : { qrSvg: await renderQrSvg(issued.code) }),
        expiresAt: new Date(issued.expiresAt).toISOString(),
      });
    },
  );
}
