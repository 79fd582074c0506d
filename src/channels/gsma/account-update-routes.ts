// GSMA account management: open an account (POST /accounts/individual), view one, and lock/unlock it (PATCH).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import { openPartnerAccount } from '../../domain/clients/partner-account-opening.js';
import {
  type AccountStatusChange,
  changeAccountStatus,
} from '../../domain/clients/partner-account-status.js';
import { findAccount, mayReadWallet } from '../../domain/clients/partner-accounts.js';
import { kycLevelOf, kycVerificationOf } from '../../domain/clients/partner-identities.js';
import type { DomainContext } from '../../domain/context.js';
import type { Customer } from '../../domain/customers/customer.js';
import type { Locale } from '../../domain/notifications/messages.js';
import { AccountParams, accountIdentifierOf, refuseIdentifierType } from './account-routes.js';
import { answerUpdate, callbackUrlOf, updateOutcomeOf } from './async-replies.js';
import { PatchBody, type PatchOperations, patchedFields } from './generic-patch.js';
import { clientOf } from './gsma-auth.js';
import { sendGsmaError } from './gsma-errors.js';
import { Parties } from './transaction-routes.js';

const KeyValues = Type.Array(
  Type.Object({ key: Type.String({ maxLength: 256 }), value: Type.String({ maxLength: 256 }) }),
  { maxItems: 20 },
);

/** The spec's requestAccount: the fields this platform reads (the number in accountIdentifiers, `locale` in customData). */
const AccountBody = Type.Object({
  accountIdentifiers: Type.Optional(Parties),
  identity: Type.Array(
    Type.Object({
      identityKyc: Type.Object({}),
      accountRelationship: Type.String({ enum: ['accountholder'] }),
    }),
    { minItems: 1, maxItems: 20 },
  ),
  accountType: Type.Optional(Type.String({ maxLength: 256 })),
  customData: Type.Optional(KeyValues),
});

const LOCALES: readonly string[] = ['zh-CN', 'en'] satisfies Locale[];

/** The customer's language for the SMS: `customData` `locale` when given (`en` or `zh-CN`), else Chinese. */
function localeOf(customData: { key: string; value: string }[] | undefined): Locale {
  const given = customData?.find((entry) => entry.key === 'locale')?.value;
  return given !== undefined && LOCALES.includes(given) ? (given as Locale) : 'zh-CN';
}

/** The spec's responseAccount for a wallet: its identifiers, its one holder, its status and currency. */
function accountObject(ctx: DomainContext, customer: Customer) {
  return {
    accountIdentifiers: [
      { key: 'msisdn', value: customer.phone },
      { key: 'accountid', value: customer.id },
      { key: 'walletid', value: customer.walletAccountId.toString() },
    ],
    identity: [
      {
        identityId: customer.id,
        identityType: 'individual',
        identityKyc: { contactPhone: customer.phone },
        accountRelationship: 'accountholder',
        kycVerificationStatus: kycVerificationOf(customer.tier),
        kycLevel: kycLevelOf(customer.tier),
      },
    ],
    accountStatus: customer.lockedAt === null ? 'available' : 'unavailable',
    ...(customer.lockedAt === null ? {} : { accountSubStatus: 'locked' }),
    currency: ctx.settings.currency,
    creationDate: new Date(customer.createdAt).toISOString(),
  };
}

/** What a status patch asks: `/accountStatus` to available or unavailable, with an optional `/accountSubStatus` (the reason). */
function statusChangeOf(patch: PatchOperations): { wanted: AccountStatusChange; reason: string } | undefined {
  const fields = patchedFields(patch, ['accountStatus', 'accountSubStatus']);
  const wanted = fields?.accountStatus;
  if (wanted !== 'available' && wanted !== 'unavailable') return undefined;
  return { wanted, reason: fields?.accountSubStatus || 'changed through the GSMA API' };
}

export function registerAccountUpdateRoutes(
  scope: FastifyInstance,
  ctx: DomainContext,
  idempotent: preHandlerAsyncHookHandler,
): void {
  const routes = scope.withTypeProvider<TypeBoxTypeProvider>();
  routes.post(
    '/accounts/:identityType',
    {
      preHandler: idempotent,
      schema: {
        tags: ['gsma'],
        summary:
          'GSMA: open a wallet for a number (agent and operator clients); the customer sets the PIN by SMS code',
        params: Type.Object({ identityType: Type.String({ enum: ['individual'] }) }),
        body: AccountBody,
      },
    },
    async (request, reply) => {
      const { body } = request;
      const msisdn = body.accountIdentifiers?.find((party) => party.key === 'msisdn');
      if (!msisdn) {
        return sendGsmaError(reply, ctx.clock, 'value_missing', [
          { key: 'field', value: 'accountIdentifiers' },
        ]);
      }
      const opened = await openPartnerAccount(ctx, clientOf(request), {
        msisdn: msisdn.value,
        locale: localeOf(body.customData),
      });
      if (!opened.ok) return sendGsmaError(reply, ctx.clock, opened.error);
      return reply.code(201).header('cache-control', 'no-store').send(accountObject(ctx, opened.customer));
    },
  );
  routes.get(
    '/accounts/:identifierType/:identifier',
    {
      schema: { tags: ['gsma'], summary: 'GSMA: view an account (operator clients)', params: AccountParams },
    },
    async (request, reply) => {
      const identifier = accountIdentifierOf(request.params);
      if (!identifier) return refuseIdentifierType(reply, ctx, request.params.identifierType);
      if (!mayReadWallet(clientOf(request))) return sendGsmaError(reply, ctx.clock, 'not_permitted');
      const found = await findAccount(ctx, identifier);
      if (!found.ok) return sendGsmaError(reply, ctx.clock, found.error);
      if (!found.customer) return sendGsmaError(reply, ctx.clock, 'account_not_found');
      return reply.header('cache-control', 'no-store').send(accountObject(ctx, found.customer));
    },
  );
  routes.patch(
    '/accounts/:identifierType/:identifier',
    {
      preHandler: idempotent,
      schema: {
        tags: ['gsma'],
        summary:
          'GSMA: lock (accountStatus unavailable) or unlock (available) a wallet (operator clients); X-Callback-URL answers 202',
        params: AccountParams,
        body: PatchBody,
      },
    },
    async (request, reply) => {
      const identifier = accountIdentifierOf(request.params);
      if (!identifier) return refuseIdentifierType(reply, ctx, request.params.identifierType);
      const change = statusChangeOf(request.body);
      if (!change) return sendGsmaError(reply, ctx.clock, 'patch_unsupported');
      const callbackUrl = await callbackUrlOf(ctx, request);
      if (callbackUrl === false) return sendGsmaError(reply, ctx.clock, 'callback_url_invalid');
      const changed = await changeAccountStatus(
        ctx,
        clientOf(request),
        identifier,
        change.wanted,
        change.reason,
      );
      return answerUpdate(ctx, request, reply, updateOutcomeOf(ctx, changed), callbackUrl);
    },
  );
}
