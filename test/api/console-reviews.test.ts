// Console reviews over HTTP on both databases: the KYC queue (approve, reject) and merchant approval, suspension, reinstatement.
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { before, it } from 'node:test';
import { applyMerchant } from '../../src/domain/merchants/merchant-onboarding.js';
import { phoneSequence, problemOf } from '../support/api-assertions.js';
import { describeApi } from '../support/api-suite.js';
import { ConsoleDriver, type LoggedIn } from '../support/console-driver.js';

const phones = phoneSequence('1370015');

interface Application {
  id: string;
  customerId: string;
  status: string;
  decisionNote: string | null;
}

describeApi('console reviews', (suite) => {
  let console: ConsoleDriver;
  let risk: LoggedIn;

  before(async () => {
    console = new ConsoleDriver(suite.test);
    risk = await console.as('risk');
  });

  async function applyKyc(): Promise<{ customerId: string; token: string }> {
    const customer = await suite.api.register(phones());
    const applied = await suite.api.post(
      '/api/v1/me/kyc',
      {
        name: 'Chen Liu',
        idType: 'passport',
        idNumber: `G${randomInt(1e9).toString().padStart(9, '0')}`,
        birthDate: '1985-01-02',
        tier: 'class_2',
      },
      { token: customer.token },
    );
    assert.equal(applied.statusCode, 201, applied.body);
    return { customerId: customer.customerId, token: customer.token };
  }

  async function pendingOf(customerId: string): Promise<Application> {
    const queue = await console.ok<{ applications: Application[] }>('/kyc', risk);
    const found = queue.applications.find((a) => a.customerId === customerId);
    assert.ok(found);
    return found;
  }

  it('approves a KYC application from the queue: the tier follows; deciding twice is refused', async () => {
    const { customerId, token } = await applyKyc();
    const application = await pendingOf(customerId);
    const approved = await console.post(`/kyc/${application.id}/approve`, { note: 'passport checked' }, risk);
    assert.deepEqual(approved.json(), { id: application.id, status: 'approved' });
    const me = await suite.api.get('/api/v1/me/kyc', token);
    assert.equal(me.json<{ status: string }>().status, 'approved');
    problemOf(
      await console.post(`/kyc/${application.id}/reject`, { note: 'oops' }, risk),
      409,
      'kyc_already_decided',
    );
    const decided = await console.ok<{ applications: Application[] }>('/kyc?status=approved', risk);
    assert.ok(
      decided.applications.some((a) => a.id === application.id && a.decisionNote === 'passport checked'),
    );
  });

  it('rejects with a note, and refuses unknown applications, empty notes and support staff', async () => {
    const { customerId, token } = await applyKyc();
    const application = await pendingOf(customerId);
    problemOf(
      await console.post(`/kyc/${application.id}/reject`, { note: ' ' }, risk),
      422,
      'invalid_reason',
    );
    const support = await console.as('support');
    problemOf(await console.post(`/kyc/${application.id}/reject`, { note: 'x' }, support), 403, 'forbidden');
    const rejected = await console.post(`/kyc/${application.id}/reject`, { note: 'photo unreadable' }, risk);
    assert.equal(rejected.statusCode, 200, rejected.body);
    const me = await suite.api.get('/api/v1/me/kyc', token);
    assert.deepEqual(
      [me.json<Application>().status, me.json<Application>().decisionNote],
      ['rejected', 'photo unreadable'],
    );
    problemOf(await console.post('/kyc/kyc_nobody/approve', { note: 'x' }, risk), 404, 'kyc_not_found');
    problemOf(await console.get('/kyc?status=maybe', risk), 400, 'invalid_request');
  });

  it('reviews merchants: approve a pending one, suspend, reinstate; wrong transitions are refused', async () => {
    const applied = await applyMerchant(
      suite.test.platform.ctx,
      {
        name: 'Noodle House',
        mcc: '5812',
        licenceNumber: `91510100${randomInt(1e9).toString().padStart(9, '0')}X`,
        contactName: 'Zhao',
        contactPhone: '13900000001',
        contactEmail: 'zhao@example.com',
        city: 'Chengdu',
        bankName: 'Bank of Chengdu',
        bankAccountNumber: '6228480012345678902',
        bankAccountHolder: 'Noodle House Ltd',
      },
      'test',
    );
    assert.ok(applied.ok);
    const id = applied.merchant.id;
    const pending = await console.ok<{ merchants: { id: string }[] }>('/merchants', risk);
    assert.ok(pending.merchants.some((m) => m.id === id));
    problemOf(await console.post(`/merchants/${id}/suspend`, { reason: 'x' }, risk), 409, 'merchant_state');
    const approved = await console.post(`/merchants/${id}/approve`, { reason: 'licence verified' }, risk);
    assert.equal(approved.json<{ status: string }>().status, 'active');
    const active = await console.ok<{ merchants: { id: string }[] }>('/merchants?status=active', risk);
    assert.ok(active.merchants.some((m) => m.id === id));
    const suspended = await console.post(`/merchants/${id}/suspend`, { reason: 'chargebacks' }, risk);
    assert.equal(suspended.json<{ status: string }>().status, 'suspended');
    const reinstated = await console.post(`/merchants/${id}/reinstate`, { reason: 'resolved' }, risk);
    assert.equal(reinstated.json<{ status: string }>().status, 'active');
    problemOf(
      await console.post('/merchants/mer_nobody/approve', { reason: 'x' }, risk),
      404,
      'merchant_not_found',
    );
    const finance = await console.as('finance');
    problemOf(await console.post(`/merchants/${id}/suspend`, { reason: 'x' }, finance), 403, 'forbidden');
    const audit = await suite.test.platform.ctx.db.all<{ actor: string; action: string }>(
      'SELECT actor, action FROM audit_log WHERE subject = $1 ORDER BY seq',
      [`merchant:${id}`],
    );
    assert.deepEqual(
      audit.map((a) => a.action),
      ['merchant.apply', 'merchant.approve', 'merchant.suspend', 'merchant.reinstate'],
    );
    assert.ok(audit.slice(1).every((a) => a.actor === `staff:${risk.username}`));
  });
});
