// Account security over the app API: change or reset the PIN, lock a lost phone's wallet and unlock it, preferences.
import { Type } from '@sinclair/typebox';
import { changePin, resetPin } from '../../../domain/customers/pin-management.js';
import { updatePreferences } from '../../../domain/customers/preferences.js';
import { lockWithCode, unlockWithVerification } from '../../../domain/customers/wallet-lock.js';
import type { ApiDeps, ApiScope } from './api-deps.js';
import { sendApiError, sendRefusal } from './api-problems.js';
import { IdempotencyHeaders, LocaleSchema, PinText, problemReplies, TokenText } from './schemas.js';
import { BEARER_SECURITY, principalOf } from './session-auth.js';

const IdNumberText = Type.String({
  minLength: 1,
  maxLength: 32,
  description: 'Needed when the wallet has a verified document',
});
const Done = Type.Object({ status: Type.Literal('ok') });

export function registerSecurityRoutes(app: ApiScope, deps: ApiDeps): void {
  const { ctx } = deps.platform;

  app.post(
    '/me/pin',
    {
      preHandler: [deps.session, deps.idempotent],
      schema: {
        tags: ['customers'],
        summary: 'Change my PIN (knowing the current one)',
        security: BEARER_SECURITY,
        headers: IdempotencyHeaders,
        body: Type.Object({ currentPin: PinText, newPin: PinText }, { additionalProperties: false }),
        response: {
          200: Done,
          ...problemReplies({
            401: 'Not logged in',
            403: 'Wrong PIN',
            422: 'New PIN refused',
            423: 'Locked',
          }),
        },
      },
    },
    async (request, reply) => {
      const result = await changePin(
        ctx,
        principalOf(request).customerId,
        request.body.currentPin,
        request.body.newPin,
      );
      if (result.ok) return { status: 'ok' as const };
      return sendRefusal(request, reply, result);
    },
  );

  app.post(
    '/pin-resets',
    {
      preHandler: deps.idempotent,
      schema: {
        tags: ['customers'],
        summary:
          'Reset a forgotten or locked PIN with an SMS code (purpose "reset_pin") and, if verified, the ID number',
        headers: IdempotencyHeaders,
        body: Type.Object(
          { verificationToken: TokenText, newPin: PinText, idNumber: Type.Optional(IdNumberText) },
          { additionalProperties: false },
        ),
        response: {
          200: Done,
          ...problemReplies({ 403: 'Verification or ID refused', 422: 'New PIN refused' }),
        },
      },
    },
    async (request, reply) => {
      const { verificationToken, newPin, idNumber } = request.body;
      const result = await resetPin(ctx, {
        verificationToken,
        newPin,
        ...(idNumber === undefined ? {} : { idNumber }),
      });
      if (!result.ok) return sendApiError(request, reply, result.error);
      return { status: 'ok' as const };
    },
  );

  app.post(
    '/locks',
    {
      preHandler: deps.idempotent,
      schema: {
        tags: ['customers'],
        summary:
          'Lost phone: lock my wallet from any device with an SMS code (purpose "lock"); all sessions end at once',
        headers: IdempotencyHeaders,
        body: Type.Object({ verificationToken: TokenText }, { additionalProperties: false }),
        response: { 200: Done, ...problemReplies({ 403: 'Verification refused' }) },
      },
    },
    async (request, reply) => {
      const result = await lockWithCode(ctx, request.body.verificationToken);
      if (!result.ok) return sendApiError(request, reply, 'verification_invalid');
      return { status: 'ok' as const };
    },
  );

  app.post(
    '/unlocks',
    {
      preHandler: deps.idempotent,
      schema: {
        tags: ['customers'],
        summary:
          'Unlock my wallet: SMS code (purpose "unlock"), PIN, and the ID number if verified; then log in again',
        headers: IdempotencyHeaders,
        body: Type.Object(
          { verificationToken: TokenText, pin: PinText, idNumber: Type.Optional(IdNumberText) },
          { additionalProperties: false },
        ),
        response: {
          200: Done,
          ...problemReplies({ 403: 'Verification, PIN or ID refused', 409: 'Not locked', 423: 'PIN locked' }),
        },
      },
    },
    async (request, reply) => {
      const { verificationToken, pin, idNumber } = request.body;
      const result = await unlockWithVerification(ctx, {
        verificationToken,
        pin,
        ...(idNumber === undefined ? {} : { idNumber }),
      });
      if (result.ok) return { status: 'ok' as const };
      return sendRefusal(request, reply, result);
    },
  );

  app.post(
    '/me/preferences',
    {
      preHandler: [deps.session, deps.idempotent],
      schema: {
        tags: ['customers'],
        summary:
          'Set my language, or opt in or out of password-free small payments (opting in needs the PIN)',
        security: BEARER_SECURITY,
        headers: IdempotencyHeaders,
        body: Type.Object(
          {
            locale: Type.Optional(LocaleSchema),
            passwordFree: Type.Optional(Type.Boolean()),
            pin: Type.Optional(PinText),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Done,
          ...problemReplies({ 401: 'Not logged in', 403: 'PIN needed or wrong', 423: 'PIN locked' }),
        },
      },
    },
    async (request, reply) => {
      const result = await updatePreferences(ctx, principalOf(request).customerId, request.body);
      if (result.ok) return { status: 'ok' as const };
      return sendRefusal(request, reply, result);
    },
  );
}
