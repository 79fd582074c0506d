// The merchant's own account over the merchant API: profile (and who is logged in), webhook endpoint, stores, tills, till QR codes.
import { Type } from '@sinclair/typebox';
import { merchantView } from '../../../domain/merchants/merchant.js';
import { addStore, addTill } from '../../../domain/merchants/merchant-outlets.js';
import { findStore, findTill, listStores } from '../../../domain/merchants/merchant-queries.js';
import { setWebhookEndpoint } from '../../../domain/merchants/merchant-webhooks.js';
import { staticQrPayload } from '../../../domain/payments/qr-payments.js';
import type { ApiScope } from '../api/api-deps.js';
import { sendApiError, sendRefusal } from '../api/api-problems.js';
import { IdempotencyHeaders, problemReplies } from '../api/schemas.js';
import { actorOf, callerOf, merchantOf, SIGNED_SECURITY } from './merchant-auth.js';
import { type MerchantApiDeps, QrImageFormat, sendQrImage } from './merchant-deps.js';
import { IdParam, MeSchema } from './merchant-schemas.js';

const Name = Type.String({ minLength: 1, maxLength: 100 });
const tags = ['merchant'];

export function registerMerchantAccountRoutes(app: ApiScope, deps: MerchantApiDeps): void {
  const { ctx } = deps.platform;

  app.get(
    '/me',
    {
      config: { merchantAccess: 'cashier' },
      schema: {
        tags,
        summary:
          'This merchant: profile, state, settlement account (last 4 digits); for a portal session also who is logged in',
        security: SIGNED_SECURITY,
        response: { 200: MeSchema, ...problemReplies({ 401: 'Not signed or logged in' }) },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const merchant = merchantView(caller.merchant);
      if (caller.kind === 'key') return merchant;
      const { user } = caller;
      const store =
        user.storeId === null ? undefined : await findStore(ctx.db, caller.merchant.id, user.storeId);
      return {
        ...merchant,
        user: {
          id: user.id,
          name: user.name,
          phone: user.phone,
          role: user.role,
          store: store ? { id: store.id, name: store.name } : null,
        },
      };
    },
  );

  app.route({
    method: ['PUT', 'PATCH'],
    url: '/webhook',
    config: { merchantAccess: 'owner' },
    preHandler: deps.idempotent,
    schema: {
      tags,
      summary: 'Set the webhook URL (PUT or PATCH); answers a new signing secret (whsec_…), shown only here',
      security: SIGNED_SECURITY,
      headers: IdempotencyHeaders,
      body: Type.Object(
        { url: Type.String({ minLength: 1, maxLength: 2048 }) },
        { additionalProperties: false },
      ),
      response: {
        200: Type.Object({ url: Type.String(), secret: Type.String() }),
        ...problemReplies({ 401: 'Not signed or logged in', 403: 'Role not allowed', 422: 'URL refused' }),
      },
    },
    handler: async (request, reply) => {
      const result = await setWebhookEndpoint(
        ctx,
        merchantOf(request).id,
        request.body.url,
        actorOf(request),
      );
      if (!result.ok) return sendRefusal(request, reply, { error: result.error, detail: result.detail });
      return { url: result.url, secret: result.secret };
    },
  });

  app.post(
    '/stores',
    {
      config: { merchantAccess: 'owner' },
      preHandler: deps.idempotent,
      schema: {
        tags,
        summary: 'Add a store',
        security: SIGNED_SECURITY,
        headers: IdempotencyHeaders,
        body: Type.Object({ name: Name, city: Name }, { additionalProperties: false }),
        response: {
          201: Type.Object({ id: Type.String() }),
          ...problemReplies({ 401: 'Not signed or logged in', 403: 'Role not allowed', 422: 'Invalid' }),
        },
      },
    },
    async (request, reply) => {
      const result = await addStore(ctx, merchantOf(request).id, request.body);
      if (!result.ok) return sendRefusal(request, reply, result);
      return reply.code(201).send({ id: result.id });
    },
  );

  app.get(
    '/stores',
    {
      config: { merchantAccess: 'cashier' },
      schema: {
        tags,
        summary: 'Stores and their tills',
        security: SIGNED_SECURITY,
        response: {
          200: Type.Array(
            Type.Object({
              id: Type.String(),
              name: Type.String(),
              city: Type.String(),
              tills: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), code: Type.String() })),
            }),
          ),
          ...problemReplies({ 401: 'Not signed or logged in', 403: 'Role not allowed' }),
        },
      },
    },
    async (request) => listStores(ctx.db, merchantOf(request).id),
  );

  app.post(
    '/tills',
    {
      config: { merchantAccess: 'owner' },
      preHandler: deps.idempotent,
      schema: {
        tags,
        summary: 'Add a till (a checkout point with its own static QR code) to a store',
        security: SIGNED_SECURITY,
        headers: IdempotencyHeaders,
        body: Type.Object({ storeId: IdParam, name: Name }, { additionalProperties: false }),
        response: {
          201: Type.Object({
            id: Type.String(),
            code: Type.String({ description: 'Short number to pay it by phone' }),
          }),
          ...problemReplies({
            401: 'Not signed or logged in',
            403: 'Role not allowed',
            404: 'No such store',
            422: 'Invalid',
          }),
        },
      },
    },
    async (request, reply) => {
      const merchant = merchantOf(request);
      const result = await addTill(ctx, merchant.id, request.body);
      if (!result.ok) return sendRefusal(request, reply, result);
      const till = await findTill(ctx.db, merchant.id, result.id);
      return reply.code(201).send({ id: result.id, code: till?.code ?? '' });
    },
  );

  app.get(
    '/tills/:tillId/qr',
    {
      config: { merchantAccess: 'cashier' },
      schema: {
        tags,
        summary: "A till's static QR code (any amount, entered by the customer): the EMVCo payload",
        security: SIGNED_SECURITY,
        params: Type.Object({ tillId: IdParam }),
        response: {
          200: Type.Object({ payload: Type.String() }),
          ...problemReplies({ 401: 'Not signed or logged in', 403: 'Role not allowed', 404: 'No such till' }),
        },
      },
    },
    async (request, reply) => {
      const merchant = merchantOf(request);
      const till = await findTill(ctx.db, merchant.id, request.params.tillId);
      if (!till) return sendApiError(request, reply, 'till_not_found');
      return { payload: staticQrPayload(ctx, merchant, till) };
    },
  );

  app.get(
    '/tills/:tillId/qr.:format',
    {
      config: { merchantAccess: 'cashier' },
      schema: {
        tags,
        summary: "A till's static QR code as an image to print (svg or png)",
        security: SIGNED_SECURITY,
        params: Type.Object({ tillId: IdParam, format: QrImageFormat }),
        response: problemReplies({
          401: 'Not signed or logged in',
          403: 'Role not allowed',
          404: 'No such till',
        }),
      },
    },
    async (request, reply) => {
      const merchant = merchantOf(request);
      const till = await findTill(ctx.db, merchant.id, request.params.tillId);
      if (!till) return sendApiError(request, reply, 'till_not_found');
      return sendQrImage(reply, staticQrPayload(ctx, merchant, till), request.params.format);
    },
  );
}
