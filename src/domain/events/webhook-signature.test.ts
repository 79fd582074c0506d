// Tests of Standard Webhooks signing: what a receiver accepts and what it refuses.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newWebhookSecret, signWebhook, verifyWebhook, webhookSecretBytes } from './webhook-signature.js';

const NOW = 1_735_689_600;
const BODY = '{"type":"payment.succeeded","timestamp":"2025-01-01T00:00:00.000Z","data":{"amount":"12.50"}}';

function headersFor(secret: string, body = BODY, timestamp = NOW, id = 'evt_1') {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signWebhook(webhookSecretBytes(secret), id, timestamp, body),
  };
}

describe('webhook signatures', () => {
  it('makes whsec_ secrets of 24 random bytes', () => {
    const secret = newWebhookSecret();
    assert.match(secret, /^whsec_[A-Za-z0-9+/]{32}$/);
    assert.equal(webhookSecretBytes(secret).length, 24);
    assert.notEqual(newWebhookSecret(), secret);
  });

  it('matches the Standard Webhooks reference signature', () => {
    // The test vector of the Standard Webhooks specification's reference libraries.
    const secret = webhookSecretBytes('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    const signature = signWebhook(secret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}');
    assert.equal(signature, 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('accepts a delivery signed with the secret, within the tolerance', () => {
    const secret = newWebhookSecret();
    assert.deepEqual(verifyWebhook(secret, headersFor(secret), BODY, NOW), { ok: true });
    assert.deepEqual(verifyWebhook(secret, headersFor(secret), BODY, NOW + 300), { ok: true });
  });

  it('refuses a tampered body, a wrong secret and a stale or future timestamp', () => {
    const secret = newWebhookSecret();
    const mismatch = { ok: false, error: 'signature_mismatch' };
    assert.deepEqual(
      verifyWebhook(secret, headersFor(secret), BODY.replace('12.50', '99.50'), NOW),
      mismatch,
    );
    assert.deepEqual(verifyWebhook(newWebhookSecret(), headersFor(secret), BODY, NOW), mismatch);
    const outOfRange = { ok: false, error: 'timestamp_out_of_range' };
    assert.deepEqual(verifyWebhook(secret, headersFor(secret, BODY, NOW - 301), BODY, NOW), outOfRange);
    assert.deepEqual(verifyWebhook(secret, headersFor(secret, BODY, NOW + 301), BODY, NOW), outOfRange);
  });

  it('accepts one valid signature among several (secret rotation) and refuses when none is valid', () => {
    const [oldSecret, newSecret] = [newWebhookSecret(), newWebhookSecret()];
    const headers = headersFor(newSecret);
    const rotating = `${headersFor(oldSecret)['webhook-signature']} v2,abc ${headers['webhook-signature']}`;
    assert.deepEqual(verifyWebhook(newSecret, { ...headers, 'webhook-signature': rotating }, BODY, NOW), {
      ok: true,
    });
    assert.deepEqual(
      verifyWebhook(newWebhookSecret(), { ...headers, 'webhook-signature': rotating }, BODY, NOW),
      {
        ok: false,
        error: 'signature_mismatch',
      },
    );
  });

  it('refuses missing or malformed headers', () => {
    const secret = newWebhookSecret();
    const { 'webhook-id': _id, ...withoutId } = headersFor(secret);
    const missing = { ok: false, error: 'missing_headers' };
    assert.deepEqual(verifyWebhook(secret, withoutId, BODY, NOW), missing);
    assert.deepEqual(
      verifyWebhook(secret, { ...headersFor(secret), 'webhook-timestamp': 'soon' }, BODY, NOW),
      missing,
    );
  });
});
