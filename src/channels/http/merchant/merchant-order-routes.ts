// Merchant orders over the merchant API: dynamic QR codes, payment requests (push-to-pay) and checkouts.
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { MerchantOrder } from '../../../domain/merchants/merchant-order.js';
import { listOrders } from '../../../domain/merchants/merchant-order-list.js';
import {
  closeOrder,
  createOrder,
  findOrder,
  findOrderByReference,
} from '../../../domain/merchants/merchant-orders.js';
import { tillAtStore } from '../../../domain/merchants/store-scope.js';
import { dynamicQrPayload } from '../../../domain/payments/qr-payments.js';
import type { ApiScope } from '../api/api-deps.js';
import { sendApiError, sendRefusal } from '../api/api-problems.js';
import { AmountText, IdempotencyHeaders, PhoneText, problemReplies } from '../api/schemas.js';
import { merchantOf, SIGNED_SECURITY, storeScopeOf } from './merchant-auth.js';
import { type MerchantApiDeps, orderReply, QrImageFormat, sendQrImage } from './merchant-deps.js';
import { IdParam, OrderSchema, ReferenceText } from './merchant-schemas.js';

const tags = ['merchant'];
const ORDER_KINDS = ['dynamic_qr', 'payment_request', 'checkout', 'payment_code'] as const;
const ORDER_STATUSES = ['open', 'paid', 'expired', 'declined', 'cancelled'] as const;
const Url = Type.String({ minLength: 1, maxLength: 2048 });

export function registerMerchantOrderRoutes(app: ApiScope, deps: MerchantApiDeps): void {
  const { ctx } = deps.platform;
  /** A portal user assigned to a store sees that store's orders only (as if the others did not exist). */
  const visible = async (request: FastifyRequest, order: MerchantOrder) => {
    if (order.merchantId !== merchantOf(request).id) return false;
    const store = storeScopeOf(request);
    return store === undefined || tillAtStore(ctx.db, order.tillId, store);
  };

  app.post(
    '/orders',
    {
      config: { merchantAccess: 'cashier' },
      preHandler: deps.idempotent,
      schema: {
        tags,
        summary:
          'Create an order: a dynamic QR code, a payment request to a phone number, or a hosted checkout',
        description:
          'An order is paid at most once. Sending the same reference with the same fields again answers the existing ' +
          'order (200); the same reference with other fields is refused (409).',
        security: SIGNED_SECURITY,
        headers: IdempotencyHeaders,
        body: Type.Object(
          {
            kind: Type.Union([
              Type.Literal('dynamic_qr'),
              Type.Literal('payment_request'),
              Type.Literal('checkout'),
            ]),
            reference: ReferenceText,
            amount: AmountText,
            description: Type.String({ minLength: 1, maxLength: 200 }),
            tillId: Type.Optional(IdParam),
            phone: Type.Optional(PhoneText),
            returnUrl: Type.Optional(Url),
            notifyUrl: Type.Optional(Url),
            expiresInSeconds: Type.Optional(Type.Integer({ minimum: 30, maximum: 86_400 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: OrderSchema,
          201: OrderSchema,
          ...problemReplies({
            401: 'Not signed or logged in',
            403: 'Role not allowed',
            404: 'No such till or customer',
            409: 'Reference used',
            422: 'Invalid',
          }),
        },
      },
    },
    async (request, reply) => {
      const merchant = merchantOf(request);
      const { body } = request;
      if (body.kind === 'payment_request' && body.phone === undefined) {
        return sendRefusal(request, reply, {
          error: 'invalid_order',
          detail: 'phone: required for a payment request',
        });
      }
      const store = storeScopeOf(request);
      if (store !== undefined) {
        if (body.tillId === undefined) {
          return sendRefusal(request, reply, {
            error: 'invalid_order',
            detail: 'tillId: required for a user assigned to a store',
          });
        }
        if (!(await tillAtStore(ctx.db, body.tillId, store))) {
          return sendRefusal(request, reply, { error: 'till_not_found' });
        }
      }
      if (body.kind === 'checkout' && body.returnUrl === undefined) {
        return sendRefusal(request, reply, {
          error: 'invalid_order',
          detail: 'returnUrl: required for a checkout',
        });
      }
      const result = await createOrder(ctx, merchant, body);
      if (!result.ok) return sendRefusal(request, reply, result);
      return reply.code(result.created ? 201 : 200).send(await orderReply(ctx, merchant, result.order));
    },
  );

  app.get(
    '/orders',
    {
      config: { merchantAccess: 'cashier' },
      schema: {
        tags,
        summary: 'Find an order by its reference (order status query)',
        security: SIGNED_SECURITY,
        querystring: Type.Object({ reference: ReferenceText }, { additionalProperties: false }),
        response: {
          200: OrderSchema,
          ...problemReplies({
            401: 'Not signed or logged in',
            403: 'Role not allowed',
            404: 'No such order',
          }),
        },
      },
    },
    async (request, reply) => {
      const merchant = merchantOf(request);
      const order = await findOrderByReference(ctx.db, merchant.id, request.query.reference);
      if (!order || !(await visible(request, order))) return sendApiError(request, reply, 'order_not_found');
      return orderReply(ctx, merchant, order);
    },
  );

  app.get(
    '/orders/search',
    {
      config: { merchantAccess: 'cashier' },
      schema: {
        tags,
        summary:
          'Orders newest first, by kind and status, one page at a time (e.g. the payment requests sent)',
        security: SIGNED_SECURITY,
        querystring: Type.Object(
          {
            kind: Type.Optional(Type.Union(ORDER_KINDS.map((kind) => Type.Literal(kind)))),
            status: Type.Optional(Type.Union(ORDER_STATUSES.map((status) => Type.Literal(status)))),
            limit: Type.Optional(
              Type.String({ pattern: '^([1-9][0-9]?|1[0-9][0-9]|200)$', description: '1–200, default 50' }),
            ),
            before: Type.Optional(
              Type.String({
                pattern: '^[A-Za-z0-9_-]{1,200}$',
                description: 'The `next` of the previous page',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            orders: Type.Array(OrderSchema),
            next: Type.Union([Type.String(), Type.Null()]),
          }),
          ...problemReplies({ 401: 'Not signed or logged in', 403: 'Role not allowed' }),
        },
      },
    },
    async (request, reply) => {
      const merchant = merchantOf(request);
      const { limit, ...filter } = request.query;
      const store = storeScopeOf(request);
      const result = await listOrders(ctx.db, merchant.id, {
        ...filter,
        limit: Number(limit ?? 50),
        ...(store === undefined ? {} : { storeId: store }),
      });
      if (!result.ok) return sendApiError(request, reply, result.error);
      const orders = [];
      for (const order of result.orders) orders.push(await orderReply(ctx, merchant, order));
      return { orders, next: result.next };
    },
  );

  app.get(
    '/orders/:orderId',
    {
      config: { merchantAccess: 'cashier' },
      schema: {
        tags,
        summary: 'One order and its status',
        security: SIGNED_SECURITY,
        params: Type.Object({ orderId: IdParam }),
        response: {
          200: OrderSchema,
          ...problemReplies({
            401: 'Not signed or logged in',
            403: 'Role not allowed',
            404: 'No such order',
          }),
        },
      },
    },
    async (request, reply) => {
      const merchant = merchantOf(request);
      const order = await findOrder(ctx.db, request.params.orderId);
      if (!order || !(await visible(request, order))) return sendApiError(request, reply, 'order_not_found');
      return orderReply(ctx, merchant, order);
    },
  );

  app.get(
    '/orders/:orderId/qr.:format',
    {
      config: { merchantAccess: 'cashier' },
      schema: {
        tags,
        summary: "A dynamic QR order's code as an image (svg or png)",
        security: SIGNED_SECURITY,
        params: Type.Object({ orderId: IdParam, format: QrImageFormat }),
        response: problemReplies({
          401: 'Not signed or logged in',
          403: 'Role not allowed',
          404: 'No such dynamic QR order',
        }),
      },
    },
    async (request, reply) => {
      const merchant = merchantOf(request);
      const order = await findOrder(ctx.db, request.params.orderId);
      if (order?.kind !== 'dynamic_qr' || !(await visible(request, order))) {
        return sendApiError(request, reply, 'order_not_found');
      }
      return sendQrImage(reply, dynamicQrPayload(ctx, merchant, order), request.params.format);
    },
  );

  app.post(
    '/orders/:orderId/cancel',
    {
      config: { merchantAccess: 'cashier' },
      preHandler: deps.idempotent,
      schema: {
        tags,
        summary: 'Cancel an open order (it can no longer be paid)',
        security: SIGNED_SECURITY,
        headers: IdempotencyHeaders,
        body: Type.Object({}, { additionalProperties: false }),
        params: Type.Object({ orderId: IdParam }),
        response: {
          200: OrderSchema,
          ...problemReplies({
            401: 'Not signed or logged in',
            403: 'Role not allowed',
            404: 'No such order',
            409: 'Not open',
          }),
        },
      },
    },
    async (request, reply) => {
      const merchant = merchantOf(request);
      const order = await findOrder(ctx.db, request.params.orderId);
      if (!order || !(await visible(request, order))) return sendApiError(request, reply, 'order_not_found');
      if (!(await closeOrder(ctx, merchant, order, 'cancelled'))) {
        const now = (await findOrder(ctx.db, order.id)) ?? order;
        return sendApiError(request, reply, now.status === 'paid' ? 'order_paid' : 'order_closed');
      }
      return orderReply(ctx, merchant, { ...order, status: 'cancelled' });
    },
  );
}
