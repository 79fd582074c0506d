// Transactions: payments searched by status, channel, dates and reference, page by page; CSV export; refunds.
import { useMemo, useState } from 'preact/hooks';
import { formatMoney, formatTime } from '../shared/format.js';
import { useAction, useLoad } from '../shared/hooks.js';
import { useLocale } from '../shared/i18n.js';
import { Button, Field, Money, Notice, Select } from '../shared/ui.js';
import { RefundForm } from './refund-form.js';
import { allows, api, path } from './session.js';
import { useT, useValueText } from './texts.js';
import type { Me, Payment, PaymentPage } from './types.js';

const STATUSES = ['completed', 'pending', 'failed', 'reversed'] as const;
const CHANNELS = ['static_qr', 'dynamic_qr', 'payment_code', 'payment_request', 'checkout'] as const;

interface Filter {
  status: string;
  channel: string;
  from: string;
  to: string;
  reference: string;
}

/** The query of a filter: dates are whole local days (to is inclusive). */
function queryOf(filter: Filter): URLSearchParams {
  const query = new URLSearchParams();
  if (filter.status) query.set('status', filter.status);
  if (filter.channel) query.set('channel', filter.channel);
  if (filter.reference) query.set('reference', filter.reference);
  if (filter.from) query.set('from', new Date(`${filter.from}T00:00:00`).toISOString());
  if (filter.to) {
    const end = new Date(`${filter.to}T00:00:00`);
    end.setDate(end.getDate() + 1);
    query.set('to', end.toISOString());
  }
  return query;
}

const EMPTY: Filter = { status: '', channel: '', from: '', to: '', reference: '' };

export function Transactions(props: { me: Me }) {
  const t = useT();
  const label = useValueText();
  const locale = useLocale();
  const canRefund = allows(props.me.user?.role, 'manager');
  const [draft, setDraft] = useState<Filter>(EMPTY);
  const [filter, setFilter] = useState<Filter>(EMPTY);
  const [extra, setExtra] = useState<PaymentPage | undefined>(undefined);
  const [refunding, setRefunding] = useState<Payment | undefined>(undefined);
  const query = useMemo(() => queryOf(filter), [filter]);
  const first = useLoad(async () => {
    setExtra(undefined);
    return api.get<PaymentPage>(path(`/payments?limit=50&${query}`));
  }, [query]);
  const payments = [...(first.data?.payments ?? []), ...(extra?.payments ?? [])];
  const next = extra ? extra.next : (first.data?.next ?? null);
  const more = useAction(async () => {
    if (!next) return;
    const page = await api.get<PaymentPage>(path(`/payments?limit=50&before=${next}&${query}`));
    setExtra({ payments: [...(extra?.payments ?? []), ...page.payments], next: page.next });
  });
  const exportCsv = useAction(async () => {
    const blob = await api.download(path(`/payments.csv?${query}`));
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = 'payments.csv';
    link.click();
    URL.revokeObjectURL(link.href);
  });
  const set = (field: keyof Filter) => (value: string) => setDraft({ ...draft, [field]: value });
  const any: [string, string] = ['', t('any')];
  return (
    <>
      <form
        class="card filters"
        onSubmit={(event) => {
          event.preventDefault();
          setFilter(draft);
        }}
      >
        <Select
          label={t('status')}
          value={draft.status}
          onValue={set('status')}
          options={[any, ...STATUSES.map((s): [string, string] => [s, label('status', s)])]}
        />
        <Select
          label={t('channel')}
          value={draft.channel}
          onValue={set('channel')}
          options={[any, ...CHANNELS.map((c): [string, string] => [c, label('channel', c)])]}
        />
        <Field label={t('from')} type="date" value={draft.from} onValue={set('from')} />
        <Field label={t('to')} type="date" value={draft.to} onValue={set('to')} />
        <Field label={t('reference')} type="search" value={draft.reference} onValue={set('reference')} />
        <div class="row">
          <Button type="submit">{t('search')}</Button>
          {canRefund && (
            <Button kind="secondary" busy={exportCsv.busy} onClick={() => void exportCsv.run()}>
              {t('exportCsv')}
            </Button>
          )}
        </div>
      </form>
      <Notice error={first.error ?? exportCsv.error ?? more.error} />
      {refunding && (
        <RefundForm
          payment={refunding}
          onClose={(done) => {
            setRefunding(undefined);
            if (done) first.reload();
          }}
        />
      )}
      <div class="table-scroll card">
        <table class="data" data-testid="payments">
          <thead>
            <tr>
              <th scope="col">{t('time')}</th>
              <th scope="col">{t('reference')}</th>
              <th scope="col">{t('channel')}</th>
              <th scope="col">{t('customer')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col" class="num">
                {t('amount')}
              </th>
              <th scope="col" class="num">
                {t('refunded')}
              </th>
              {canRefund && (
                <th scope="col">
                  <span class="visually-hidden">{t('refund')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {payments.map((payment) => (
              <tr key={payment.id}>
                <td>{formatTime(payment.createdAt, locale)}</td>
                <td>{payment.reference}</td>
                <td>{label('channel', payment.channel)}</td>
                <td>{payment.customer.phone}</td>
                <td>{label('status', payment.status)}</td>
                <td class="num">
                  <Money amount={payment.amount} currency={payment.currency} />
                </td>
                <td class="num">
                  <Money amount={payment.refunded} currency={payment.currency} />
                </td>
                {canRefund && (
                  <td>
                    {payment.status === 'completed' && payment.refunded !== payment.amount && (
                      <Button
                        kind="secondary"
                        aria-label={`${t('refund')} ${formatMoney(payment.amount, payment.currency)} ${formatTime(payment.createdAt, locale)}`}
                        onClick={() => setRefunding(payment)}
                      >
                        {t('refund')}
                      </Button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
        {!first.loading && payments.length === 0 && <p class="muted">{t('nothing')}</p>}
      </div>
      {next && (
        <Button kind="secondary" busy={more.busy} onClick={() => void more.run()}>
          {t('more')}
        </Button>
      )}
    </>
  );
}
