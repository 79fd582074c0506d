// Every main screen of the three web apps, checked with axe-core (WCAG 2.1 AA): no serious or critical finding.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type AxeFinding, seriousAccessibilityFindings } from '../support/accessibility.js';
import { type BrowserWorld, openBrowserWorld } from '../support/browser.js';
import { openCustomer, signInToConsole } from '../support/console-steps.js';
import { logInToPortal } from '../support/portal-steps.js';
import { DEMO_CUSTOMER, logInFromNewDevice } from '../support/wallet-steps.js';

/** axe is injected as a script, which the apps' content security policy would refuse. */
const AXE_CONTEXT = { bypassCSP: true, locale: 'en-US' } as const;

describe('accessibility of the web apps (axe-core in chromium)', () => {
  let world: BrowserWorld;
  before(async () => {
    world = await openBrowserWorld({ MWALLET_OTP_INTERVAL_SECONDS: '1' });
  });
  after(() => world.close());

  /** Opens each screen by its hash route and collects what axe finds there. */
  const check = async (page: Page, app: string, screens: string[], ready: string) => {
    const found: Record<string, AxeFinding[]> = {};
    for (const screen of screens) {
      await page.goto(`${world.server.url}/${app}/#${screen}`);
      await page.locator(ready).first().waitFor();
      await page.waitForLoadState('networkidle');
      const findings = await seriousAccessibilityFindings(page);
      if (findings.length > 0) found[screen] = findings;
    }
    assert.deepEqual(found, {}, JSON.stringify(found, null, 2));
  };

  it('customer wallet: welcome, sign-in and every signed-in screen', async () => {
    const context = await world.browser.newContext({ ...AXE_CONTEXT, viewport: { width: 400, height: 860 } });
    const page = await context.newPage();
    await check(page, 'wallet', ['/', '/register', '/login'], 'main');
    await logInFromNewDevice(world, page, DEMO_CUSTOMER.phone, DEMO_CUSTOMER.pin);
    await check(
      page,
      'wallet',
      ['/', '/send', '/pay', '/pay-code', '/requests', '/history', '/settings', '/account', '/cash-out'],
      'main h1',
    );
    await context.close();
  });

  it('merchant portal: login and every screen an owner sees', async () => {
    const owner = world.server.demo.merchants[0]?.ownerPhone;
    assert.ok(owner);
    const context = await world.browser.newContext({
      ...AXE_CONTEXT,
      viewport: { width: 1200, height: 900 },
    });
    const page = await context.newPage();
    await check(page, 'merchant', ['/'], 'main');
    await logInToPortal(world, page, owner);
    const screens = ['/', '/transactions', '/tills', '/requests', '/developers', '/team', '/settlement'];
    await check(page, 'merchant', screens, 'main h1');
    await context.close();
  });

  it('operator console: sign-in and every screen an admin sees, including a customer 360', async () => {
    const context = await world.browser.newContext(AXE_CONTEXT);
    await check(await context.newPage(), 'console', ['/'], 'main');
    const page = await signInToConsole(world, 'admin', AXE_CONTEXT);
    const screens = ['/customers', '/kyc', '/merchants', '/reversals', '/audit', '/dashboard', '/staff'];
    await check(page, 'console', screens, 'main h1');
    await openCustomer(page, DEMO_CUSTOMER.phone);
    const findings = await seriousAccessibilityFindings(page);
    assert.deepEqual(findings, [], JSON.stringify(findings, null, 2));
    await context.close();
  });
});
