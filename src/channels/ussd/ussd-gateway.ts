// One USSD gateway request: the session (new, continued, retried or timed out), the menus, and the stored reply.
import { randomBytes } from 'node:crypto';
import { HOUR_MS } from '../../domain/clock.js';
import { findCustomerByPhone } from '../../domain/customers/customer-queries.js';
import { normalizePhone } from '../../domain/customers/phone.js';
import { keyedHash } from '../../domain/keys.js';
import type { Platform } from '../../domain/platform.js';
import { type Problem, problem } from '../http/problem.js';
import { runEffects } from './ussd-effects.js';
import { advance, newSession, show } from './ussd-engine.js';
import { findSession, purgeSessions, saveSession, type UssdSession } from './ussd-sessions.js';
import type { Reply } from './ussd-state.js';
import { textsFor, UNREGISTERED } from './ussd-texts.js';

export interface UssdRequest {
  sessionId: string;
  serviceCode: string;
  phoneNumber: string;
  /** Every input of the session so far, joined by `*`; empty on the first request. */
  text: string;
}

/** The plain-text answer (`CON …` / `END …`), or a problem for a request that was refused without effect. */
export type UssdAnswer = { ok: true; text: string } | { ok: false; problem: Problem };

export interface UssdGateway {
  handle(request: UssdRequest): Promise<UssdAnswer>;
}

const answer = (text: string): UssdAnswer => ({ ok: true, text });
const refused = (status: number, code: string, detail: string): UssdAnswer => ({
  ok: false,
  problem: problem(status, code, detail),
});

export function createUssdGateway(platform: Platform): UssdGateway {
  /** Requests of one session run one after another in this process (a retry waits for the first attempt). */
  const queues = new Map<string, Promise<UssdAnswer>>();
  return {
    handle(request) {
      const before = queues.get(request.sessionId) ?? Promise.resolve(answer(''));
      const run = before.catch(() => undefined).then(() => handleOnce(platform, request));
      queues.set(request.sessionId, run);
      const forget = () => {
        if (queues.get(request.sessionId) === run) queues.delete(request.sessionId);
      };
      run.then(forget, forget);
      return run;
    },
  };
}

async function handleOnce(platform: Platform, request: UssdRequest): Promise<UssdAnswer> {
  const { ctx } = platform;
  const { channels } = ctx.settings;
  if (request.serviceCode !== channels.ussdServiceCode) {
    return refused(400, 'unknown_service_code', `This gateway serves ${channels.ussdServiceCode} only.`);
  }
  const phone = normalizePhone(request.phoneNumber, ctx.settings.defaultRegion);
  if (!phone.ok) return refused(400, phone.error, 'phoneNumber is not a valid mobile number.');
  const inputs = request.text === '' ? [] : request.text.split('*');
  const hash = keyedHash(ctx.keys.otp, `ussd\u0000${request.sessionId}\u0000${request.text}`);
  const stored = await findSession(ctx.db, request.sessionId);
  if (stored && stored.phone !== phone.e164) {
    return refused(400, 'session_phone_mismatch', 'This session belongs to another phone number.');
  }
  // A gateway retry of the step answered last: the same reply, nothing run again.
  if (stored?.lastRequestHash.equals(hash)) return answer(stored.lastReply);
  const now = ctx.clock();
  // An empty text is a new dial, even under a session id seen before.
  const continued = inputs.length > 0 ? stored : undefined;
  if (stored && continued) {
    const menus = continued.data.menus;
    if (menus === null) return refused(400, 'session_ended', 'This session has ended.');
    if (now >= continued.expiresAt) {
      const reply = `END ${textsFor(menus.locale).timedOut(channels.ussdServiceCode)}`;
      const data = { ...continued.data, menus: null };
      return store(platform, { ...continued, data, lastRequestHash: hash, lastReply: reply }, stored);
    }
    if (inputs.length <= continued.inputsSeen) {
      return refused(400, 'out_of_sequence', 'The text holds no input after the last one answered.');
    }
  }
  const customer = await findCustomerByPhone(ctx.db, phone.e164);
  if (!customer) return answer(`END ${UNREGISTERED}`);
  if (!continued) await purgeSessions(ctx.db, now - HOUR_MS);
  // Payment keys derive from the session: a retried or replayed first request (a dial string carrying its inputs)
  // must find its payment again. Only a new dial under a session id seen before (no inputs yet) draws a fresh one.
  const key =
    continued?.data.key ??
    (stored
      ? `ussd:${request.sessionId}:${randomBytes(6).toString('base64url')}`
      : `ussd:${request.sessionId}:first`);
  const start =
    continued?.data.menus ??
    newSession(customer, {
      currency: ctx.settings.currency,
      region: ctx.settings.defaultRegion,
      airtime: channels.airtimeTillCode !== null,
    });
  const env = { platform, customer, inputs, keyPrefix: key };
  let reply: Reply = show(start);
  for (let at = continued?.inputsSeen ?? 0; at < inputs.length && reply.next; at++) {
    reply = await runEffects(env, advance(reply.next, inputs[at] ?? '', at));
  }
  const session: UssdSession = {
    sessionId: request.sessionId,
    phone: phone.e164,
    data: { key, menus: reply.next },
    inputsSeen: inputs.length,
    lastRequestHash: hash,
    lastReply: reply.text,
    updatedAt: now,
    expiresAt: now + channels.ussdSessionTtlMs,
  };
  return store(platform, session, stored);
}

/** Saves the session and answers its reply; if another request moved the session on first, answers as it did. */
async function store(platform: Platform, session: UssdSession, previous: UssdSession | undefined) {
  if (await saveSession(platform.ctx.db, session, previous)) return answer(session.lastReply);
  const now = await findSession(platform.ctx.db, session.sessionId);
  if (now?.lastRequestHash.equals(session.lastRequestHash)) return answer(now.lastReply);
  return refused(409, 'session_busy', 'Another request of this session was answered meanwhile; retry.');
}
