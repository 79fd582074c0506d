// For tests: a feature phone dialling the USSD gateway in-process, one request per key press, as an aggregator sends them.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export interface PhoneOptions {
  serviceCode?: string;
  /** Send form-encoded bodies (as Africa's Talking does) instead of JSON. */
  form?: boolean;
}

export class UssdPhone {
  sessionId = '';
  private inputs: string[] = [];

  constructor(
    readonly app: FastifyInstance,
    readonly phoneNumber: string,
    readonly options: PhoneOptions = {},
  ) {}

  /** The fields of the next request (the session so far). */
  fields(): Record<string, string> {
    return {
      sessionId: this.sessionId,
      serviceCode: this.options.serviceCode ?? '*123#',
      phoneNumber: this.phoneNumber,
      text: this.inputs.join('*'),
    };
  }

  /** A new session: the first request, with an empty text. */
  dial(): Promise<string> {
    this.sessionId = `ATUid_${randomUUID()}`;
    this.inputs = [];
    return this.resend();
  }

  /** Keys one input after another; the last screen. */
  async press(...inputs: string[]): Promise<string> {
    let screen = '';
    for (const input of inputs) {
      this.inputs.push(input);
      screen = await this.resend();
    }
    return screen;
  }

  /** This session from here on through another server process (a gateway may send each request to any). */
  through(app: FastifyInstance): UssdPhone {
    const other = new UssdPhone(app, this.phoneNumber, this.options);
    other.sessionId = this.sessionId;
    other.inputs = [...this.inputs];
    return other;
  }

  /** The last request again (a gateway retry); its screen. */
  async resend(): Promise<string> {
    const reply = await this.post(this.fields());
    if (reply.statusCode !== 200) throw new Error(`USSD gateway answered ${reply.statusCode}: ${reply.body}`);
    return reply.body;
  }

  /** Any body, as the gateway would post it. */
  post(fields: Record<string, string>): Promise<LightMyRequestResponse> {
    const form = this.options.form ?? false;
    return this.app.inject({
      method: 'POST',
      url: '/channels/ussd',
      headers: { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json' },
      payload: form ? new URLSearchParams(fields).toString() : JSON.stringify(fields),
    });
  }
}
