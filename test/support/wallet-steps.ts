// Steps a customer takes in the wallet web app (English), shared by the browser tests.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { renderQrPng } from '../../src/domain/merchants/qr/qr-image.js';
import type { BrowserWorld } from './browser.js';
import { mwallet } from './cli.js';
import { basicHeader } from './gsma-driver.js';

/** The demo customer with ¥1,000 (see src/domain/demo.ts). */
export const DEMO_CUSTOMER = { phone: '+8613800000001', pin: '147258' };

/** Opens a wallet for a new number: SMS code from the dev outbox, then the PIN twice; ends on the home screen. */
export async function registerInWallet(
  world: BrowserWorld,
  page: Page,
  phone: string,
  pin: string,
): Promise<void> {
  await page.goto(`${world.server.url}/wallet/`);
  await page.getByRole('link', { name: 'Open a wallet' }).click();
  await page.getByLabel('Phone number').fill(phone);
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.getByLabel('SMS code').waitFor();
  await page.getByLabel('SMS code').fill(await world.lastSmsCode(phone));
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('PIN (6 digits)').fill(pin);
  await page.getByLabel('PIN again').fill(pin);
  await page.screenshot({ path: world.screenshot('wallet-register') });
  await page.getByRole('button', { name: 'Open a wallet' }).click();
  await page.getByTestId('balance').waitFor();
}

/** Logs in from a device the wallet has not seen: PIN, then the SMS code; ends on the home screen. */
export async function logInFromNewDevice(world: BrowserWorld, page: Page, phone: string, pin: string) {
  await page.goto(`${world.server.url}/wallet/#/login`);
  await page.reload(); // a fresh login screen, even if the page showed one already
  await page.getByLabel('Phone number').fill(phone);
  await page.getByLabel('PIN (6 digits)').fill(pin);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByLabel('SMS code').waitFor();
  await page.getByLabel('SMS code').fill(await world.lastSmsCode(phone));
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByTestId('balance').waitFor();
}

/** Enters the PIN and the SMS code the step-up asked for (asking again if the last code was too recent). */
export async function authorise(world: BrowserWorld, page: Page, phone: string, pin: string): Promise<void> {
  await page.getByLabel('PIN (6 digits)').fill(pin);
  const code = page.getByLabel('SMS code');
  const again = page.getByRole('button', { name: 'Send code' });
  await code.or(again).waitFor();
  if (await again.isVisible()) {
    await page.waitForTimeout(1_100);
    await again.click();
    await code.waitFor();
  }
  await code.fill(await world.lastSmsCode(phone));
}

/** The demo customer, in a browser of their own, sends `amount` to `to` (a new payee: PIN and SMS code). */
export async function demoCustomerSends(world: BrowserWorld, to: string, amount: string): Promise<void> {
  const context = await world.browser.newContext({ viewport: { width: 400, height: 860 }, locale: 'en-US' });
  const page = await context.newPage();
  await logInFromNewDevice(world, page, DEMO_CUSTOMER.phone, DEMO_CUSTOMER.pin);
  await page.getByRole('link', { name: 'Send' }).click();
  await page.getByLabel("Recipient's phone").fill(to);
  await page.getByLabel('Amount').fill(amount);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByText('Total').waitFor();
  await authorise(world, page, DEMO_CUSTOMER.phone, DEMO_CUSTOMER.pin);
  await page.screenshot({ path: world.screenshot('wallet-send-quote') });
  await page.getByRole('button', { name: 'Confirm' }).click();
  await page.getByRole('heading', { name: 'Sent' }).waitFor();
  await context.close();
}

/** Pays a till by uploading a picture of its QR sticker, with the PIN; ends back on the home screen. */
export async function payByQrPicture(
  world: BrowserWorld,
  page: Page,
  payload: string,
  amount: string,
  pin: string,
) {
  await page.getByRole('link', { name: 'Scan to pay' }).click();
  await page.getByLabel('Upload a QR image').setInputFiles({
    name: 'sticker.png',
    mimeType: 'image/png',
    buffer: await renderQrPng(payload),
  });
  await page.getByTestId('merchant-name').waitFor();
  await page.getByLabel('Amount').fill(amount);
  await page.getByRole('button', { name: 'Pay' }).click();
  await page.getByLabel('PIN (6 digits)').fill(pin);
  await page.screenshot({ path: world.screenshot('wallet-pay-confirm') });
  await page.getByRole('button', { name: 'Pay' }).click();
  await page.getByRole('heading', { name: 'Paid' }).waitFor();
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByTestId('balance').waitFor();
}

/**
 * Tries to log in from the welcome screen with the PIN (and the SMS code, if the server gets as far as sending
 * one); returns the refusal shown to the customer.
 */
export async function refusedLogin(
  world: BrowserWorld,
  page: Page,
  phone: string,
  pin: string,
): Promise<string> {
  await page.getByRole('link', { name: 'Log in' }).click();
  await page.getByLabel('PIN (6 digits)').fill(pin);
  await page.waitForTimeout(1_100); // the least time between two SMS codes to one number
  await page.getByRole('button', { name: 'Log in' }).click();
  const code = page.getByLabel('SMS code');
  await code.or(page.getByRole('alert')).waitFor();
  if (await code.isVisible()) {
    await code.fill(await world.lastSmsCode(phone));
    await page.getByRole('button', { name: 'Log in' }).click();
  }
  await page.getByRole('alert').waitFor();
  return (await page.getByRole('alert').textContent()) ?? '';
}

/**
 * An agent (created and funded with the command line) asks `phone` to cash out `amount` through the GSMA API, as
 * its point-of-sale would: no code, so the customer confirms in the app. Answers the agent's name.
 */
export async function agentAsksCashOut(world: BrowserWorld, phone: string, amount: string): Promise<string> {
  const run = async <T>(...args: string[]): Promise<T> => {
    const ran = await mwallet(world.env, '--json', ...args);
    assert.equal(ran.code, 0, ran.stderr);
    return JSON.parse(ran.stdout) as T;
  };
  const name = 'Riverside cash point';
  const agent = await run<{ id: string }>('agents', 'create', '--name', name, '--phone', '13900190001');
  await run('agents', 'fund', agent.id, '--amount', '100.00', '--reference', `bank-${agent.id}`);
  const client = await run<{ consumerKey: string; consumerSecret: string; apiKey: string }>(
    'clients',
    'create',
    '--name',
    'Riverside POS',
    '--agent',
    agent.id,
  );
  const reply = await fetch(`${world.server.url}/gsma/v1.2/mm/transactions/type/withdrawal`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-api-key': client.apiKey,
      authorization: basicHeader(client.consumerKey, client.consumerSecret),
    },
    body: JSON.stringify({
      amount,
      currency: 'CNY',
      debitParty: [{ key: 'msisdn', value: phone }],
      creditParty: [{ key: 'accountid', value: agent.id }],
    }),
  });
  assert.equal(reply.status, 201, await reply.text());
  return name;
}
