// The merchant portal in a real browser: SMS-code login, a payment on the dashboard and in transactions, a refund, zh-CN.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type BrowserWorld, openBrowserWorld } from '../support/browser.js';
import { logInToPortal, refundInPortal } from '../support/portal-steps.js';

const DEMO_PHONE = '+8613800000001';
const DEMO_PIN = '147258';

describe('merchant portal web app (chromium)', () => {
  let world: BrowserWorld;
  let page: Page;

  /** A POST to the app API as the phone app would send it. */
  async function post<T>(path: string, body: unknown, token?: string): Promise<T> {
    const reply = await fetch(`${world.server.url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
    const text = await reply.text();
    assert.ok(reply.ok, `${path}: ${text}`);
    return JSON.parse(text) as T;
  }

  /** The demo customer pays the demo café ¥25.00 by its till QR (logging in on a new device with a code). */
  async function customerPaysCafe(): Promise<void> {
    const cafe = world.server.demo.merchants[0];
    assert.ok(cafe);
    const { token } = await post<{ token: string }>('/api/v1/sessions', {
      phone: DEMO_PHONE,
      pin: DEMO_PIN,
      device: { id: `portal-test-${randomUUID()}`, name: 'Test phone' },
      verificationToken: await verified('/api/v1/otp', { phone: DEMO_PHONE, purpose: 'login' }),
    });
    // A new device pays a new payee: the PIN and an SMS code (a second code waits out the 1 s between codes).
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const verificationToken = await verified('/api/v1/me/otp', { purpose: 'payment' }, token);
    const payment = { payload: cafe.qrPayload, amount: '25.00', pin: DEMO_PIN, verificationToken };
    await post('/api/v1/merchant-payments', payment, token);
  }

  /** Asks for an SMS code and verifies the one the dev outbox holds: a verification token. */
  async function verified(path: string, body: unknown, token?: string): Promise<string> {
    const { challengeId } = await post<{ challengeId: string }>(path, body, token);
    const code = await world.lastSmsCode(DEMO_PHONE);
    const reply = await post<{ verificationToken: string }>(`/api/v1/otp/${challengeId}/verify`, { code });
    return reply.verificationToken;
  }

  before(async () => {
    world = await openBrowserWorld({ MWALLET_OTP_INTERVAL_SECONDS: '1' });
    await customerPaysCafe();
    const context = await world.browser.newContext({
      viewport: { width: 1200, height: 900 },
      locale: 'en-US',
    });
    page = await context.newPage();
  });
  after(() => world.close());

  it('logs the café owner in with the SMS code and shows the payment on the dashboard', async () => {
    const owner = world.server.demo.merchants[0]?.ownerPhone;
    assert.ok(owner, 'the demo café has an owner');
    await logInToPortal(world, page, owner);
    assert.match((await page.getByTestId('signed-in-as').textContent()) ?? '', /Owner.*Demo Café/);
    const today = page.getByTestId('today');
    await today.getByText('¥25.00').waitFor();
    assert.match((await today.textContent()) ?? '', /Success rate100\.0%/);
    await page.getByText("Today's sales by hour").waitFor();
    await page.screenshot({ path: world.screenshot('merchant-dashboard'), fullPage: true });
    await page.getByRole('button', { name: 'By day' }).click();
    await page.getByText("This month's sales by day").waitFor();
  });

  it('finds the payment in transactions and refunds part of it', async () => {
    await page.getByRole('link', { name: 'Transactions' }).click();
    const table = page.getByTestId('payments');
    await table.getByText('¥25.00').waitFor();
    assert.match((await table.textContent()) ?? '', /Till QR.*Completed/);
    await page.screenshot({ path: world.screenshot('merchant-transactions'), fullPage: true });
    await refundInPortal(world, page, '¥25.00', '10.00', 'one coffee returned');
    await page.getByRole('button', { name: 'Back' }).click();
    await table.getByText('¥10.00').waitFor();
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByTestId('today').getByText('¥10.00 (1)').waitFor();
  });

  it('shows a till QR code, the team, the settlement account and the API keys', async () => {
    await page.getByRole('link', { name: 'Tills & QR' }).click();
    await page
      .getByRole('button', { name: /^Show QR/ })
      .first()
      .click();
    await page.getByTestId('till-qr').waitFor();
    assert.ok(await page.getByRole('link', { name: 'Download PNG' }).getAttribute('download'));
    await page.screenshot({ path: world.screenshot('merchant-till-qr'), fullPage: true });
    await page.getByRole('link', { name: 'Team' }).click();
    await page.getByTestId('team').getByText('+8613800000003').waitFor();
    await page.getByRole('link', { name: 'Settlement' }).click();
    // ¥25.00 less the 0.38 % fee (¥0.10), less the ¥10.00 refund with its share of the fee back (¥0.04).
    await page.getByTestId('settlement').getByText('¥14.94').waitFor();
    await page.getByText('**** 0001').waitFor();
    await page.screenshot({ path: world.screenshot('merchant-settlement'), fullPage: true });
    await page.getByRole('link', { name: 'API & webhooks' }).click();
    await page.getByRole('button', { name: 'New key' }).click();
    await page.getByText('Save the secret now').waitFor();
    await page.screenshot({ path: world.screenshot('merchant-api-keys'), fullPage: true });
  });

  it('renders in Chinese, and logging out ends the session', async () => {
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('link', { name: '交易' }).click();
    await page.getByRole('heading', { name: '交易' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
    await page.screenshot({ path: world.screenshot('merchant-transactions-zh'), fullPage: true });
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('button', { name: '获取验证码' }).waitFor();
  });
});
