// RFC 9457 problem details: the body of every HTTP error reply and its schema for the OpenAPI document.
import { STATUS_CODES } from 'node:http';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const ProblemSchema = Type.Object(
  {
    type: Type.String({
      description: 'URI naming the kind of problem',
      examples: ['urn:mwallet:problem:not_found'],
    }),
    title: Type.String({ description: 'Short summary of the HTTP status', examples: ['Not Found'] }),
    status: Type.Integer({ minimum: 400, maximum: 599 }),
    detail: Type.String({ description: 'What went wrong with this request, for people' }),
    code: Type.String({ description: 'Stable machine-readable error code', examples: ['not_found'] }),
    attemptsRemaining: Type.Optional(
      Type.Integer({ description: 'Wrong PINs or SMS codes still allowed before the lock', minimum: 0 }),
    ),
    reason: Type.Optional(
      Type.String({ description: 'Which rule refused, e.g. the limit: per_day', examples: ['per_day'] }),
    ),
    paymentId: Type.Optional(
      Type.String({ description: 'The payment recorded for this request, when one was' }),
    ),
  },
  { title: 'Problem' },
);
export type Problem = Static<typeof ProblemSchema>;

export function problem(status: number, code: string, detail: string): Problem {
  return {
    type: `urn:mwallet:problem:${code}`,
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    code,
  };
}

export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  return reply.code(body.status).type(PROBLEM_CONTENT_TYPE).send(body);
}

/** A route's response-schema entry for a problem+json reply, as it appears in the OpenAPI document. */
export function problemResponse(description: string) {
  return { description, content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } } };
}
