// Steps staff take in the operator console (English), shared by the browser tests.
import assert from 'node:assert/strict';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { DEMO_STAFF } from '../../src/domain/demo-staff.js';
import { totpCode } from '../../src/domain/staff/totp.js';
import type { BrowserWorld } from './browser.js';

const TOTP_STEP_MS = 30_000;
/** The TOTP step each demo staff member last signed in with: the server refuses a step used before. */
const lastStep = new Map<string, number>();

/**
 * An authenticator code of a step the staff member has not signed in with yet (waiting for the next step if
 * needed). The step is the one the code is made in, just before it is typed: the server refuses a step used before.
 */
export async function freshTotpCode(username: string, totpSecret: string): Promise<string> {
  if (lastStep.get(username) === Math.floor(Date.now() / TOTP_STEP_MS)) {
    await new Promise((resolve) => setTimeout(resolve, TOTP_STEP_MS - (Date.now() % TOTP_STEP_MS) + 100));
  }
  const at = Date.now();
  lastStep.set(username, Math.floor(at / TOTP_STEP_MS));
  return totpCode(totpSecret, at);
}

/** A demo staff member signed in on a browser context of their own (TOTP from their fixed demo secret). */
export async function signInToConsole(
  world: BrowserWorld,
  username: string,
  contextOptions: BrowserContextOptions = {},
): Promise<Page> {
  const staff = DEMO_STAFF.find((s) => s.username === username);
  assert.ok(staff, `no demo staff member ${username}`);
  const context = await world.browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'en-US',
    ...contextOptions,
  });
  const page = await context.newPage();
  await page.goto(`${world.server.url}/console/`);
  await page.getByLabel('Username').fill(staff.username);
  await page.getByLabel('Password').fill(staff.password);
  await page.getByLabel('Authenticator code').fill(await freshTotpCode(username, staff.totpSecret));
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByTestId('signed-in').getByText(staff.name).waitFor();
  return page;
}

/** Opens a customer's 360 from a search by phone number. */
export async function openCustomer(page: Page, phone: string): Promise<void> {
  await page.getByRole('link', { name: 'Customers' }).click();
  await page.getByLabel('Search for').fill(phone);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByTestId('results').getByRole('link', { name: 'Open' }).click();
  await page.getByTestId('balance').waitFor();
}

/** finance1 asks for the reversal of a merchant payment; finance2 approves it (maker–checker). */
export async function reverseWithTwoPeople(world: BrowserWorld, paymentId: string, reason: string) {
  const maker = await signInToConsole(world, 'finance1');
  await maker.getByRole('link', { name: 'Reversals' }).click();
  await maker.getByLabel('Payment ID').fill(paymentId);
  await maker.getByLabel('Reason').fill(reason);
  await maker.getByRole('button', { name: 'Submit request' }).click();
  const own = maker.getByRole('article', { name: `Payment ID ${paymentId}` });
  await own.getByText('Waiting for approval').waitFor();
  const makerCanApprove = (await own.getByRole('button', { name: 'Approve' }).count()) > 0;
  await maker.screenshot({ path: world.screenshot('console-reversal-requested') });

  const checker = await signInToConsole(world, 'finance2');
  await checker.getByRole('link', { name: 'Reversals' }).click();
  const card = checker.getByRole('article', { name: `Payment ID ${paymentId}` });
  await card.getByRole('button', { name: 'Approve' }).click();
  await card.getByText('Reversed').waitFor();
  await checker.screenshot({ path: world.screenshot('console-reversal-approved') });
  await maker.context().close();
  await checker.context().close();
  return { makerCanApprove };
}
