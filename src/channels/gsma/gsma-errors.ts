// The GSMA error object: the one map from domain and channel codes to its category, code and HTTP status.
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { ClientAuthError } from '../../domain/clients/client-auth.js';
import type { OpenAccountError } from '../../domain/clients/partner-account-opening.js';
import type { AccountViewError } from '../../domain/clients/partner-accounts.js';
import type { IdentityUpdateError } from '../../domain/clients/partner-identities.js';
import type { TransactionFailure } from '../../domain/clients/partner-transaction.js';
import type { Clock } from '../../domain/clock.js';
import type { IdempotencyRefusal } from '../http/api/idempotency.js';

/** Every failure this API reports: the domain's codes plus the channel's own. */
export type GsmaFailure =
  | ClientAuthError
  | AccountViewError
  | OpenAccountError
  | IdentityUpdateError
  | TransactionFailure
  | IdempotencyRefusal
  | 'transaction_type_unsupported'
  | 'callback_url_invalid'
  | 'batch_not_found'
  | 'batch_not_approvable'
  | 'request_not_found'
  | 'patch_unsupported'
  | 'identity_patch_unsupported'
  | 'api_key_missing'
  | 'credentials_missing'
  | 'basic_auth_refused'
  | 'identifier_type_unsupported'
  | 'value_missing'
  | 'value_length'
  | 'value_format'
  | 'route_not_found'
  | 'internal_error';

type Category =
  | 'businessRule'
  | 'validation'
  | 'authorisation'
  | 'identification'
  | 'internal'
  | 'serviceUnavailable';

interface GsmaErrorSpec {
  status: number;
  category: Category;
  code: string;
  description: string;
}

const businessRule = (code: string, description: string): GsmaErrorSpec => ({
  status: 400,
  category: 'businessRule',
  code,
  description,
});

const unauthorised = (description: string): GsmaErrorSpec => ({
  status: 401,
  category: 'authorisation',
  code: 'clientAuthorisationError',
  description,
});

/** The spec lists 400, 401, 404, 500 and 503 for every operation; nothing here answers another status. */
const GSMA_ERRORS: Readonly<Record<GsmaFailure, GsmaErrorSpec>> = {
  api_key_missing: unauthorised('The X-API-Key header is required.'),
  api_key_invalid: unauthorised('The API key is not valid.'),
  credentials_missing: unauthorised('An Authorization header (Basic or Bearer) is required.'),
  credentials_invalid: unauthorised('The consumer key and secret are not valid for this API key.'),
  basic_auth_refused: unauthorised(
    'HTTP Basic is not accepted here: send a Bearer token from POST /gsma/v1/oauth/accesstoken.',
  ),
  token_invalid: unauthorised('The access token is not valid or has expired.'),
  not_permitted: {
    status: 401,
    category: 'authorisation',
    code: 'requestingPartyAuthorisationError',
    description: 'The party this client acts for may not perform this request.',
  },
  identifier_invalid: {
    status: 400,
    category: 'validation',
    code: 'formatError',
    description: 'The account identifier is not a valid mobile number.',
  },
  identifier_type_unsupported: {
    status: 404,
    category: 'identification',
    code: 'identifierError',
    description: 'Accounts are identified by msisdn, accountid or walletid on this platform.',
  },
  account_not_found: {
    status: 404,
    category: 'identification',
    code: 'identifierError',
    description: 'No account matches the identifier.',
  },
  party_missing: {
    status: 400,
    category: 'validation',
    code: 'mandatoryValueNotSupplied',
    description: 'The debit or credit party is missing.',
  },
  transaction_not_found: {
    status: 404,
    category: 'identification',
    code: 'identifierError',
    description: 'No transaction has this reference.',
  },
  batch_not_found: {
    status: 404,
    category: 'identification',
    code: 'identifierError',
    description: 'No batch of this client has this id.',
  },
  batch_not_approvable: businessRule('incorrectState', 'The batch was already approved.'),
  callback_url_invalid: {
    status: 400,
    category: 'validation',
    code: 'formatError',
    description: 'X-Callback-URL must be an absolute http(s) URL on a public address.',
  },
  request_not_found: {
    status: 404,
    category: 'identification',
    code: 'identifierError',
    description: 'No request of this client has this correlation id.',
  },
  transaction_type_unsupported: {
    status: 400,
    category: 'validation',
    code: 'transactionTypeError',
    description: 'This transaction type is not offered.',
  },
  currency_unsupported: {
    status: 400,
    category: 'validation',
    code: 'currencyNotSupported',
    description: 'Wallets on this platform hold another currency.',
  },
  amount_invalid: {
    status: 400,
    category: 'validation',
    code: 'formatError',
    description: 'The amount is not a positive amount of the currency (or does not cover the fee).',
  },
  same_parties: businessRule('samePartiesError', 'The debit and credit party are the same account.'),
  insufficient_funds: businessRule('insufficientFunds', 'The debit party has insufficient funds.'),
  limit_per_transaction: businessRule(
    'greaterThanTransactionMaxValue',
    'The amount is above the largest transaction the account may make.',
  ),
  limit_daily: businessRule('dailyValueLimitExceeded', "The account's daily limit would be exceeded."),
  limit_monthly: businessRule('monthlyValueLimitExceeded', "The account's monthly limit would be exceeded."),
  limit_total: businessRule(
    'accountMaxTotalValueExceeded',
    "The account's yearly or lifetime limit would be exceeded.",
  ),
  balance_cap_exceeded: businessRule(
    'maxBalanceExceeded',
    "The credit party's balance would exceed its cap.",
  ),
  account_locked: businessRule('incorrectState', 'The account is locked.'),
  merchant_unavailable: businessRule('incorrectState', 'The merchant is not taking payments.'),
  request_declined: businessRule('requestDeclined', 'The request was declined.'),
  not_pending: businessRule('incorrectState', 'The transaction is no longer pending.'),
  not_reversible: businessRule(
    'incorrectState',
    'The transaction cannot be reversed (not completed, already refunded, past the reversal window, or a transfer).',
  ),
  authorisation_code_invalid: businessRule(
    'requestDeclined',
    'The one-time code is not valid: unknown, already used, expired, or not the debit party’s.',
  ),
  reference_taken: businessRule(
    'duplicateRequest',
    'The requestingOrganisationTransactionReference was used for another transaction.',
  ),
  idempotency_key_required: {
    status: 400,
    category: 'validation',
    code: 'formatError',
    description: 'X-CorrelationID must be a UUID.',
  },
  idempotency_key_reused: businessRule(
    'duplicateRequest',
    'This X-CorrelationID was already used for a different request.',
  ),
  idempotency_in_progress: {
    status: 503,
    category: 'serviceUnavailable',
    code: 'genericError',
    description: 'A request with this X-CorrelationID is still being processed; try again shortly.',
  },
  service_unavailable: {
    status: 503,
    category: 'serviceUnavailable',
    code: 'genericError',
    description: 'The request could not be completed now; try again with the same X-CorrelationID.',
  },
  value_missing: {
    status: 400,
    category: 'validation',
    code: 'mandatoryValueNotSupplied',
    description: 'A mandatory value is missing.',
  },
  value_length: {
    status: 400,
    category: 'validation',
    code: 'lengthError',
    description: 'A value is too long or too short.',
  },
  patch_unsupported: {
    status: 400,
    category: 'validation',
    code: 'formatError',
    description:
      'Only /accountStatus (available or unavailable), with an optional /accountSubStatus as the reason, can be updated.',
  },
  identity_patch_unsupported: {
    status: 400,
    category: 'validation',
    code: 'formatError',
    description:
      'Only /kycVerificationStatus (verified, rejected, or unverified), with an optional /kycLevel (1-3, verified only) and /kycVerificationEntity, can be updated.',
  },
  identity_not_found: {
    status: 404,
    category: 'identification',
    code: 'identifierError',
    description: 'The account has no identity with this id.',
  },
  kyc_not_pending: businessRule(
    'incorrectState',
    'No KYC application of this identity waits for a decision (customers apply in the app).',
  ),
  kyc_level_mismatch: businessRule(
    'incorrectState',
    'The kycLevel is not the level the customer applied for.',
  ),
  id_in_use: businessRule('duplicateRequest', 'Another open wallet holds this identity document.'),
  account_exists: businessRule('duplicateRequest', 'An open account already has this number.'),
  value_format: {
    status: 400,
    category: 'validation',
    code: 'formatError',
    description: 'The request is malformed.',
  },
  route_not_found: {
    status: 404,
    category: 'identification',
    code: 'genericError',
    description: 'There is no such resource.',
  },
  internal_error: {
    status: 500,
    category: 'internal',
    code: 'genericError',
    description: 'An unexpected error occurred. It has been logged.',
  },
};

export interface ErrorParameter {
  key: string;
  value: string;
}

/** The spec's errorObject for a failure, with the diagnostic key/value pairs given, and its HTTP status. */
export function gsmaErrorObject(
  clock: Clock,
  failure: GsmaFailure,
  parameters: ErrorParameter[] = [],
): { status: number; body: object } {
  const spec = GSMA_ERRORS[failure];
  return {
    status: spec.status,
    body: {
      errorCategory: spec.category,
      errorCode: spec.code,
      errorDescription: spec.description,
      errorDateTime: new Date(clock()).toISOString(),
      ...(parameters.length > 0 ? { errorParameters: parameters.slice(0, 20) } : {}),
    },
  };
}

/** What a failure means, in the words of its error object. */
export function gsmaErrorDescription(failure: GsmaFailure): string {
  return GSMA_ERRORS[failure].description;
}

/** Sends the spec's errorObject for a failure. */
export function sendGsmaError(
  reply: FastifyReply,
  clock: Clock,
  failure: GsmaFailure,
  parameters: ErrorParameter[] = [],
): FastifyReply {
  const error = gsmaErrorObject(clock, failure, parameters);
  return reply.code(error.status).type('application/json').send(error.body);
}

/** A rejected request (schema validation, bad JSON, wrong media type) as the failure it is. */
function failureOf(error: FastifyError): { failure: GsmaFailure; parameters: ErrorParameter[] } {
  const [first] = error.validation ?? [];
  if (first) {
    const field = String(first.params.missingProperty ?? first.instancePath.replace(/^\//, ''));
    const parameters = field === '' ? [] : [{ key: 'field', value: field.slice(0, 256) }];
    if (first.keyword === 'required') return { failure: 'value_missing', parameters };
    if (first.keyword === 'maxLength' || first.keyword === 'minLength')
      return { failure: 'value_length', parameters };
    return { failure: 'value_format', parameters };
  }
  const status = error.statusCode ?? 500;
  return { failure: status >= 400 && status < 500 ? 'value_format' : 'internal_error', parameters: [] };
}

/** Errors and unknown routes in `scope` answer the spec's errorObject rather than the app's problem+json. */
export function registerGsmaErrorHandling(scope: FastifyInstance, clock: Clock): void {
  scope.setNotFoundHandler((_request, reply) => sendGsmaError(reply, clock, 'route_not_found'));
  scope.setErrorHandler((error: FastifyError, request, reply) => {
    const { failure, parameters } = failureOf(error);
    if (failure === 'internal_error') request.log.error({ err: error }, 'unexpected error in the GSMA API');
    return sendGsmaError(reply, clock, failure, parameters);
  });
}
