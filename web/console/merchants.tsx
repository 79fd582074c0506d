// Merchant review: merchants by status; approve a pending one, suspend an active one, reinstate a suspended one.
import { useState } from 'preact/hooks';
import { type Loaded, useAction, useLoad } from '../shared/hooks.js';
import { submitWith } from '../shared/submit.js';
import { Button, Field, Notice, Select } from '../shared/ui.js';
import { api } from './session.js';
import { type TextKey, useT } from './texts.js';
import type { Merchant } from './types.js';

const STATUSES: Merchant['status'][] = ['pending', 'active', 'suspended', 'closed'];
const DECISIONS: Record<Merchant['status'], 'approve' | 'suspend' | 'reinstate' | undefined> = {
  pending: 'approve',
  active: 'suspend',
  suspended: 'reinstate',
  closed: undefined,
};

export function Merchants() {
  const t = useT();
  const [status, setStatus] = useState<Merchant['status']>('pending');
  const loaded = useLoad(() => api.get<{ merchants: Merchant[] }>(`/merchants?status=${status}`), [status]);
  return (
    <section>
      <h1>{t('merchants')}</h1>
      <Select
        label={t('merchantStatus')}
        value={status}
        onValue={(value) => setStatus(value as Merchant['status'])}
        options={STATUSES.map((s) => [s, t(`status_${s}` as TextKey)])}
      />
      <Notice error={loaded.error} />
      {loaded.data?.merchants.length === 0 && <p class="muted">{t('emptyQueue')}</p>}
      {loaded.data?.merchants.map((merchant) => (
        <Decision key={merchant.id} merchant={merchant} loaded={loaded} />
      ))}
    </section>
  );
}

function Decision(props: { merchant: Merchant; loaded: Loaded<unknown> }) {
  const t = useT();
  const { merchant } = props;
  const decision = DECISIONS[merchant.status];
  const [reason, setReason] = useState('');
  const action = useAction(async () => {
    if (!decision) return;
    await api.post(`/merchants/${encodeURIComponent(merchant.id)}/${decision}`, { reason });
    props.loaded.reload();
  });
  return (
    <article class="card" aria-label={merchant.name}>
      <h2>{merchant.name}</h2>
      <p class="muted">
        {merchant.licenceNumber} · MCC {merchant.mcc} · {merchant.city} ·{' '}
        {t(`status_${merchant.status}` as TextKey)}
      </p>
      {decision && (
        <form class="row" onSubmit={submitWith(() => action.run())}>
          <Field label={t('reason')} value={reason} onValue={setReason} maxLength={200} required />
          <Button type="submit" kind={decision === 'suspend' ? 'danger' : 'primary'} busy={action.busy}>
            {t(decision)}
          </Button>
        </form>
      )}
      <Notice error={action.error} />
    </article>
  );
}
