// Shared assertions and fixtures of the API tests: problem+json replies, fresh phone numbers per test file.
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { API_PROBLEMS, type ApiErrorCode } from '../../src/channels/http/api/api-problems.js';

export interface ProblemBody {
  status: number;
  code: string;
  attemptsRemaining?: number;
}

/** Asserts a problem+json reply with this status and one of these codes, and returns its body. */
export function problemOf(reply: LightMyRequestResponse, status: number, ...codes: string[]): ProblemBody {
  assert.equal(reply.statusCode, status, reply.body);
  assert.match(String(reply.headers['content-type']), /^application\/problem\+json/);
  const body = reply.json<ProblemBody>();
  assert.ok(codes.includes(body.code), reply.body);
  return body;
}

/** Fresh mainland mobile numbers `prefix` + 4 digits (a 7-digit prefix per test file keeps files apart). */
export function phoneSequence(prefix: string): () => string {
  let next = 0;
  return () => `${prefix}${String(next++).padStart(4, '0')}`;
}

/** Asserts the problem reply of a domain code, with the status the API's one map gives that code. */
export function refusedWith(reply: LightMyRequestResponse, code: ApiErrorCode): ProblemBody {
  return problemOf(reply, API_PROBLEMS[code].status, code);
}
