// The merchant's settlement account over the merchant API (owners): balance and payout bank details, and changing them.
import { Type } from '@sinclair/typebox';
import { findMerchant } from '../../../domain/merchants/merchant-queries.js';
import { changeBankAccount, settlementAccount } from '../../../domain/merchants/merchant-settlement.js';
import type { ApiScope } from '../api/api-deps.js';
import { sendRefusal } from '../api/api-problems.js';
import { IdempotencyHeaders, problemReplies } from '../api/schemas.js';
import { actorOf, merchantOf, SIGNED_SECURITY } from './merchant-auth.js';
import type { MerchantApiDeps } from './merchant-deps.js';

const tags = ['merchant portal'];
const config = { merchantAccess: 'owner' } as const;

const SettlementSchema = Type.Object({
  currency: Type.String(),
  balance: Type.String({ description: 'What the merchant holds on its ledger account now' }),
  bankName: Type.String(),
  accountHolder: Type.String(),
  accountNumberMasked: Type.String({ examples: ['**** 8901'] }),
});

export function registerMerchantSettlementRoutes(app: ApiScope, deps: MerchantApiDeps): void {
  const { ctx } = deps.platform;

  app.get(
    '/settlement',
    {
      config,
      schema: {
        tags,
        summary: 'The settlement account: balance, and the bank account payouts go to (number masked)',
        security: SIGNED_SECURITY,
        response: {
          200: SettlementSchema,
          ...problemReplies({ 401: 'Not signed or logged in', 403: 'Role not allowed' }),
        },
      },
    },
    async (request) => settlementAccount(ctx, merchantOf(request)),
  );

  app.patch(
    '/settlement/bank-account',
    {
      config,
      preHandler: deps.idempotent,
      schema: {
        tags,
        summary: 'Change the bank account payouts go to (audited)',
        security: SIGNED_SECURITY,
        headers: IdempotencyHeaders,
        body: Type.Object(
          {
            bankName: Type.String({ minLength: 1, maxLength: 100 }),
            accountHolder: Type.String({ minLength: 1, maxLength: 100 }),
            accountNumber: Type.String({
              minLength: 8,
              maxLength: 34,
              description: 'Digits or capital letters',
            }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: SettlementSchema,
          ...problemReplies({
            401: 'Not signed or logged in',
            403: 'Role not allowed',
            422: 'Invalid details',
          }),
        },
      },
    },
    async (request, reply) => {
      const merchant = merchantOf(request);
      const { bankName, accountHolder, accountNumber } = request.body;
      const details = { bankName, bankAccountHolder: accountHolder, bankAccountNumber: accountNumber };
      const result = await changeBankAccount(ctx, merchant, details, actorOf(request));
      if (!result.ok) return sendRefusal(request, reply, result);
      return settlementAccount(ctx, (await findMerchant(ctx.db, merchant.id)) ?? merchant);
    },
  );
}
