// POST /gsma/v1/oauth/accesstoken: the OAuth2 client-credentials grant (RFC 6749 §4.4) for GSMA API clients.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { issueToken } from '../../domain/clients/client-auth.js';
import type { DomainContext } from '../../domain/context.js';
import { acceptFormBodies } from '../http/form-body.js';
import { basicCredentials } from './gsma-auth.js';

const BODY_LIMIT_BYTES = 1024;

type OAuthError = 'invalid_request' | 'invalid_client' | 'unsupported_grant_type' | 'server_error';

const OAUTH_STATUS: Readonly<Record<OAuthError, number>> = {
  invalid_request: 400,
  invalid_client: 401,
  unsupported_grant_type: 400,
  server_error: 500,
};

/** RFC 6749 §5.2 error reply; a failed client authentication also names the scheme to use (RFC 7235). */
function sendOAuthError(reply: FastifyReply, error: OAuthError): FastifyReply {
  if (error === 'invalid_client') reply.header('www-authenticate', 'Basic realm="mwallet"');
  return reply
    .code(OAUTH_STATUS[error])
    .header('cache-control', 'no-store')
    .type('application/json')
    .send({ error });
}

export function registerOAuthRoutes(app: FastifyInstance, ctx: DomainContext): void {
  app.register(async (scope) => {
    acceptFormBodies(scope, { bodyLimit: BODY_LIMIT_BYTES, only: true });
    scope.setErrorHandler((error: { statusCode?: number }, request, reply) => {
      const status = error.statusCode ?? 500;
      if (status >= 500) request.log.error({ err: error }, 'unexpected error in the OAuth token endpoint');
      return sendOAuthError(reply, status >= 500 ? 'server_error' : 'invalid_request');
    });
    scope.post(
      '/gsma/v1/oauth/accesstoken',
      {
        bodyLimit: BODY_LIMIT_BYTES,
        schema: {
          tags: ['gsma'],
          summary: 'OAuth2 access token for a GSMA API client (client credentials, HTTP Basic)',
          consumes: ['application/x-www-form-urlencoded'],
        },
      },
      async (request, reply) => {
        // The grant type is checked first: a refused request must not leave a token behind.
        const body: unknown = request.body;
        const grant =
          typeof body === 'object' && body !== null && 'grant_type' in body ? body.grant_type : undefined;
        if (grant === undefined) return sendOAuthError(reply, 'invalid_request');
        if (grant !== 'client_credentials') return sendOAuthError(reply, 'unsupported_grant_type');
        const basic = basicCredentials(request.headers.authorization);
        if (!basic) return sendOAuthError(reply, 'invalid_client');
        // GSMA's SDKs send no API key here; one that is sent must be the client's own.
        const apiKey = request.headers['x-api-key'];
        const issued = await issueToken(ctx, {
          consumerKey: basic.key,
          consumerSecret: basic.secret,
          ...(typeof apiKey === 'string' ? { apiKey } : {}),
        });
        if (!issued.ok) return sendOAuthError(reply, issued.error);
        return reply
          .header('cache-control', 'no-store')
          .header('pragma', 'no-cache')
          .send({ access_token: issued.accessToken, token_type: 'Bearer', expires_in: issued.expiresIn });
      },
    );
  });
}
