// GSMA identity updates over HTTP on both databases: partners verify or reject KYC applications, the tier follows.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, it } from 'node:test';
import { createAgent } from '../../src/domain/agents/agents.js';
import { latestKyc, submitKyc } from '../../src/domain/customers/kyc.js';
import type { TierName } from '../../src/domain/risk/tiers.js';
import { describeApi } from '../support/api-suite.js';
import {
  assertGsmaError,
  basicAuth,
  bearerAuth,
  type GsmaAuth,
  gsmaCall,
  gsmaGet,
  newClient,
} from '../support/gsma-driver.js';
import { receiver } from '../support/http-receiver.js';
import { onboardMerchant } from '../support/merchant-driver.js';

interface AccountReply {
  identity: { identityId: string; kycLevel: number; kycVerificationStatus: string }[];
}

const verify = (level?: string, entity?: string) => [
  { op: 'replace', path: '/kycVerificationStatus', value: 'verified' },
  ...(level === undefined ? [] : [{ op: 'replace', path: '/kycLevel', value: level }]),
  ...(entity === undefined ? [] : [{ op: 'add', path: '/kycVerificationEntity', value: entity }]),
];
const decide = (value: string) => [{ op: 'replace', path: '/kycVerificationStatus', value }];

describeApi('GSMA account identities', (suite) => {
  let serial = 0;
  /** A registered customer with a pending application for `tier` (unless null), and its paths. */
  const applicant = async (tier: TierName | null) => {
    serial += 1;
    const customer = await suite.api.register(`139001700${String(serial).padStart(2, '0')}`);
    if (tier !== null) {
      const applied = await submitKyc(suite.test.platform.ctx, customer.customerId, {
        name: 'Li Na',
        idType: 'passport',
        idNumber: `E${randomUUID().replace(/-/g, '').slice(0, 10)}`,
        birthDate: '1990-03-07',
        tier,
      });
      assert.ok(applied.ok, applied.ok ? '' : applied.error);
    }
    const phone = encodeURIComponent(customer.phone);
    return {
      ...customer,
      byType: `/accounts/msisdn/${phone}/identities/${customer.customerId}`,
      byAccountId: `/accounts/${encodeURIComponent(`msisdn@${customer.phone}`)}/identities/${customer.customerId}`,
      account: `/accounts/msisdn/${phone}`,
    };
  };
  const patch = (path: string, auth: GsmaAuth, body: object[], headers: Record<string, string> = {}) =>
    gsmaCall(suite.test, 'PATCH', path, auth, { body, headers });
  const auditOf = (customerId: string) =>
    suite.test.platform.ctx.db.all<{ actor: string; action: string; details: string }>(
      'SELECT actor, action, details FROM audit_log WHERE subject = $1 ORDER BY seq',
      [`customer:${customerId}`],
    );
  const newAgentClient = async (phone: string) => {
    const created = await createAgent(suite.test.platform.ctx, { name: 'Field agent', phone, actor: 'test' });
    assert.ok(created.ok);
    return newClient(suite.test, { agentId: created.agent.id });
  };

  const callbacks = receiver();
  let callbackUrl = '';
  before(async () => {
    callbackUrl = await callbacks.start();
  });
  after(() => callbacks.stop());

  it('lets the operator’s client verify a pending application: the tier applied for, audited, harmless to repeat', async () => {
    const customer = await applicant('class_2');
    const credentials = await newClient(suite.test);
    const operator = basicAuth(credentials);
    const before = (await gsmaGet(suite.test, customer.account, operator)).json<AccountReply>();
    assert.deepEqual(before.identity[0], {
      ...before.identity[0],
      identityId: customer.customerId,
      kycLevel: 1,
      kycVerificationStatus: 'unverified',
    });
    assertGsmaError(
      await patch(customer.byType, operator, verify('3')),
      400,
      'businessRule',
      'incorrectState',
    );
    const verified = await patch(customer.byType, operator, verify('2', 'Branch 12, passport seen'));
    assert.equal(verified.statusCode, 204, verified.body);
    assert.equal((await patch(customer.byType, operator, verify('2'))).statusCode, 204);
    const after = (await gsmaGet(suite.test, customer.account, operator)).json<AccountReply>();
    assert.deepEqual(
      [after.identity[0]?.kycLevel, after.identity[0]?.kycVerificationStatus],
      [2, 'verified'],
    );
    const me = await suite.api.get('/api/v1/me', customer.token);
    assert.equal(me.json<{ tier: string }>().tier, 'class_2');
    const application = await latestKyc(suite.test.platform.ctx, customer.customerId);
    assert.deepEqual(
      [application?.status, application?.decisionNote],
      ['approved', 'Branch 12, passport seen'],
    );
    const audit = await auditOf(customer.customerId);
    assert.deepEqual(
      audit.map((row) => [row.actor, row.action, JSON.parse(row.details).tier]),
      [[`api_client:${credentials.client.id}`, 'kyc.approve', 'class_2']],
    );
    // Decided: there is nothing left to reject.
    assertGsmaError(
      await patch(customer.byType, operator, decide('rejected')),
      400,
      'businessRule',
      'incorrectState',
    );

    // `unverified` withdraws the verification: back to Class I, audited once.
    assert.equal((await patch(customer.byAccountId, operator, decide('unverified'))).statusCode, 204);
    assert.equal((await patch(customer.byAccountId, operator, decide('unverified'))).statusCode, 204);
    assert.equal(
      (await suite.api.get('/api/v1/me', customer.token)).json<{ tier: string }>().tier,
      'class_1',
    );
    assert.deepEqual(
      (await auditOf(customer.customerId)).map((row) => row.action),
      ['kyc.approve', 'kyc.withdraw'],
    );
  });

  it('lets an agent’s client verify or reject Class II applications in the field, but not Class III; merchants never', async () => {
    const agentCredentials = await newAgentClient('13900170090');
    const agent = basicAuth(agentCredentials);
    const rejected = await applicant('class_2');
    assert.equal((await patch(rejected.byAccountId, agent, decide('rejected'))).statusCode, 204);
    const application = await latestKyc(suite.test.platform.ctx, rejected.customerId);
    assert.deepEqual([application?.status, application?.decisionNote], ['rejected', 'Field agent']);
    assert.equal(
      (await suite.api.get('/api/v1/me', rejected.token)).json<{ tier: string }>().tier,
      'class_1',
    );

    const verified = await applicant('class_2');
    assert.equal((await patch(verified.byAccountId, agent, verify())).statusCode, 204);
    assert.equal(
      (await suite.api.get('/api/v1/me', verified.token)).json<{ tier: string }>().tier,
      'class_2',
    );
    assert.deepEqual(
      (await auditOf(verified.customerId)).map((row) => [row.actor, row.action]),
      [[`api_client:${agentCredentials.client.id}`, 'kyc.approve']],
    );

    const highest = await applicant('class_3');
    const merchant = await onboardMerchant(suite.test, { name: 'Identity test shop' });
    const merchantClient = basicAuth(await newClient(suite.test, merchant.id));
    for (const [auth, body] of [
      [agent, verify()],
      [agent, decide('rejected')],
      [merchantClient, verify()],
    ] as const) {
      assertGsmaError(
        await patch(highest.byType, auth, body),
        401,
        'authorisation',
        'requestingPartyAuthorisationError',
      );
    }
    assertGsmaError(
      await patch(verified.byType, agent, decide('unverified')),
      401,
      'authorisation',
      'requestingPartyAuthorisationError',
    );
    assert.equal((await latestKyc(suite.test.platform.ctx, highest.customerId))?.status, 'pending');
    assert.equal(
      (await suite.api.get('/api/v1/me', verified.token)).json<{ tier: string }>().tier,
      'class_2',
    );
  });

  it('refuses unknown accounts and identities (404) and patches it does not understand (400), changing nothing', async () => {
    const customer = await applicant('class_2');
    const other = await applicant(null);
    const operator = basicAuth(await newClient(suite.test));
    const id = customer.customerId;
    for (const path of [
      `/accounts/msisdn/%2B8613900179999/identities/${id}`,
      `/accounts/msisdn/${encodeURIComponent(customer.phone)}/identities/${other.customerId}`,
      `/accounts/accountid/${id}/identities/cus_unknown`,
      `/accounts/${encodeURIComponent(`accountid@${id}$msisdn@${other.phone}`)}/identities/${id}`,
      `/accounts/${encodeURIComponent(`iban@DE89370400440532013000`)}/identities/${id}`,
      `/accounts/iban/DE89370400440532013000/identities/${id}`,
    ]) {
      assertGsmaError(await patch(path, operator, verify()), 404, 'identification', 'identifierError');
    }
    const malformed: [string, object[], string][] = [
      [customer.byType, [{ op: 'replace', path: '/identityStatus', value: 'active' }], 'formatError'],
      [customer.byType, decide('approved'), 'formatError'],
      [
        customer.byType,
        [...decide('rejected'), { op: 'replace', path: '/kycLevel', value: '2' }],
        'formatError',
      ],
      [customer.byType, verify('4'), 'formatError'],
      [customer.byType, verify('two'), 'formatError'],
      [customer.byType, [...verify(), ...verify()], 'formatError'],
      [customer.byType, verify(undefined, '\u0007'), 'formatError'],
      [customer.byType, [{ op: 'add', path: '/kycLevel', value: '2' }], 'formatError'],
      [customer.byType, [{ op: 'remove', path: '/kycVerificationStatus', value: 'verified' }], 'formatError'],
      [customer.byType, [{ op: 'replace', path: '/kycVerificationStatus' }], 'mandatoryValueNotSupplied'],
      [customer.byType, [], 'formatError'],
      [`/accounts/not-an-account-id/identities/${id}`, verify(), 'formatError'],
    ];
    for (const [path, body, code] of malformed) {
      assertGsmaError(await patch(path, operator, body), 400, 'validation', code);
    }
    assertGsmaError(await patch(other.byType, operator, verify()), 400, 'businessRule', 'incorrectState');
    assert.equal((await latestKyc(suite.test.platform.ctx, id))?.status, 'pending');
    assert.deepEqual(await auditOf(id), []);
  });

  it('answers 202 with an X-Callback-URL and PUTs success or the error object there; X-CorrelationID replays', async () => {
    const customer = await applicant('class_2');
    const operator = basicAuth(await newClient(suite.test));
    const correlationId = randomUUID();
    const headers = { 'x-callback-url': callbackUrl, 'x-correlationid': correlationId };
    const accepted = await patch(customer.byType, operator, verify('2'), headers);
    assert.equal(accepted.statusCode, 202, accepted.body);
    const state = accepted.json<{
      serverCorrelationId: string;
      status: string;
      notificationMethod: string;
    }>();
    assert.deepEqual([state.status, state.notificationMethod], ['completed', 'callback']);
    const replayed = await patch(customer.byType, operator, verify('2'), headers);
    assert.equal(replayed.body, accepted.body);
    assert.equal(replayed.headers['idempotent-replayed'], 'true');
    assertGsmaError(
      await patch(customer.byType, operator, decide('rejected'), headers),
      400,
      'businessRule',
      'duplicateRequest',
    );
    const polled = await gsmaGet(suite.test, `/requeststates/${state.serverCorrelationId}`, operator);
    assert.equal(polled.json<{ status: string }>().status, 'completed');
    const link = await gsmaGet(suite.test, `/responses/${correlationId}`, operator);
    assert.deepEqual(link.json(), { link: `/requeststates/${state.serverCorrelationId}` });

    // A refusal is delivered too; so is the account lock PATCH's outcome.
    const refused = await patch(customer.byType, operator, decide('rejected'), {
      'x-callback-url': callbackUrl,
    });
    assert.equal(refused.json<{ status: string }>().status, 'failed');
    const lock = [{ op: 'replace', path: '/accountStatus', value: 'unavailable' }];
    const locked = await patch(customer.account, operator, lock, { 'x-callback-url': callbackUrl });
    assert.equal(locked.statusCode, 202, locked.body);
    assertGsmaError(
      await patch(customer.byType, operator, verify(), { 'x-callback-url': 'ftp://example.com/hook' }),
      400,
      'validation',
      'formatError',
    );
    const from = callbacks.received.length;
    await suite.test.platform.gsmaCallbacks.runOnce();
    const delivered = callbacks.received.slice(from).map((call) => [call.method, JSON.parse(call.body)]);
    assert.equal(delivered.length, 3);
    assert.deepEqual(delivered[0], ['PUT', { result: 'success' }]);
    assert.deepEqual(
      delivered.map(([, body]) => body.errorCode ?? body.result),
      ['success', 'incorrectState', 'success'],
    );
  });

  it('decides once when identical verifications race', async () => {
    const customer = await applicant('class_2');
    // A bearer token: no slow hash of a secret staggers the requests.
    const operator = await bearerAuth(suite.test, await newClient(suite.test));
    const replies = await Promise.all(
      Array.from({ length: 6 }, () => patch(customer.byType, operator, verify('2'))),
    );
    assert.deepEqual(
      replies.map((reply) => reply.statusCode),
      Array(6).fill(204),
    );
    assert.deepEqual(
      (await auditOf(customer.customerId)).map((row) => row.action),
      ['kyc.approve'],
    );
  });
});
