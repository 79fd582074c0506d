// GSMA POST /quotations: fees and amounts a transaction would have, from the operator's tariffs.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import { quote } from '../../domain/clients/partner-quotations.js';
import type { DomainContext } from '../../domain/context.js';
import { formatAmount } from '../../money/index.js';
import { sendGsmaError } from './gsma-errors.js';
import { Parties, TransactionBody } from './transaction-routes.js';

/** The spec's requestQuotation: the fields this platform reads. */
const QuotationBody = Type.Object({
  requestAmount: TransactionBody.properties.amount,
  requestCurrency: TransactionBody.properties.currency,
  debitParty: Parties,
  creditParty: Parties,
  type: Type.Optional(Type.String({ maxLength: 256 })),
});

export function registerQuotationRoutes(
  scope: FastifyInstance,
  ctx: DomainContext,
  idempotent: preHandlerAsyncHookHandler,
): void {
  const routes = scope.withTypeProvider<TypeBoxTypeProvider>();
  routes.post(
    '/quotations',
    {
      preHandler: idempotent,
      schema: {
        tags: ['gsma'],
        summary: 'GSMA: a quotation (fees from the tariff; transfer, merchantpay, others free)',
        body: QuotationBody,
      },
    },
    async (request, reply) => {
      const { body } = request;
      if (body.requestCurrency !== ctx.settings.currency)
        return sendGsmaError(reply, ctx.clock, 'currency_unsupported');
      const type = body.type ?? 'transfer';
      const result = await quote(ctx, {
        type,
        amount: body.requestAmount,
        debitParty: body.debitParty,
        creditParty: body.creditParty,
      });
      if (!result.ok) {
        const parameters = result.field === undefined ? [] : [{ key: 'field', value: result.field }];
        return sendGsmaError(reply, ctx.clock, result.error, parameters);
      }
      const { quotation } = result;
      const currency = ctx.settings.currency;
      const money = (value: bigint) => formatAmount({ value, currency });
      return reply.code(201).send({
        quotationReference: quotation.reference,
        quotationStatus: 'completed',
        type,
        requestAmount: money(quotation.sending),
        requestCurrency: currency,
        debitParty: body.debitParty,
        creditParty: body.creditParty,
        quotes: [
          {
            quoteId: quotation.quoteId,
            sendingAmount: money(quotation.sending),
            sendingCurrency: currency,
            receivingAmount: money(quotation.receiving),
            receivingCurrency: currency,
            fees: [
              { feeType: quotation.fee.type, feeAmount: money(quotation.fee.amount), feeCurrency: currency },
            ],
            quoteExpiryTime: new Date(quotation.expiresAt).toISOString(),
          },
        ],
      });
    },
  );
}
