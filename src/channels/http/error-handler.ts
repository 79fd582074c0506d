// The one error handler: every thrown error and every unknown route becomes a problem+json reply.
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { type Problem, problem, sendProblem } from './problem.js';

/** Codes for the client errors Fastify itself raises (bad JSON, body too large, wrong media type...). */
const CLIENT_ERROR_CODES: Readonly<Record<number, string>> = {
  400: 'invalid_request',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  408: 'request_timeout',
  413: 'payload_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
  431: 'headers_too_large',
};

export function registerErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?', 1)[0];
    return sendProblem(reply, problem(404, 'not_found', `There is no route ${request.method} ${path}.`));
  });
  app.setErrorHandler((error, request, reply) => sendProblem(reply, toProblem(error, request.log)));
}

function toProblem(error: unknown, log: FastifyBaseLogger): Problem {
  if (!(error instanceof Error)) return unexpected(error, log);
  if ('validation' in error && error.validation) return problem(400, 'invalid_request', error.message);
  const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
  if (status >= 400 && status < 500) {
    return problem(status, CLIENT_ERROR_CODES[status] ?? 'invalid_request', error.message);
  }
  return unexpected(error, log);
}

/** Bugs and infrastructure failures: logged in full, reported to the client without internals. */
function unexpected(error: unknown, log: FastifyBaseLogger): Problem {
  log.error({ err: error }, 'unexpected error while handling a request');
  return problem(500, 'internal_error', 'An unexpected error occurred. It has been logged.');
}
