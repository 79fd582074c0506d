// What the app API's route modules receive: the platform and the hooks they attach to their routes.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  preHandlerAsyncHookHandler,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { Platform } from '../../../domain/platform.js';

export interface ApiDeps {
  platform: Platform;
  /** Resolves the bearer token to a customer, or answers 401. */
  session: preHandlerAsyncHookHandler;
  /** Claims the Idempotency-Key (after `session` on authenticated routes). */
  idempotent: preHandlerAsyncHookHandler;
}

/** A Fastify scope whose routes get request types from their TypeBox schemas. */
export type ApiScope = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;
