// My payment code: a one-time code and its QR for the cashier to scan, renewed when it expires.
import { useEffect, useState } from 'preact/hooks';
import { useLoad } from '../shared/hooks.js';
import { navigate } from '../shared/router.js';
import { Button, Notice, Page } from '../shared/ui.js';
import { api } from './session.js';
import { useT } from './texts.js';

interface PaymentCode {
  code: string;
  qrSvg?: string;
  expiresAt: string;
}

const secondsLeft = (expiresAt: string) =>
  Math.max(0, Math.round((Date.parse(expiresAt) - Date.now()) / 1000));

export function PayCode() {
  const t = useT();
  const loaded = useLoad(() => api.post<PaymentCode>('/api/v1/payment-codes', { qr: true }), []);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const code = loaded.data;
  const left = code ? secondsLeft(code.expiresAt) : 0;
  return (
    <Page title={t('payCode')} back={() => navigate('/')} backLabel={t('back')}>
      <Notice error={loaded.error} />
      {code && (
        <section class="card" data-now={now}>
          {code.qrSvg && (
            <div class="qr">
              <img
                src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(code.qrSvg)}`}
                alt={code.code}
              />
            </div>
          )}
          <p class="code" data-testid="payment-code">
            {left > 0 ? code.code.replace(/(\d{4})(?=\d)/g, '$1 ') : t('expired')}
          </p>
          <p class="muted">{t('payCodeHint', { seconds: left })}</p>
          <Button kind="secondary" busy={loaded.loading} onClick={loaded.reload}>
            {t('refresh')}
          </Button>
        </section>
      )}
    </Page>
  );
}
