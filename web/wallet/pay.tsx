// Pay a merchant: scan its QR (camera, picture or pasted text) or type its 8-digit code, then confirm the amount.
import { useState } from 'preact/hooks';
import { useAction } from '../shared/hooks.js';
import { navigate } from '../shared/router.js';
import { submitWith } from '../shared/submit.js';
import { Button, Field, Money, Notice, Page } from '../shared/ui.js';
import { CameraScanner, decodeImageFile } from './qr-reader.js';
import { api } from './session.js';
import { useStepUp } from './step-up.js';
import { useT } from './texts.js';
import type { MerchantPayment } from './types.js';

/** What is being paid: a scanned QR (its payload) or a till code, with the merchant's name and any fixed amount. */
interface Payee {
  merchant: { name: string };
  amount: string | null;
  currency: string;
  reference: string | null;
  payload?: string;
  tillCode?: string;
}

interface ScannedQr {
  merchant: { id: string; name: string; city: string };
  kind: 'static' | 'dynamic';
  amount: string | null;
  currency: string;
  reference: string | null;
}

export function Pay() {
  const t = useT();
  const [payee, setPayee] = useState<Payee | undefined>(undefined);
  const [pasted, setPasted] = useState('');
  const [tillCode, setTillCode] = useState('');
  const scan = useAction(async (payload: string) => {
    const scanned = await api.post<ScannedQr>('/api/v1/merchant-qr/scan', { payload: payload.trim() });
    setPayee({ ...scanned, payload: payload.trim() });
  });
  const findTill = useAction(async () => {
    const till = await api.get<{ merchant: { name: string } }>(
      `/api/v1/tills/${encodeURIComponent(tillCode)}`,
    );
    setPayee({ merchant: till.merchant, amount: null, currency: '', reference: null, tillCode });
  });
  const upload = useAction(async (file: File) => {
    const payload = await decodeImageFile(file);
    if (!payload) throw new Error(t('noQrFound'));
    await scan.run(payload);
  });
  if (payee) {
    return (
      <Page title={t('pay')} back={() => setPayee(undefined)} backLabel={t('back')}>
        <ConfirmPayment payee={payee} />
      </Page>
    );
  }
  return (
    <Page title={t('scanPay')} back={() => navigate('/')} backLabel={t('back')}>
      <section class="card">
        <CameraScanner onRead={(payload) => void scan.run(payload)} />
        <div class="field">
          <label for="qr-file">{t('uploadQr')}</label>
          <input
            id="qr-file"
            type="file"
            accept="image/*"
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              if (file) void upload.run(file);
            }}
          />
        </div>
        <form onSubmit={submitWith(() => scan.run(pasted))}>
          <Field label={t('pasteQr')} value={pasted} onValue={setPasted} autoComplete="off" />
          <Button type="submit" kind="secondary" busy={scan.busy}>
            {t('readQr')}
          </Button>
        </form>
        <Notice error={scan.error ?? upload.error} />
      </section>
      <form class="card" onSubmit={submitWith(() => findTill.run())}>
        <Field
          label={t('merchantCode')}
          inputMode="numeric"
          maxLength={8}
          value={tillCode}
          onValue={setTillCode}
        />
        <Notice error={findTill.error} />
        <Button type="submit" busy={findTill.busy}>
          {t('findMerchant')}
        </Button>
      </form>
    </Page>
  );
}

function ConfirmPayment(props: { payee: Payee }) {
  const t = useT();
  const { payee } = props;
  const [amount, setAmount] = useState(payee.amount ?? '');
  const stepUp = useStepUp();
  const [done, setDone] = useState<MerchantPayment | undefined>(undefined);
  const pay = useAction(async () => {
    const paid = await stepUp.submit((credentials) =>
      payee.payload !== undefined
        ? api.post<MerchantPayment>('/api/v1/merchant-payments', {
            payload: payee.payload,
            ...(payee.amount === null ? { amount } : {}),
            ...credentials,
          })
        : api.post<MerchantPayment>('/api/v1/till-payments', {
            code: payee.tillCode,
            amount,
            ...credentials,
          }),
    );
    if (paid) setDone(paid);
  });
  if (done) {
    return (
      <section class="card" role="status">
        <h2>{done.status === 'completed' ? t('paid') : t('pending')}</h2>
        <p>{done.merchant.name}</p>
        <p class="balance">
          <Money amount={done.amount} currency={done.currency} />
        </p>
        <Button onClick={() => navigate('/')}>{t('done')}</Button>
      </section>
    );
  }
  return (
    <form class="card" onSubmit={submitWith(() => pay.run())}>
      <dl class="summary">
        <dt>{t('merchant')}</dt>
        <dd data-testid="merchant-name">{payee.merchant.name}</dd>
        {payee.reference && (
          <>
            <dt>{t('reference')}</dt>
            <dd>{payee.reference}</dd>
          </>
        )}
        {payee.amount !== null && (
          <>
            <dt>{t('amount')}</dt>
            <dd>
              <Money amount={payee.amount} currency={payee.currency} />
            </dd>
          </>
        )}
      </dl>
      {payee.amount === null && (
        <Field label={t('amount')} inputMode="decimal" value={amount} onValue={setAmount} />
      )}
      {stepUp.fields}
      <Notice error={pay.error} />
      <Button type="submit" class="button primary block" busy={pay.busy}>
        {t('pay')}
      </Button>
    </form>
  );
}
