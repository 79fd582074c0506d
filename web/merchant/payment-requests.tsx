// Payment requests (push-to-pay): ask a customer's phone for an amount, follow the requests sent, cancel open ones.
import { useState } from 'preact/hooks';
import { formatTime } from '../shared/format.js';
import { useAction, useLoad } from '../shared/hooks.js';
import { useLocale } from '../shared/i18n.js';
import { submitWith } from '../shared/submit.js';
import { Button, Field, Money, Notice, Select } from '../shared/ui.js';
import { api, path, useMe } from './session.js';
import { useT, useValueText } from './texts.js';
import type { Order, Store } from './types.js';

/** The tills a user assigned to a store must ask from (their requests belong to that store); none for the others. */
function useStoreTills(): Store['tills'] {
  const me = useMe();
  const stores = useLoad(() => api.get<Store[]>(path('/stores')), []);
  const user = me.data?.user;
  if (!user?.store || user.role === 'owner') return [];
  return stores.data?.find((store) => store.id === user.store?.id)?.tills ?? [];
}

function NewRequest(props: { onSent: () => void }) {
  const t = useT();
  const tills = useStoreTills();
  const [tillId, setTillId] = useState('');
  const [phone, setPhone] = useState('');
  const [amount, setAmount] = useState('');
  const [description, setDescription] = useState('');
  const [sent, setSent] = useState(false);
  const send = useAction(async () => {
    setSent(false);
    const reference = `req-${crypto.randomUUID()}`;
    const till = tillId || tills[0]?.id;
    await api.post(path('/orders'), {
      kind: 'payment_request',
      reference,
      phone,
      amount,
      description,
      ...(till === undefined ? {} : { tillId: till }),
    });
    setSent(true);
    setAmount('');
    setDescription('');
    props.onSent();
  });
  return (
    <form class="card" onSubmit={submitWith(() => send.run())}>
      <h2>{t('newRequest')}</h2>
      <div class="filters">
        {tills.length > 0 && (
          <Select
            label={t('requestTill')}
            value={tillId || (tills[0]?.id ?? '')}
            onValue={setTillId}
            options={tills.map((till) => [till.id, `${till.name} (${till.code})`])}
          />
        )}
        <Field label={t('customerPhone')} type="tel" value={phone} onValue={setPhone} required />
        <Field label={t('amount')} inputMode="decimal" value={amount} onValue={setAmount} required />
        <Field
          label={t('description')}
          value={description}
          onValue={setDescription}
          maxLength={200}
          required
        />
      </div>
      <Notice error={send.error} success={sent ? t('requestSent') : undefined} />
      <Button type="submit" busy={send.busy}>
        {t('sendRequest')}
      </Button>
    </form>
  );
}

export function PaymentRequests() {
  const t = useT();
  const label = useValueText();
  const locale = useLocale();
  const orders = useLoad(
    () => api.get<{ orders: Order[] }>(path('/orders/search?kind=payment_request&limit=50')),
    [],
  );
  const cancel = useAction(async (order: Order) => {
    await api.post(path(`/orders/${order.id}/cancel`), {});
    orders.reload();
  });
  return (
    <>
      <NewRequest onSent={orders.reload} />
      <Notice error={orders.error ?? cancel.error} />
      <div class="card table-scroll">
        <table class="data" data-testid="requests">
          <thead>
            <tr>
              <th scope="col">{t('time')}</th>
              <th scope="col">{t('description')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col">{t('expires')}</th>
              <th scope="col" class="num">
                {t('amount')}
              </th>
              <th scope="col">
                <span class="visually-hidden">{t('cancel')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(orders.data?.orders ?? []).map((order) => (
              <tr key={order.id}>
                <td>{formatTime(order.createdAt, locale)}</td>
                <td>{order.description}</td>
                <td>{label('status', order.status)}</td>
                <td>{formatTime(order.expiresAt, locale)}</td>
                <td class="num">
                  <Money amount={order.amount} currency={order.currency} />
                </td>
                <td>
                  {order.status === 'open' && (
                    <Button kind="secondary" busy={cancel.busy} onClick={() => void cancel.run(order)}>
                      {t('cancel')}
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {orders.data?.orders.length === 0 && <p class="muted">{t('nothing')}</p>}
      </div>
    </>
  );
}
