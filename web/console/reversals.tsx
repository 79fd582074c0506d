// Reversals with maker–checker: a finance staff member asks; a different one approves (then it runs) or rejects.
import { useState } from 'preact/hooks';
import { formatTime } from '../shared/format.js';
import { type Loaded, useAction, useLoad } from '../shared/hooks.js';
import { useLocale } from '../shared/i18n.js';
import { submitWith } from '../shared/submit.js';
import { Button, Field, Notice } from '../shared/ui.js';
import { Decision } from './decision.js';
import { api, meStore } from './session.js';
import { type TextKey, useT } from './texts.js';
import type { ReversalRequest } from './types.js';

export function Reversals() {
  const t = useT();
  const loaded = useLoad(() => api.get<{ requests: ReversalRequest[] }>('/reversals'), []);
  return (
    <section>
      <h1>{t('reversals')}</h1>
      <RequestForm loaded={loaded} />
      <Notice error={loaded.error} />
      {loaded.data?.requests.length === 0 && <p class="muted">{t('emptyQueue')}</p>}
      <div data-testid="reversal-requests">
        {loaded.data?.requests.map((request) => (
          <RequestCard key={request.id} request={request} loaded={loaded} />
        ))}
      </div>
    </section>
  );
}

function RequestForm(props: { loaded: Loaded<unknown> }) {
  const t = useT();
  const [paymentId, setPaymentId] = useState('');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState(false);
  const action = useAction(async () => {
    setDone(false);
    await api.post('/reversals', { paymentId: paymentId.trim(), reason });
    setPaymentId('');
    setReason('');
    setDone(true);
    props.loaded.reload();
  });
  return (
    <form class="card" aria-label={t('requestReversal')} onSubmit={submitWith(() => action.run())}>
      <h2>{t('requestReversal')}</h2>
      <p class="muted">{t('reversalExplain')}</p>
      <Field label={t('paymentId')} value={paymentId} onValue={setPaymentId} autoComplete="off" required />
      <Field label={t('reason')} value={reason} onValue={setReason} maxLength={200} required />
      <Notice error={action.error} {...(done ? { success: t('requested') } : {})} />
      <Button type="submit" busy={action.busy}>
        {t('submitRequest')}
      </Button>
    </form>
  );
}

function RequestCard(props: { request: ReversalRequest; loaded: Loaded<unknown> }) {
  const t = useT();
  const locale = useLocale();
  const { request } = props;
  const mine = request.requestedBy === `staff:${meStore.get()?.username}`;
  const open = request.status === 'pending';
  return (
    <article class="card" aria-label={`${t('paymentId')} ${request.paymentId}`}>
      <dl class="summary">
        <dt>{t('paymentId')}</dt>
        <dd>
          <code>{request.paymentId}</code>
        </dd>
        <dt>{t('reason')}</dt>
        <dd>{request.reason}</dd>
        <dt>{t('requestedBy')}</dt>
        <dd>
          {request.requestedBy} · {formatTime(request.requestedAt, locale)}
        </dd>
        <dt>{t('status')}</dt>
        <dd data-testid="reversal-status">
          {t(`reversalStatus_${request.status}` as TextKey)}
          {request.failure && ` (${request.failure})`}
        </dd>
        {request.decidedBy && (
          <>
            <dt>{t('decidedBy')}</dt>
            <dd>{request.decidedBy}</dd>
          </>
        )}
      </dl>
      {open && (
        <Decision
          path={`/reversals/${encodeURIComponent(request.id)}`}
          loaded={props.loaded}
          canApprove={!mine}
        />
      )}
    </article>
  );
}
