// GSMA account management over HTTP on both databases: opening a wallet by an agent, viewing it, locking and unlocking.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { it } from 'node:test';
import { createAgent } from '../../src/domain/agents/agents.js';
import { describeApi } from '../support/api-suite.js';
import {
  assertGsmaError,
  basicAuth,
  bearerAuth,
  gsmaCall,
  gsmaGet,
  gsmaPost,
  msisdn,
  newClient,
} from '../support/gsma-driver.js';
import { onboardMerchant } from '../support/merchant-driver.js';

const holder = [
  { identityKyc: { subjectName: { fullName: 'Li Na' } }, accountRelationship: 'accountholder' },
];

interface AccountReply {
  accountIdentifiers: { key: string; value: string }[];
  accountStatus: string;
  accountSubStatus?: string;
}

describeApi('GSMA account management', (suite) => {
  it('lets an agent open a wallet whose owner sets the PIN by SMS code; a number with a wallet is refused', async () => {
    const created = await createAgent(suite.test.platform.ctx, {
      name: 'Village agent',
      phone: '13900160001',
      actor: 'staff:test',
    });
    assert.ok(created.ok);
    const agentClient = await newClient(suite.test, { agentId: created.agent.id });
    const agent = basicAuth(agentClient);
    const phone = '+8613900160002';
    const body = {
      accountIdentifiers: msisdn(phone),
      identity: holder,
      customData: [{ key: 'locale', value: 'en' }],
    };
    const correlationId = randomUUID();
    const opened = await gsmaPost(suite.test, '/accounts/individual', agent, body, correlationId);
    assert.equal(opened.statusCode, 201, opened.body);
    const account = opened.json<AccountReply>();
    assert.equal(account.accountStatus, 'available');
    assert.deepEqual(account.accountIdentifiers[0], { key: 'msisdn', value: phone });
    assert.equal(
      (await gsmaPost(suite.test, '/accounts/individual', agent, body, correlationId)).body,
      opened.body,
    );
    assertGsmaError(
      await gsmaPost(suite.test, '/accounts/individual', agent, body),
      400,
      'businessRule',
      'duplicateRequest',
    );
    const [sms] = await suite.api.smsTo(phone);
    assert.match(sms ?? '', /Village agent opened a wallet for you/);
    const audited = await suite.test.platform.ctx.db.all<{ actor: string; action: string }>(
      "SELECT actor, action FROM audit_log WHERE action = 'customer.open'",
    );
    assert.deepEqual(audited, [{ actor: `api_client:${agentClient.client.id}`, action: 'customer.open' }]);

    // The owner sets a PIN with an SMS code (no ID on file), then logs in on a new phone as usual.
    const resetToken = await suite.api.verify(phone, 'reset_pin');
    const reset = await suite.api.post('/api/v1/pin-resets', {
      verificationToken: resetToken,
      newPin: '975318',
    });
    assert.equal(reset.statusCode, 200, reset.body);
    const loginToken = await suite.api.verify(phone, 'login');
    const login = await suite.api.post('/api/v1/sessions', {
      phone,
      pin: '975318',
      device: { id: `device-${randomUUID()}`, name: 'New phone' },
      verificationToken: loginToken,
    });
    assert.equal(login.statusCode, 201, login.body);
    const token = login.json<{ token: string }>().token;
    assert.equal(await suite.api.balance(token), '0.00');

    const merchant = await onboardMerchant(suite.test, { name: 'Account test shop' });
    const merchantClient = basicAuth(await newClient(suite.test, merchant.id));
    const other = { ...body, accountIdentifiers: msisdn('+8613900160003') };
    assertGsmaError(
      await gsmaPost(suite.test, '/accounts/individual', merchantClient, other),
      401,
      'authorisation',
      'requestingPartyAuthorisationError',
    );
    assertGsmaError(
      await gsmaPost(suite.test, '/accounts/individual', agent, {
        ...body,
        accountIdentifiers: msisdn('12'),
      }),
      400,
      'validation',
      'formatError',
    );
    assertGsmaError(
      await gsmaPost(suite.test, '/accounts/individual', agent, { identity: holder }),
      400,
      'validation',
      'mandatoryValueNotSupplied',
    );
    assert.deepEqual(await suite.api.smsTo('+8613900160003'), []);
  });

  it('lets the operator’s client lock and unlock a wallet (audited under the client, harmless to repeat); no one else may', async () => {
    const customer = await suite.api.register('13900160011');
    const operatorCredentials = await newClient(suite.test);
    const operator = basicAuth(operatorCredentials);
    const path = `/accounts/msisdn/${encodeURIComponent(customer.phone)}`;
    const patch = (auth: typeof operator, operations: object[]) =>
      gsmaCall(suite.test, 'PATCH', path, auth, { body: operations });
    const lock = [
      { op: 'replace', path: '/accountStatus', value: 'unavailable' },
      { op: 'replace', path: '/accountSubStatus', value: 'fraud report 42' },
    ];
    assert.equal((await patch(operator, lock)).statusCode, 204);
    assert.equal((await patch(operator, lock)).statusCode, 204);
    const viewed = (await gsmaGet(suite.test, path, operator)).json<AccountReply>();
    assert.deepEqual([viewed.accountStatus, viewed.accountSubStatus], ['unavailable', 'locked']);
    assert.equal((await suite.api.get('/api/v1/wallet', customer.token)).statusCode, 401, 'sessions ended');

    const merchant = await onboardMerchant(suite.test, { name: 'Lock test shop' });
    const created = await createAgent(suite.test.platform.ctx, {
      name: 'A',
      phone: '13900160012',
      actor: 't',
    });
    assert.ok(created.ok);
    const unlock = [{ op: 'replace', path: '/accountStatus', value: 'available' }];
    for (const other of [
      basicAuth(await newClient(suite.test, merchant.id)),
      basicAuth(await newClient(suite.test, { agentId: created.agent.id })),
    ]) {
      assertGsmaError(await patch(other, unlock), 401, 'authorisation', 'requestingPartyAuthorisationError');
      assertGsmaError(
        await gsmaGet(suite.test, path, other),
        401,
        'authorisation',
        'requestingPartyAuthorisationError',
      );
    }
    for (const malformed of [
      [{ op: 'replace', path: '/accountStatus', value: 'closed' }],
      [{ op: 'replace', path: '/name', value: 'x' }],
      [{ op: 'replace', path: '/accountSubStatus', value: 'x' }],
    ]) {
      assertGsmaError(await patch(operator, malformed), 400, 'validation', 'formatError');
    }
    assert.equal(
      (await gsmaGet(suite.test, path, operator)).json<AccountReply>().accountStatus,
      'unavailable',
    );
    assert.equal((await patch(operator, unlock)).statusCode, 204);
    assert.equal((await gsmaGet(suite.test, path, operator)).json<AccountReply>().accountStatus, 'available');
    assertGsmaError(
      await gsmaCall(suite.test, 'PATCH', '/accounts/msisdn/%2B8613900160019', operator, { body: unlock }),
      404,
      'identification',
      'identifierError',
    );
    const audit = await suite.test.platform.ctx.db.all<{ actor: string; action: string; details: string }>(
      'SELECT actor, action, details FROM audit_log WHERE subject = $1 ORDER BY seq',
      [`customer:${customer.customerId}`],
    );
    const actor = `api_client:${operatorCredentials.client.id}`;
    assert.deepEqual(
      audit.map((row) => [row.actor, row.action, JSON.parse(row.details).reason]),
      [
        [actor, 'wallet.lock', 'fraud report 42'],
        [actor, 'wallet.unlock', 'changed through the GSMA API'],
      ],
    );
  });

  it('locks (and unlocks) once when identical PATCHes race: one audit entry and one SMS each', async () => {
    const customer = await suite.api.register('13900160021');
    // A bearer token: no slow hash of a secret staggers the requests.
    const operator = await bearerAuth(suite.test, await newClient(suite.test));
    const path = `/accounts/msisdn/${encodeURIComponent(customer.phone)}`;
    const race = async (value: string) => {
      const body = [{ op: 'replace', path: '/accountStatus', value }];
      const replies = await Promise.all(
        Array.from({ length: 8 }, () => gsmaCall(suite.test, 'PATCH', path, operator, { body })),
      );
      assert.deepEqual(
        replies.map((reply) => reply.statusCode),
        Array(8).fill(204),
      );
    };
    await race('unavailable');
    await race('available');
    const audit = await suite.test.platform.ctx.db.all<{ action: string }>(
      'SELECT action FROM audit_log WHERE subject = $1 ORDER BY seq',
      [`customer:${customer.customerId}`],
    );
    assert.deepEqual(
      audit.map((row) => row.action),
      ['wallet.lock', 'wallet.unlock'],
    );
    const texts = await suite.api.smsTo(customer.phone);
    assert.equal(texts.filter((text) => text.includes('wallet is locked')).length, 1, texts.join('\n'));
    assert.equal(texts.filter((text) => text.includes('wallet is unlocked')).length, 1, texts.join('\n'));
  });
});
