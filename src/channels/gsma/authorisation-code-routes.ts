// GSMA POST /accounts/{identifierType}/{identifier}/authorisationcodes: a single-use, expiring pre-authorised payment code.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import { issueAuthorisationCode, MAX_LIFETIME_SECONDS } from '../../domain/clients/authorisation-codes.js';
import type { DomainContext } from '../../domain/context.js';
import { formatAmount, parsePositiveAmount } from '../../money/index.js';
import { AccountParams, accountIdentifierOf, refuseIdentifierType } from './account-routes.js';
import { clientOf } from './gsma-auth.js';
import { sendGsmaError } from './gsma-errors.js';
import { TransactionBody } from './transaction-routes.js';

/** The spec's requestAuthorisationCode: the fields this platform reads. */
const CodeBody = Type.Object({
  amount: Type.Optional(TransactionBody.properties.amount),
  currency: Type.Optional(TransactionBody.properties.currency),
  amountType: Type.Optional(Type.String({ enum: ['exact', 'maximum'] })),
  codeLifetime: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_LIFETIME_SECONDS })),
});

export function registerAuthorisationCodeRoutes(
  scope: FastifyInstance,
  ctx: DomainContext,
  idempotent: preHandlerAsyncHookHandler,
): void {
  const routes = scope.withTypeProvider<TypeBoxTypeProvider>();
  routes.post(
    '/accounts/:identifierType/:identifier/authorisationcodes',
    {
      preHandler: idempotent,
      schema: {
        tags: ['gsma'],
        summary:
          'GSMA: a pre-authorised code a merchant payment redeems once (operator clients, for their customer)',
        params: AccountParams,
        body: CodeBody,
      },
    },
    async (request, reply) => {
      const identifier = accountIdentifierOf(request.params);
      if (!identifier) return refuseIdentifierType(reply, ctx, request.params.identifierType);
      const { body } = request;
      const { currency } = ctx.settings;
      if (body.currency !== undefined && body.currency !== currency) {
        return sendGsmaError(reply, ctx.clock, 'currency_unsupported');
      }
      const amount = body.amount === undefined ? undefined : parsePositiveAmount(body.amount, currency);
      if (amount && !amount.ok) return sendGsmaError(reply, ctx.clock, 'amount_invalid');
      const issued = await issueAuthorisationCode(ctx, clientOf(request), identifier, {
        amount: amount?.ok ? amount.amount.value : null,
        amountType: body.amountType === 'maximum' ? 'maximum' : 'exact',
        lifetimeSeconds: body.codeLifetime,
      });
      if (!issued.ok) return sendGsmaError(reply, ctx.clock, issued.error);
      const code = issued.issued;
      return reply
        .code(201)
        .header('cache-control', 'no-store')
        .send({
          authorisationCode: code.code,
          codeState: 'active',
          ...(code.amount === null
            ? {}
            : {
                amount: formatAmount({ value: code.amount, currency }),
                currency,
                amountType: code.amountType,
              }),
          codeLifetime: code.lifetimeSeconds,
          creationDate: new Date(code.createdAt).toISOString(),
        });
    },
  );
}
