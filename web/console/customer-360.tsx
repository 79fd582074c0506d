// The customer 360: profile, KYC, balance, devices, locks, recent history and payments, notes; lock, unlock, notes, PIN reset.
import { useState } from 'preact/hooks';
import { formatTime } from '../shared/format.js';
import { type Loaded, useAction, useLoad } from '../shared/hooks.js';
import { useLocale } from '../shared/i18n.js';
import { navigate, useRoute } from '../shared/router.js';
import { submitWith } from '../shared/submit.js';
import { Button, Field, Money, Notice } from '../shared/ui.js';
import { api, meStore } from './session.js';
import { useT } from './texts.js';
import type { Overview } from './types.js';

export function CustomerView() {
  const t = useT();
  const id = useRoute().params.get('id') ?? '';
  const loaded = useLoad(() => api.get<Overview>(`/customers/${encodeURIComponent(id)}`), [id]);
  const data = loaded.data;
  return (
    <section>
      <div class="row">
        <button type="button" class="button secondary" onClick={() => navigate('/customers')}>
          {t('back')}
        </button>
        <h1>{data ? (data.customer.name ?? data.customer.phone) : t('customers')}</h1>
      </div>
      <Notice error={loaded.error} />
      {data && <Details data={data} />}
      {data && <LockPanel data={data} loaded={loaded} id={id} />}
      {data && <PinResetPanel loaded={loaded} id={id} />}
      {data && <NotesPanel data={data} loaded={loaded} id={id} />}
      {data && <Activity data={data} />}
    </section>
  );
}

function Details({ data }: { data: Overview }) {
  const t = useT();
  const locale = useLocale();
  const { customer } = data;
  return (
    <section class="card" aria-labelledby="profile-heading">
      <h2 id="profile-heading">{t('profile')}</h2>
      <dl class="summary">
        <dt>{t('phone')}</dt>
        <dd>{customer.phone}</dd>
        <dt>{t('tier')}</dt>
        <dd>{customer.tier}</dd>
        <dt>{t('balance')}</dt>
        <dd data-testid="balance">
          <Money amount={data.balance} currency={data.currency} />
        </dd>
        <dt>{t('idDocument')}</dt>
        <dd>{customer.idType ? `${customer.idType} …${customer.idNumberLast4}` : t('none')}</dd>
        <dt>{t('kycStatus')}</dt>
        <dd>{data.kyc ? `${data.kyc.status} (${data.kyc.requestedTier})` : t('none')}</dd>
        <dt>{t('lockState')}</dt>
        <dd data-testid="lock-state">
          {data.lock.locked ? `${t('locked')}: ${data.lock.reason ?? ''}` : t('notLocked')}
        </dd>
        <dt>{t('pinState')}</dt>
        <dd>
          {t('pinFailures', { count: data.pin.failures })}
          {data.pin.resetAllowedUntil &&
            ` · ${t('pinResetAllowed', { until: formatTime(data.pin.resetAllowedUntil, locale) })}`}
        </dd>
        <dt>{t('devices')}</dt>
        <dd>{data.devices.length === 0 ? t('none') : data.devices.map((d) => d.name).join(', ')}</dd>
      </dl>
    </section>
  );
}

function LockPanel(props: { data: Overview; loaded: Loaded<Overview>; id: string }) {
  const t = useT();
  const me = meStore.get();
  const locked = props.data.lock.locked;
  const [reason, setReason] = useState('');
  const action = useAction(async () => {
    await api.post(`/customers/${encodeURIComponent(props.id)}/${locked ? 'unlock' : 'lock'}`, { reason });
    setReason('');
    props.loaded.reload();
  });
  if (!me?.permissions.includes(locked ? 'customers.unlock' : 'customers.lock')) return null;
  return (
    <form class="card" aria-label={t('lock')} onSubmit={submitWith(() => action.run())}>
      <h2>{t('lock')}</h2>
      <Field label={t('reason')} value={reason} onValue={setReason} maxLength={200} required />
      <Notice error={action.error} />
      <Button type="submit" kind={locked ? 'primary' : 'danger'} busy={action.busy}>
        {locked ? t('unlockWallet') : t('lockWallet')}
      </Button>
    </form>
  );
}

function PinResetPanel(props: { loaded: Loaded<Overview>; id: string }) {
  const t = useT();
  const locale = useLocale();
  const [idNumber, setIdNumber] = useState('');
  const [until, setUntil] = useState<string | undefined>(undefined);
  const action = useAction(async () => {
    const reply = await api.post<{ resetAllowedUntil: string }>(
      `/customers/${encodeURIComponent(props.id)}/pin-reset`,
      { idNumber },
    );
    setIdNumber('');
    setUntil(reply.resetAllowedUntil);
    props.loaded.reload();
  });
  if (!meStore.get()?.permissions.includes('customers.pin_reset')) return null;
  return (
    <form class="card" aria-label={t('pinReset')} onSubmit={submitWith(() => action.run())}>
      <h2>{t('pinReset')}</h2>
      <p class="muted">{t('pinResetExplain')}</p>
      <Field
        label={t('customerIdNumber')}
        value={idNumber}
        onValue={setIdNumber}
        autoComplete="off"
        required
      />
      <Notice
        error={action.error}
        {...(until ? { success: t('pinResetDone', { until: formatTime(until, locale) }) } : {})}
      />
      <Button type="submit" busy={action.busy}>
        {t('verifyAndReset')}
      </Button>
    </form>
  );
}

function NotesPanel(props: { data: Overview; loaded: Loaded<Overview>; id: string }) {
  const t = useT();
  const locale = useLocale();
  const [body, setBody] = useState('');
  const action = useAction(async () => {
    await api.post(`/customers/${encodeURIComponent(props.id)}/notes`, { body });
    setBody('');
    props.loaded.reload();
  });
  const canWrite = meStore.get()?.permissions.includes('customers.notes');
  return (
    <section class="card" aria-labelledby="notes-heading">
      <h2 id="notes-heading">{t('notes')}</h2>
      <ul class="list" data-testid="notes">
        {props.data.notes.map((note) => (
          <li key={note.id}>
            <span class="note-body">{note.body}</span>
            <span class="muted">
              {note.author} · {formatTime(note.createdAt, locale)}
            </span>
          </li>
        ))}
      </ul>
      {canWrite && (
        <form onSubmit={submitWith(() => action.run())}>
          <Field label={t('newNote')} value={body} onValue={setBody} maxLength={1000} required />
          <Notice error={action.error} />
          <Button type="submit" kind="secondary" busy={action.busy}>
            {t('addNote')}
          </Button>
        </form>
      )}
    </section>
  );
}

function Activity({ data }: { data: Overview }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section class="card" aria-labelledby="activity-heading">
      <h2 id="activity-heading">{t('history')}</h2>
      <table class="data">
        <thead>
          <tr>
            <th>{t('when')}</th>
            <th>{t('what')}</th>
            <th class="num">{t('amount')}</th>
          </tr>
        </thead>
        <tbody>
          {data.history.map((entry) => (
            <tr key={entry.id}>
              <td>{formatTime(entry.at, locale)}</td>
              <td>{entry.description}</td>
              <td class="num">
                <Money amount={entry.amount} currency={entry.currency} signed />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('merchantPayments')}</h3>
      <table class="data" data-testid="merchant-payments">
        <thead>
          <tr>
            <th>{t('paymentId')}</th>
            <th>{t('merchant')}</th>
            <th>{t('status')}</th>
            <th class="num">{t('amount')}</th>
          </tr>
        </thead>
        <tbody>
          {data.merchantPayments.map((payment) => (
            <tr key={payment.id}>
              <td>
                <code>{payment.id}</code>
              </td>
              <td>{payment.merchant.name}</td>
              <td>{payment.status}</td>
              <td class="num">
                <Money amount={payment.amount} currency={payment.currency} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
