// Tests of the webhook URL check: only public https endpoints, without resolving public names (no internet here).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkWebhookUrl, isPrivateAddress } from './webhook-url.js';

const strict = { allowPrivate: false };

async function errorOf(text: string, options = strict): Promise<string> {
  const result = await checkWebhookUrl(text, options);
  return result.ok ? 'ok' : result.error;
}

describe('webhook URL check', () => {
  it('accepts an https URL whose literal address is public, without DNS', async () => {
    const result = await checkWebhookUrl('https://93.184.216.34/hook?shop=1', strict);
    assert.ok(result.ok);
    assert.equal(result.url.pathname, '/hook');
    assert.equal(await errorOf('https://[2606:2800:220:1:248:1893:25c8:1946]:8443/hook'), 'ok');
  });

  it('refuses http unless private endpoints are allowed (development)', async () => {
    assert.equal(await errorOf('http://93.184.216.34/hook'), 'webhook_url_invalid');
    assert.equal(await errorOf('http://127.0.0.1:8080/hook', { allowPrivate: true }), 'ok');
  });

  it('refuses loopback, private, link-local, CGNAT and IPv4-mapped addresses', async () => {
    for (const host of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.5.4',
      '192.168.0.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '[::1]',
      '[::]',
      '[fd00::1]',
      '[fe80::1]',
      '[::ffff:127.0.0.1]',
      '[::ffff:10.0.0.1]',
      '[::7f00:1]',
      '[64:ff9b::a00:1]',
      '[2002:a00:1::]',
      '2130706433',
    ]) {
      assert.equal(await errorOf(`https://${host}/hook`), 'webhook_url_private', host);
    }
  });

  it('refuses a name that resolves to loopback, and a name that does not resolve', async () => {
    const result = await checkWebhookUrl('https://localhost/hook', strict);
    assert.deepEqual(result.ok ? undefined : result.error, 'webhook_url_private');
    assert.equal(await errorOf('https://no-such-host.invalid/hook'), 'webhook_url_invalid');
  });

  it('refuses credentials, fragments, other schemes, non-URLs and overlong URLs', async () => {
    for (const text of [
      'https://user:pass@93.184.216.34/hook',
      'https://user@93.184.216.34/hook',
      'https://93.184.216.34/hook#part',
      'https://93.184.216.34/hook#',
      'ftp://93.184.216.34/hook',
      'javascript:alert(1)',
      'not a url',
      '/relative/hook',
      `https://93.184.216.34/${'a'.repeat(2048)}`,
    ]) {
      assert.equal(await errorOf(text), 'webhook_url_invalid', text);
    }
  });

  it('classifies single addresses for the check at delivery time', () => {
    assert.equal(isPrivateAddress('8.8.8.8'), false);
    assert.equal(isPrivateAddress('2001:4860:4860::8888'), false);
    assert.equal(isPrivateAddress('::ffff:8.8.8.8'), false);
    assert.equal(isPrivateAddress('172.32.0.1'), false);
    assert.equal(isPrivateAddress('172.31.255.255'), true);
    assert.equal(isPrivateAddress('::ffff:7f00:1'), true);
    assert.equal(isPrivateAddress('255.255.255.255'), true);
    assert.equal(isPrivateAddress('ff02::1'), true);
    assert.equal(isPrivateAddress('not-an-ip'), true);
  });
});
