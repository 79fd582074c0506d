// Refuses NUL characters anywhere in a request (path, query, body): no database stores them as text alike.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { problem, sendProblem } from '../problem.js';

function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 64 || typeof value !== 'object' || value === null) return false;
  return Object.entries(value).some(([key, item]) => key.includes('\u0000') || containsNul(item, depth + 1));
}

/** A preValidation hook: 400 before any handler or database sees the request. */
export async function refuseNul(
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply | undefined> {
  if (/%00/i.test(request.url) || containsNul(request.body) || containsNul(request.params)) {
    return sendProblem(reply, problem(400, 'invalid_request', 'NUL characters are not accepted.'));
  }
  return undefined;
}
