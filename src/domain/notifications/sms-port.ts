// The SMS port: where rendered texts go. Adapters: the dev outbox (stored, readable in dev mode) and an HTTP gateway.
import type { SmsSendResult } from './sms-gateway.js';

export interface SmsSender {
  /** Sends one text to an E.164 number. A timeout is an unknown outcome: the dispatcher retries (at-least-once). */
  send(to: string, text: string): Promise<SmsSendResult>;
  /** Sends several texts at once, where the adapter can do that more cheaply; all succeed or the call throws. */
  sendAll?(messages: readonly { to: string; text: string }[]): Promise<void>;
}
