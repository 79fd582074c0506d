// GSMA account history: GET /accounts/{identifierType}/{identifier}/transactions and /statemententries, and one entry by reference.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { accountStatement, type StatementEntry } from '../../domain/clients/partner-statements.js';
import { transactionObject } from '../../domain/clients/partner-transaction.js';
import { viewTransaction } from '../../domain/clients/partner-transaction-views.js';
import type { DomainContext } from '../../domain/context.js';
import { AccountParams, accountIdentifierOf, refuseIdentifierType } from './account-routes.js';
import { clientOf } from './gsma-auth.js';
import { sendGsmaError } from './gsma-errors.js';

const MAX_LIMIT = 50;

/** Query strings are not coerced in this app: numbers are matched as digits. */
const StatementQuery = Type.Object({
  limit: Type.Optional(
    Type.String({ pattern: '^([1-9]|[1-4][0-9]|50)$', description: `1–${MAX_LIMIT} (20)` }),
  ),
  offset: Type.Optional(Type.String({ pattern: '^(0|[1-9][0-9]{0,2})$', description: '0–999 (0)' })),
  fromDateTime: Type.Optional(Type.String({ format: 'date-time' })),
  toDateTime: Type.Optional(Type.String({ format: 'date-time' })),
});

/** The spec's responseStatementEntries: the transaction's parties, status and amount, with the app's wording. */
function statementEntry({ transaction, description }: StatementEntry) {
  const { transactionReference, transactionStatus, amount, currency, debitParty, creditParty, creationDate } =
    transactionObject(transaction);
  return {
    transactionReference,
    transactionStatus,
    amount,
    currency,
    debitParty,
    creditParty,
    ...(description === '' ? {} : { descriptionText: description.slice(0, 160) }),
    creationDate,
  };
}

const RESOURCES: Readonly<Record<string, (entry: StatementEntry) => object>> = {
  transactions: (entry: StatementEntry) => transactionObject(entry.transaction),
  statemententries: statementEntry,
};

export function registerStatementRoutes(scope: FastifyInstance, ctx: DomainContext): void {
  const routes = scope.withTypeProvider<TypeBoxTypeProvider>();
  for (const [resource, render] of Object.entries(RESOURCES)) {
    routes.get(
      `/accounts/:identifierType/:identifier/${resource}`,
      {
        schema: {
          tags: ['gsma'],
          summary: `GSMA: a wallet's ${resource}, newest first (operator clients)`,
          params: AccountParams,
          querystring: StatementQuery,
        },
      },
      async (request, reply) => {
        const identifier = accountIdentifierOf(request.params);
        if (!identifier) return refuseIdentifierType(reply, ctx, request.params.identifierType);
        const { limit = '20', offset = '0', fromDateTime, toDateTime } = request.query;
        const statement = await accountStatement(ctx, clientOf(request), identifier, {
          limit: Number(limit),
          offset: Number(offset),
          from: fromDateTime === undefined ? undefined : Date.parse(fromDateTime),
          to: toDateTime === undefined ? undefined : Date.parse(toDateTime),
        });
        if (!statement.ok) return sendGsmaError(reply, ctx.clock, statement.error);
        return reply
          .header('cache-control', 'no-store')
          .header('x-records-available-count', String(statement.entries.length))
          .send(statement.entries.map(render));
      },
    );
  }
  routes.get(
    '/statemententries/:transactionReference',
    {
      schema: {
        tags: ['gsma'],
        summary: 'GSMA: the statement entry of one transaction the client may see',
        params: Type.Object({ transactionReference: Type.String({ minLength: 1, maxLength: 256 }) }),
      },
    },
    async (request, reply) => {
      const transaction = await viewTransaction(ctx, clientOf(request), request.params.transactionReference);
      if (!transaction) return sendGsmaError(reply, ctx.clock, 'transaction_not_found');
      return reply
        .header('cache-control', 'no-store')
        .send(statementEntry({ transaction, description: transaction.description }));
    },
  );
}
