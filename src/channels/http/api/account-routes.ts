// Opening a wallet and logging in and out over the app API.
import { Type } from '@sinclair/typebox';
import { findCustomer } from '../../../domain/customers/customer-queries.js';
import { login } from '../../../domain/customers/login.js';
import { register } from '../../../domain/customers/registration.js';
import { revokeSession } from '../../../domain/customers/sessions.js';
import { claimWaitingPayments } from '../../../domain/payments/p2p-claims.js';
import type { ApiDeps, ApiScope } from './api-deps.js';
import { sendApiError, sendRefusal } from './api-problems.js';
import {
  DeviceSchema,
  IdempotencyHeaders,
  iso,
  LocaleSchema,
  PhoneText,
  PinText,
  problemReplies,
  SessionSchema,
  TokenText,
} from './schemas.js';
import { BEARER_SECURITY, principalOf } from './session-auth.js';

export function registerAccountRoutes(app: ApiScope, deps: ApiDeps): void {
  const { ctx } = deps.platform;

  app.post(
    '/registrations',
    {
      preHandler: deps.idempotent,
      schema: {
        tags: ['customers'],
        summary: 'Open a wallet: a verified SMS code (purpose "register"), a 6-digit PIN and this device',
        headers: IdempotencyHeaders,
        body: Type.Object(
          { verificationToken: TokenText, pin: PinText, device: DeviceSchema, locale: LocaleSchema },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            customerId: Type.String(),
            phone: Type.String(),
            session: SessionSchema,
            claimedPayments: Type.Integer({
              description: 'Money that was waiting for this number, now in the wallet',
            }),
          }),
          ...problemReplies({
            403: 'Verification invalid',
            409: 'Number already registered',
            422: 'PIN refused',
            503: 'Busy',
          }),
        },
      },
    },
    async (request, reply) => {
      const { body } = request;
      const result = await register(ctx, {
        verificationToken: body.verificationToken,
        pin: body.pin,
        device: { key: body.device.id, name: body.device.name },
        locale: body.locale,
      });
      if (!result.ok) return sendApiError(request, reply, result.error);
      const customer = await findCustomer(ctx.db, result.customerId);
      const claimedPayments = customer ? await claimWaitingPayments(ctx, customer) : 0;
      return reply.code(201).send({
        customerId: result.customerId,
        phone: result.phone,
        session: { token: result.session.token, expiresAt: iso(result.session.expiresAt) },
        claimedPayments,
      });
    },
  );

  app.post(
    '/sessions',
    {
      preHandler: deps.idempotent,
      schema: {
        tags: ['customers'],
        summary:
          'Log in with phone and PIN; a device not bound yet also needs a verified SMS code (purpose "login")',
        headers: IdempotencyHeaders,
        body: Type.Object(
          {
            phone: PhoneText,
            pin: PinText,
            device: DeviceSchema,
            verificationToken: Type.Optional(TokenText),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            ...SessionSchema.properties,
            customerId: Type.String(),
            newDevice: Type.Boolean(),
          }),
          ...problemReplies({ 401: 'Wrong phone or PIN', 403: 'New device or wrong PIN', 423: 'Locked' }),
        },
      },
    },
    async (request, reply) => {
      const { body } = request;
      const result = await login(ctx, {
        phone: body.phone,
        pin: body.pin,
        device: { key: body.device.id, name: body.device.name },
        ...(body.verificationToken === undefined ? {} : { verificationToken: body.verificationToken }),
      });
      if (!result.ok) {
        return sendRefusal(request, reply, result);
      }
      return reply.code(201).send({
        token: result.session.token,
        expiresAt: iso(result.session.expiresAt),
        customerId: result.customerId,
        newDevice: result.newDevice,
      });
    },
  );

  app.delete(
    '/sessions/current',
    {
      preHandler: deps.session,
      schema: {
        tags: ['customers'],
        summary: 'Log out: this session token stops working',
        security: BEARER_SECURITY,
        response: { 204: Type.Null(), ...problemReplies({ 401: 'Not logged in' }) },
      },
    },
    async (request, reply) => {
      await revokeSession(ctx, principalOf(request).sessionId);
      return reply.code(204).send(null);
    },
  );
}
