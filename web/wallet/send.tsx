// Send money to a phone number: the quote shows the recipient, fee and total before the customer confirms.
import { useState } from 'preact/hooks';
import { useAction } from '../shared/hooks.js';
import { navigate } from '../shared/router.js';
import { submitWith } from '../shared/submit.js';
import { Button, Field, Money, Notice, Page } from '../shared/ui.js';
import { api } from './session.js';
import { type Authentication, useStepUp } from './step-up.js';
import { useT } from './texts.js';

interface Quote {
  id: string;
  recipient: { phone: string; name: string | null; registered: boolean };
  amount: string;
  fee: string;
  total: string;
  currency: string;
  authentication: Authentication;
}

interface Transfer {
  id: string;
  status: string;
  amount: string;
  currency: string;
}

export function Send() {
  const t = useT();
  const [to, setTo] = useState('');
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const [quote, setQuote] = useState<Quote | undefined>(undefined);
  const getQuote = useAction(async () => {
    const body: Record<string, string> = { to, amount };
    if (note) body.note = note;
    setQuote(await api.post<Quote>('/api/v1/p2p/quotes', body));
  });
  return (
    <Page title={t('send')} back={() => (quote ? setQuote(undefined) : navigate('/'))} backLabel={t('back')}>
      {quote ? (
        <ConfirmTransfer quote={quote} />
      ) : (
        <form class="card" onSubmit={submitWith(() => getQuote.run())}>
          <Field label={t('to')} type="tel" value={to} onValue={setTo} />
          <Field label={t('amount')} inputMode="decimal" value={amount} onValue={setAmount} />
          <Field label={t('note')} value={note} onValue={setNote} maxLength={50} />
          <Notice error={getQuote.error} />
          <Button type="submit" class="button primary block" busy={getQuote.busy}>
            {t('next')}
          </Button>
        </form>
      )}
    </Page>
  );
}

function ConfirmTransfer(props: { quote: Quote }) {
  const t = useT();
  const { quote } = props;
  const stepUp = useStepUp(quote.authentication);
  const [done, setDone] = useState<Transfer | undefined>(undefined);
  const confirm = useAction(async () => {
    const transfer = await stepUp.submit((credentials) =>
      api.post<Transfer>('/api/v1/p2p/transfers', { quoteId: quote.id, ...credentials }),
    );
    if (transfer) setDone(transfer);
  });
  if (done) {
    return (
      <section class="card" role="status">
        <h2>{done.status === 'completed' ? t('sent') : t('pending')}</h2>
        <p class="balance">
          <Money amount={done.amount} currency={done.currency} />
        </p>
        <Button onClick={() => navigate('/')}>{t('done')}</Button>
      </section>
    );
  }
  return (
    <section class="card">
      <dl class="summary">
        <dt>{t('recipient')}</dt>
        <dd>
          {quote.recipient.name ?? ''} {quote.recipient.phone}
        </dd>
        <dt>{t('amount')}</dt>
        <dd>
          <Money amount={quote.amount} currency={quote.currency} />
        </dd>
        <dt>{t('fee')}</dt>
        <dd>
          <Money amount={quote.fee} currency={quote.currency} />
        </dd>
        <dt>{t('total')}</dt>
        <dd>
          <strong>
            <Money amount={quote.total} currency={quote.currency} />
          </strong>
        </dd>
      </dl>
      {!quote.recipient.registered && <p class="muted">{t('notRegistered')}</p>}
      {stepUp.fields}
      <Notice error={confirm.error} />
      <Button class="button primary block" busy={confirm.busy} onClick={() => void confirm.run()}>
        {t('confirm')}
      </Button>
    </section>
  );
}
