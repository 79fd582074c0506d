// For tests: a phone texting the SMS gateway's webhook in-process and reading its answers from the dev SMS outbox.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export class SmsPhone {
  /** The newest outbox message already read. */
  private seen = 0;

  constructor(
    readonly app: FastifyInstance,
    readonly phone: string,
  ) {}

  /** One webhook call as the gateway makes it: form-encoded, or JSON when `json`. */
  post(fields: Record<string, unknown>, json = false): Promise<LightMyRequestResponse> {
    const payload = json
      ? JSON.stringify(fields)
      : new URLSearchParams(
          Object.entries(fields).map(([k, v]): [string, string] => [k, String(v)]),
        ).toString();
    const type = json ? 'application/json' : 'application/x-www-form-urlencoded';
    return this.app.inject({
      method: 'POST',
      url: '/channels/sms',
      payload,
      headers: { 'content-type': type },
    });
  }

  /** Texts `text` (accepted by the webhook) and returns the SMS this phone got since its last look, oldest first. */
  async send(text: string, messageId = `SM${randomUUID()}`): Promise<string[]> {
    const reply = await this.post({ from: this.phone, text, messageId });
    assert.equal(reply.statusCode, 200, reply.body);
    assert.deepEqual(reply.json(), { accepted: true });
    return this.received();
  }

  /** The one SMS `text` was answered with. */
  async ask(text: string): Promise<string> {
    const answers = await this.send(text);
    assert.equal(answers.length, 1, answers.join('\n---\n'));
    return answers[0] ?? '';
  }

  /** The SMS that arrived since the last look, oldest first. */
  async received(): Promise<string[]> {
    const reply = await this.app.inject({
      method: 'GET',
      url: `/dev/sms?limit=200&phone=${encodeURIComponent(this.phone)}`,
    });
    assert.equal(reply.statusCode, 200, reply.body);
    const messages = reply.json<{ messages: { seq: number; text: string }[] }>().messages;
    const fresh = messages.filter((m) => m.seq > this.seen).reverse();
    this.seen = Math.max(this.seen, ...messages.map((m) => m.seq));
    return fresh.map((m) => m.text);
  }
}
