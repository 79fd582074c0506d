// Merchant payments over the merchant API: charge a customer's payment code, look a payment up, refund it.
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DomainContext } from '../../../domain/context.js';
import { findCustomer } from '../../../domain/customers/customer-queries.js';
import { findTill } from '../../../domain/merchants/merchant-queries.js';
import { type MerchantPayment, merchantPaymentView } from '../../../domain/payments/merchant-payment.js';
import { findMerchantPayment } from '../../../domain/payments/merchant-payment-queries.js';
import { refundView } from '../../../domain/payments/merchant-refund.js';
import { listRefunds, refundPayment } from '../../../domain/payments/merchant-refunds.js';
import { chargePaymentCode } from '../../../domain/payments/payment-codes.js';
import type { ApiScope } from '../api/api-deps.js';
import { sendApiError, sendRefusal } from '../api/api-problems.js';
import { AmountText, IdempotencyHeaders, problemReplies } from '../api/schemas.js';
import { actorOf, merchantOf, SIGNED_SECURITY, storeScopeOf } from './merchant-auth.js';
import { type MerchantApiDeps, orderReply } from './merchant-deps.js';
import {
  IdParam,
  MerchantPaymentSchema,
  OrderSchema,
  ReferenceText,
  RefundSchema,
} from './merchant-schemas.js';

const tags = ['merchant'];

async function paymentReply(ctx: DomainContext, payment: MerchantPayment) {
  const customer = await findCustomer(ctx.db, payment.customerId);
  return merchantPaymentView(payment, customer?.phone ?? '');
}

/** The merchant's own payment, or a 404 sent (no hint that another merchant's exists). */
async function ownPayment(
  ctx: DomainContext,
  request: FastifyRequest,
  paymentId: string,
  reply: FastifyReply,
): Promise<MerchantPayment | undefined> {
  const payment = await findMerchantPayment(ctx.db, paymentId);
  const merchant = merchantOf(request);
  const store = storeScopeOf(request);
  const till = store && payment?.tillId ? await findTill(ctx.db, merchant.id, payment.tillId) : undefined;
  const inScope = store === undefined || till?.storeId === store;
  if (payment && payment.merchantId === merchant.id && inScope) return payment;
  sendApiError(request, reply, 'payment_not_found');
  return undefined;
}

export function registerMerchantPaymentRoutes(app: ApiScope, deps: MerchantApiDeps): void {
  const { ctx } = deps.platform;

  app.post(
    '/payments',
    {
      config: { merchantAccess: 'cashier' },
      preHandler: deps.idempotent,
      schema: {
        tags,
        summary: "Charge a customer's payment code (scanned at the till)",
        description:
          'Within the customer’s password-free limit the money moves at once (201). Above it the customer must confirm ' +
          'in the app: the answer is 202 with an order to follow (webhook or GET /orders/{id}).',
        security: SIGNED_SECURITY,
        headers: IdempotencyHeaders,
        body: Type.Object(
          {
            paymentCode: Type.String({ minLength: 1, maxLength: 32 }),
            amount: AmountText,
            reference: ReferenceText,
            description: Type.Optional(Type.String({ maxLength: 200 })),
            tillId: Type.Optional(IdParam),
          },
          { additionalProperties: false },
        ),
        response: {
          201: MerchantPaymentSchema,
          202: OrderSchema,
          ...problemReplies({
            401: 'Not signed or logged in',
            403: 'Refused or role not allowed',
            409: 'Key in use',
            422: 'Refused',
            423: 'Locked',
          }),
        },
      },
    },
    async (request, reply) => {
      const merchant = merchantOf(request);
      const { body } = request;
      const result = await chargePaymentCode(ctx, merchant, {
        ...body,
        description: body.description ?? '',
        idempotencyKey: String(request.headers['idempotency-key']),
      });
      if (result.ok) return reply.code(201).send(await paymentReply(ctx, result.payment));
      if ('order' in result) return reply.code(202).send(await orderReply(ctx, merchant, result.order));
      if (result.error === 'pin_incorrect') return sendApiError(request, reply, 'confirmation_required');
      const paymentId = 'payment' in result ? result.payment?.id : undefined;
      return sendRefusal(request, reply, {
        error: result.error,
        ...(result.detail === undefined ? {} : { detail: result.detail }),
        ...(paymentId === undefined ? {} : { paymentId }),
      });
    },
  );

  app.get(
    '/payments/:paymentId',
    {
      config: { merchantAccess: 'cashier' },
      schema: {
        tags,
        summary: 'One payment to this merchant',
        security: SIGNED_SECURITY,
        params: Type.Object({ paymentId: IdParam }),
        response: {
          200: MerchantPaymentSchema,
          ...problemReplies({
            401: 'Not signed or logged in',
            403: 'Role not allowed',
            404: 'No such payment',
          }),
        },
      },
    },
    async (request, reply) => {
      const payment = await ownPayment(ctx, request, request.params.paymentId, reply);
      return payment ? paymentReply(ctx, payment) : reply;
    },
  );

  app.post(
    '/payments/:paymentId/refunds',
    {
      config: { merchantAccess: 'manager' },
      preHandler: deps.idempotent,
      schema: {
        tags,
        summary:
          'Refund all or part of a payment to the customer’s wallet (refunds never exceed the amount paid)',
        security: SIGNED_SECURITY,
        headers: IdempotencyHeaders,
        params: Type.Object({ paymentId: IdParam }),
        body: Type.Object(
          { amount: AmountText, reason: Type.String({ minLength: 1, maxLength: 200 }) },
          { additionalProperties: false },
        ),
        response: {
          201: RefundSchema,
          ...problemReplies({
            401: 'Not signed or logged in',
            403: 'Role not allowed',
            404: 'No such payment',
            409: 'Not refundable',
            422: 'Refused',
          }),
        },
      },
    },
    async (request, reply) => {
      const payment = await ownPayment(ctx, request, request.params.paymentId, reply);
      if (!payment) return reply;
      const merchant = merchantOf(request);
      const result = await refundPayment(ctx, merchant, payment.id, {
        ...request.body,
        idempotencyKey: String(request.headers['idempotency-key']),
        actor: actorOf(request),
      });
      if (!result.ok) return sendRefusal(request, reply, { error: result.error });
      return reply.code(201).send(refundView(result.refund, payment.currency));
    },
  );

  app.get(
    '/payments/:paymentId/refunds',
    {
      config: { merchantAccess: 'cashier' },
      schema: {
        tags,
        summary: 'The refunds of a payment',
        security: SIGNED_SECURITY,
        params: Type.Object({ paymentId: IdParam }),
        response: {
          200: Type.Array(RefundSchema),
          ...problemReplies({
            401: 'Not signed or logged in',
            403: 'Role not allowed',
            404: 'No such payment',
          }),
        },
      },
    },
    async (request, reply) => {
      const payment = await ownPayment(ctx, request, request.params.paymentId, reply);
      if (!payment) return reply;
      return (await listRefunds(ctx, payment.id)).map((refund) => refundView(refund, payment.currency));
    },
  );
}
