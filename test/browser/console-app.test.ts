// The operator console in a real browser: TOTP sign-in, lock a customer (their payments stop), maker–checker reversal, audit chain.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { type BrowserWorld, openBrowserWorld } from '../support/browser.js';
import { mwallet } from '../support/cli.js';
import {
  freshTotpCode,
  openCustomer,
  reverseWithTwoPeople,
  signInToConsole,
} from '../support/console-steps.js';

const DEMO_PHONE = '+8613800000001';
const DEMO_PIN = '147258';

describe('operator console web app (chromium)', () => {
  let world: BrowserWorld;
  const contexts: BrowserContext[] = [];
  let customerToken: string;
  let paymentId: string;
  /** The newcomer made in one test, signed in again in a later one. */
  const newcomer = { totpSecret: '' };

  /** A JSON call to the server as the customer's phone app would make it. */
  const call = async (path: string, body: unknown, token?: string) => {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'idempotency-key': randomUUID(),
    };
    if (token) headers.authorization = `Bearer ${token}`;
    const reply = await fetch(`${world.server.url}${path}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
    });
    return { status: reply.status, body: (await reply.json()) as Record<string, string> };
  };

  /** A verification token for an SMS code to the demo customer. */
  const verified = async (purpose: string, token?: string) => {
    const asked = token
      ? await call('/api/v1/me/otp', { purpose }, token)
      : await call('/api/v1/otp', { phone: DEMO_PHONE, purpose });
    assert.equal(asked.status, 202, JSON.stringify(asked.body));
    const code = await world.lastSmsCode(DEMO_PHONE);
    const done = await call(`/api/v1/otp/${asked.body.challengeId}/verify`, { code });
    return done.body.verificationToken;
  };

  /** Signs in with a generated password: the console asks for one's own password before anything else. */
  const signInWithGeneratedPassword = async (
    page: Page,
    username: string,
    password: string,
    totpSecret: string,
  ) => {
    await page.goto(`${world.server.url}/console/`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByLabel('Authenticator code').fill(await freshTotpCode(username, totpSecret));
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Choose your own password' }).waitFor();
  };

  before(async () => {
    world = await openBrowserWorld({ MWALLET_OTP_INTERVAL_SECONDS: '1' });
    // The demo customer logs in from a phone and pays the demo café ¥25 by its QR code.
    const device = { id: `browser-test-${randomUUID()}`, name: 'Test phone' };
    const login = await call('/api/v1/sessions', {
      phone: DEMO_PHONE,
      pin: DEMO_PIN,
      device,
      verificationToken: await verified('login'),
    });
    assert.equal(login.status, 201, JSON.stringify(login.body));
    customerToken = login.body.token ?? '';
    const cafe = world.server.demo.merchants[0];
    assert.ok(cafe);
    const pay = { payload: cafe.qrPayload, amount: '25.00', pin: DEMO_PIN };
    let paid = await call('/api/v1/merchant-payments', pay, customerToken);
    if (paid.status === 403 && paid.body.code === 'otp_required') {
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      const verificationToken = await verified('payment', customerToken);
      paid = await call('/api/v1/merchant-payments', { ...pay, verificationToken }, customerToken);
    }
    assert.equal(paid.status, 201, JSON.stringify(paid.body));
    paymentId = paid.body.id ?? '';
  });
  after(async () => {
    for (const context of contexts) await context.close();
    await world.close();
  });

  it('refuses a wrong authenticator code with the one generic message', async () => {
    const context = await world.browser.newContext({ locale: 'en-US' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${world.server.url}/console/`);
    await page.getByLabel('Username').fill('support1');
    await page.getByLabel('Password').fill('demo-support1-pass');
    await page.getByLabel('Authenticator code').fill('000000');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').getByText('Wrong username, password or authenticator code').waitFor();
    await page.screenshot({ path: world.screenshot('console-sign-in-refused') });
  });

  it('makes a newcomer made with `mwallet staff create` choose a password before the console opens', async () => {
    const created = await mwallet(
      world.env,
      '--json',
      'staff',
      'create',
      '--username',
      'newcomer1',
      '--name',
      'New Colleague',
      '--role',
      'support',
    );
    assert.equal(created.code, 0, created.stderr);
    const { initialPassword, totpSecret } = JSON.parse(created.stdout) as {
      initialPassword: string;
      totpSecret: string;
    };
    const context = await world.browser.newContext({ locale: 'en-US' });
    contexts.push(context);
    const page = await context.newPage();
    newcomer.totpSecret = totpSecret;
    await signInWithGeneratedPassword(page, 'newcomer1', initialPassword, totpSecret);
    assert.equal(await page.getByRole('link', { name: 'Customers' }).count(), 0);
    await page.screenshot({ path: world.screenshot('console-first-password') });
    await page.getByLabel('Current password').fill(initialPassword);
    await page.getByLabel('New password (12 characters or more)').fill('a passphrase of my own');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByTestId('signed-in').getByText('New Colleague').waitFor();
    await page.getByRole('link', { name: 'Customers' }).waitFor();
  });

  it('support finds the customer by phone and locks the wallet: the customer can no longer pay', async () => {
    const page = await signInToConsole(world, 'support1');
    await openCustomer(page, '138 0000 0001');
    await page.getByTestId('balance').getByText('¥975.00').waitFor();
    assert.match((await page.getByTestId('merchant-payments').textContent()) ?? '', new RegExp(paymentId));
    await page.screenshot({ path: world.screenshot('console-customer-360') });
    await page.getByLabel('Reason').fill('suspected account takeover');
    await page.getByRole('button', { name: 'Lock wallet' }).click();
    await page.getByTestId('lock-state').getByText('Locked: suspected account takeover').waitFor();
    await page.getByLabel('New note').fill('Customer called from an unknown number.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByTestId('notes').getByText('Customer called from an unknown number.').waitFor();
    await page.screenshot({ path: world.screenshot('console-customer-locked') });
    const cafe = world.server.demo.merchants[0];
    const refused = await call(
      '/api/v1/merchant-payments',
      { payload: cafe?.qrPayload, amount: '1.00', pin: DEMO_PIN },
      customerToken,
    );
    assert.equal(refused.status, 401, 'the lock ended the session: no payment goes through');
  });

  it('finance1 asks for a reversal, cannot approve it; finance2 approves and the money goes back', async () => {
    const { makerCanApprove } = await reverseWithTwoPeople(world, paymentId, 'customer charged twice');
    assert.equal(makerCanApprove, false, 'no approve button for the maker');
  });

  it('admin sees every action in the audit log, verifies the chain, and reads the dashboard in both languages', async () => {
    const page = await signInToConsole(world, 'admin');
    await page.getByRole('link', { name: 'Audit log' }).click();
    const entries = page.getByTestId('audit-entries');
    await entries.getByText('wallet.lock').waitFor();
    for (const action of [
      'reversal.request',
      'reversal.approve',
      'merchant_payment.reversal',
      'customer.note',
    ]) {
      await entries.getByText(action, { exact: true }).first().waitFor();
    }
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await page.getByTestId('chain-verdict').getByText('Chain intact').waitFor();
    await page.screenshot({ path: world.screenshot('console-audit') });
    await page.getByRole('link', { name: 'Staff' }).click();
    await page.getByTestId('staff').getByText('finance2').waitFor();
    // The newcomer forgot their password: admin gives them a one-time one, which they must replace at once.
    const row = page.locator('tr[data-username="newcomer1"]');
    await row.getByText('Their own').waitFor();
    await row.getByRole('button', { name: 'New password' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Confirm' }).click();
    const oneTimePassword = (await page.getByTestId('one-time-password').textContent()) ?? '';
    await row.getByText('Must choose their own').waitFor();
    await page.screenshot({ path: world.screenshot('console-staff-password-reset') });
    const context = await world.browser.newContext({ locale: 'en-US' });
    contexts.push(context);
    await signInWithGeneratedPassword(
      await context.newPage(),
      'newcomer1',
      oneTimePassword,
      newcomer.totpSecret,
    );
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByTestId('dashboard').getByText('Success rate').waitFor();
    await page.getByTestId('reversed').getByText('¥25.00').waitFor();
    await page.screenshot({ path: world.screenshot('console-dashboard') });
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: '系统概览' }).waitFor();
    await page.getByRole('link', { name: '审计日志' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
    await page.screenshot({ path: world.screenshot('console-dashboard-zh') });
  });

  it("finance1 opens the customer's page read only: the reversed payment, the lock and the notes, but no actions", async () => {
    const page = await signInToConsole(world, 'finance1');
    await openCustomer(page, '138 0000 0001');
    const payments = page.getByTestId('merchant-payments');
    await payments.getByRole('row', { name: new RegExp(`${paymentId}.*reversed`) }).waitFor();
    await page.getByTestId('lock-state').getByText('Locked: suspected account takeover').waitFor();
    await page.getByTestId('notes').getByText('Customer called from an unknown number.').waitFor();
    await page.screenshot({ path: world.screenshot('console-customer-finance') });
    for (const button of ['Unlock wallet', 'Lock wallet', 'Add note', 'Verify and allow reset']) {
      assert.equal(await page.getByRole('button', { name: button }).count(), 0, button);
    }
    assert.equal(await page.getByLabel('New note').count(), 0);
  });
});
