// GSMA accounts by identifier: GET /accounts/{identifierType}/{identifier}/status, /accountname and /balance.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ApiClient } from '../../domain/clients/api-client.js';
import {
  type AccountIdentifier,
  type AccountStatus,
  type AccountViewError,
  accountBalance,
  accountName,
  accountStatus,
} from '../../domain/clients/partner-accounts.js';
import type { DomainContext } from '../../domain/context.js';
import { formatAmount } from '../../money/index.js';
import { clientOf } from './gsma-auth.js';
import { sendGsmaError } from './gsma-errors.js';

/** The spec's identifierType values; any other is malformed, and only msisdn, accountid and walletid are supported. */
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

const ACCOUNT_ID_TYPES = IDENTIFIER_TYPES.join('|');

/** The spec's accountId path parameter: up to three `type@value` identifiers joined by `$` (`msisdn@+86…`). */
export const AccountIdParam = Type.String({
  minLength: 1,
  maxLength: 256,
  pattern: `^((${ACCOUNT_ID_TYPES})@([^$\\n]+))(\\$(${ACCOUNT_ID_TYPES})@([^$\\n]+)){0,2}$`,
  description: 'e.g. msisdn@+8613800000001, or accountid@cus_…$msisdn@+8613800000001',
});

export const AccountParams = Type.Object({
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

/** Each resource of a wallet, as the spec's response object. Who may read what is the domain's policy. */
const VIEWS: Readonly<
  Record<string, (ctx: DomainContext, client: ApiClient, identifier: AccountIdentifier) => Promise<View>>
> = {
  status: async (ctx, _client, identifier) => {
    const found = await accountStatus(ctx, identifier);
    return found.ok ? { ok: true, body: statusFields(found.account) } : found;
  },
  // The masked name (as the apps show a payee), in fullName; an account with no name yet has an empty name.
  accountname: async (ctx, _client, identifier) => {
    const found = await accountName(ctx, identifier);
    return found.ok
      ? { ok: true, body: { name: found.maskedName ? { fullName: found.maskedName } : {} } }
      : found;
  },
  balance: async (ctx, client, identifier) => {
    const found = await accountBalance(ctx, client, identifier);
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

const SUPPORTED: readonly string[] = [
  'msisdn',
  'accountid',
  'walletid',
] satisfies AccountIdentifier['type'][];

/** The wallet identifier of a path, if its type is one this platform identifies wallets by. */
export function accountIdentifierOf(params: {
  identifierType: string;
  identifier: string;
}): AccountIdentifier | undefined {
  if (!SUPPORTED.includes(params.identifierType)) return undefined;
  return { type: params.identifierType as AccountIdentifier['type'], value: params.identifier };
}

/**
 * The wallet identifiers of an accountId path parameter (already matched against {@link AccountIdParam}); the type
 * of the first one this platform does not identify wallets by, when there is one.
 */
export function accountIdentifiersOf(
  accountId: string,
): { ok: true; identifiers: AccountIdentifier[] } | { ok: false; identifierType: string } {
  const identifiers: AccountIdentifier[] = [];
  for (const part of accountId.split('$')) {
    const at = part.indexOf('@');
    const params = { identifierType: part.slice(0, at), identifier: part.slice(at + 1) };
    const identifier = accountIdentifierOf(params);
    if (!identifier) return { ok: false, identifierType: params.identifierType };
    identifiers.push(identifier);
  }
  return { ok: true, identifiers };
}

export function refuseIdentifierType(
  reply: FastifyReply,
  ctx: DomainContext,
  identifierType: string,
): FastifyReply {
  return sendGsmaError(reply, ctx.clock, 'identifier_type_unsupported', [
    { key: 'identifierType', value: identifierType.slice(0, 256) },
  ]);
}

export function registerAccountRoutes(scope: FastifyInstance, ctx: DomainContext): void {
  const routes = scope.withTypeProvider<TypeBoxTypeProvider>();
  for (const [resource, view] of Object.entries(VIEWS)) {
    routes.get(
      `/accounts/:identifierType/:identifier/${resource}`,
      { schema: { tags: ['gsma'], summary: `GSMA: view an account's ${resource}`, params: AccountParams } },
      async (request, reply) => {
        const identifier = accountIdentifierOf(request.params);
        if (!identifier) return refuseIdentifierType(reply, ctx, request.params.identifierType);
        const result = await view(ctx, clientOf(request), identifier);
        if (!result.ok) return sendGsmaError(reply, ctx.clock, result.error);
        return reply.header('cache-control', 'no-store').send(result.body);
      },
    );
  }
}
