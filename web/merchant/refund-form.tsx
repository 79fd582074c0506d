// A refund of one payment: amount (the rest by default) and reason, sent once with its own Idempotency-Key.
import { useState } from 'preact/hooks';
import { newIdempotencyKey } from '../shared/api.js';
import { formatMoney, formatTime, sumAmounts } from '../shared/format.js';
import { useAction } from '../shared/hooks.js';
import { useLocale } from '../shared/i18n.js';
import { submitWith } from '../shared/submit.js';
import { Button, Field, Notice } from '../shared/ui.js';
import { api, path } from './session.js';
import { useT } from './texts.js';
import type { Payment } from './types.js';

export function RefundForm(props: { payment: Payment; onClose: (done: boolean) => void }) {
  const t = useT();
  const locale = useLocale();
  const { payment } = props;
  const [amount, setAmount] = useState(sumAmounts([payment.amount, `-${payment.refunded}`]));
  const [reason, setReason] = useState('');
  // One key for this form: a retry after a lost answer cannot refund twice.
  const [key] = useState(newIdempotencyKey);
  const [done, setDone] = useState<string | undefined>(undefined);
  const action = useAction(async () => {
    await api.post(path(`/payments/${payment.id}/refunds`), { amount, reason }, key);
    setDone(t('refundDone', { amount: formatMoney(amount, payment.currency) }));
  });
  return (
    <section class="card" aria-labelledby="refund-title">
      <h2 id="refund-title">
        {t('refundOf', {
          amount: formatMoney(payment.amount, payment.currency),
          time: formatTime(payment.createdAt, locale),
        })}
      </h2>
      {done ? (
        <>
          <Notice success={done} />
          <Button onClick={() => props.onClose(true)}>{t('back')}</Button>
        </>
      ) : (
        <form onSubmit={submitWith(() => action.run())}>
          <Field label={t('refundAmount')} inputMode="decimal" value={amount} onValue={setAmount} />
          <Field label={t('reason')} value={reason} onValue={setReason} maxLength={200} required />
          <Notice error={action.error} />
          <div class="row">
            <Button type="submit" kind="danger" busy={action.busy}>
              {t('confirmRefund')}
            </Button>
            <Button kind="secondary" onClick={() => props.onClose(false)}>
              {t('cancel')}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
