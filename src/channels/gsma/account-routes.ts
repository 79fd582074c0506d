// GSMA accounts by identifier: GET /accounts/{identifierType}/{identifier}/status, /accountname and /balance.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { ApiClient } from '../../domain/clients/api-client.js';
import {
  type AccountStatus,
  type AccountViewError,
  accountBalanceByMsisdn,
  accountNameByMsisdn,
  accountStatusByMsisdn,
} from '../../domain/clients/partner-accounts.js';
import type { DomainContext } from '../../domain/context.js';
import { formatAmount } from '../../money/index.js';
import { clientOf } from './gsma-auth.js';
import { sendGsmaError } from './gsma-errors.js';

/** The spec's identifierType values; any other is malformed, and only `msisdn` is supported so far. */
const IDENTIFIER_TYPES = [
  'accountid',
  'msisdn',
  'walletid',
  'linkref',
  'consumerno',
  'serviceprovider',
  'storeid',
  'accountcategory',
  'bankaccountno',
  'accountrank',
  'identityalias',
  'iban',
  'swiftbic',
  'sortcode',
  'organisationid',
  'bankname',
  'bankaccounttitle',
  'username',
  'emailaddress',
  'mandatereference',
];

const AccountParams = Type.Object({
  identifierType: Type.String({ enum: IDENTIFIER_TYPES, description: 'How the account is identified' }),
  // The spec allows 256 characters; Fastify's router refuses path parameters over 100 before this schema runs.
  identifier: Type.String({
    minLength: 1,
    maxLength: 256,
    description: 'The identifier, e.g. +8613800000001',
  }),
});

type View = { ok: true; body: object } | { ok: false; error: AccountViewError };

/** The spec's accountStatus and subStatus fields. */
function statusFields(account: AccountStatus) {
  return {
    accountStatus: account.status,
    ...('subStatus' in account ? { subStatus: account.subStatus } : {}),
  };
}

/** Each resource by msisdn, as the spec's response object. Who may read what is the domain's policy. */
const VIEWS: Readonly<
  Record<string, (ctx: DomainContext, client: ApiClient, msisdn: string) => Promise<View>>
> = {
  status: async (ctx, _client, msisdn) => {
    const found = await accountStatusByMsisdn(ctx, msisdn);
    return found.ok ? { ok: true, body: statusFields(found.account) } : found;
  },
  // The masked name (as the apps show a payee), in fullName; an account with no name yet has an empty name.
  accountname: async (ctx, _client, msisdn) => {
    const found = await accountNameByMsisdn(ctx, msisdn);
    return found.ok
      ? { ok: true, body: { name: found.maskedName ? { fullName: found.maskedName } : {} } }
      : found;
  },
  balance: async (ctx, client, msisdn) => {
    const found = await accountBalanceByMsisdn(ctx, client, msisdn);
    if (!found.ok) return found;
    return {
      ok: true,
      body: {
        ...statusFields(found.account),
        availableBalance: formatAmount(found.available),
        currency: found.available.currency,
      },
    };
  },
};

export function registerAccountRoutes(scope: FastifyInstance, ctx: DomainContext): void {
  const routes = scope.withTypeProvider<TypeBoxTypeProvider>();
  for (const [resource, view] of Object.entries(VIEWS)) {
    routes.get(
      `/accounts/:identifierType/:identifier/${resource}`,
      { schema: { tags: ['gsma'], summary: `GSMA: view an account's ${resource}`, params: AccountParams } },
      async (request, reply) => {
        const { identifierType, identifier } = request.params;
        if (identifierType !== 'msisdn') {
          return sendGsmaError(reply, ctx.clock, 'identifier_type_unsupported', [
            { key: 'identifierType', value: identifierType.slice(0, 256) },
          ]);
        }
        const result = await view(ctx, clientOf(request), identifier);
        if (!result.ok) return sendGsmaError(reply, ctx.clock, result.error);
        return reply.header('cache-control', 'no-store').send(result.body);
      },
    );
  }
}
