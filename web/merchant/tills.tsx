// Tills and their QR codes: each till's static QR to view, download as PNG or print; owners add stores and tills.
import { useEffect, useState } from 'preact/hooks';
import { useAction, useLoad } from '../shared/hooks.js';
import { submitWith } from '../shared/submit.js';
import { Button, Field, Notice, Select } from '../shared/ui.js';
import { allows, api, path } from './session.js';
import { useT } from './texts.js';
import type { Me, Store } from './types.js';

interface Shown {
  store: Store;
  till: Store['tills'][number];
}

/** The till's QR as a PNG (fetched with the session, shown from a blob URL the CSP allows). */
function TillQr(props: { shown: Shown; merchantName: string }) {
  const t = useT();
  const { store, till } = props.shown;
  const [url, setUrl] = useState<string | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  useEffect(() => {
    let made: string | undefined;
    api.download(path(`/tills/${till.id}/qr.png`)).then((blob) => {
      made = URL.createObjectURL(blob);
      setUrl(made);
    }, setError);
    return () => {
      if (made) URL.revokeObjectURL(made);
    };
  }, [till.id]);
  const title = t('qrOf', { store: store.name, till: till.name });
  return (
    <section class="card" aria-label={title}>
      <h2>{title}</h2>
      <Notice error={error} />
      <p class="print-only">{props.merchantName}</p>
      {url && (
        <div class="qr">
          <img src={url} alt={title} data-testid="till-qr" />
        </div>
      )}
      <p class="code">{till.code}</p>
      <p class="print-only">{t('scanToPay')}</p>
      <div class="row no-print">
        {url && (
          <a class="button secondary" href={url} download={`till-${till.code}.png`}>
            {t('downloadPng')}
          </a>
        )}
        <Button kind="secondary" onClick={() => window.print()}>
          {t('print')}
        </Button>
      </div>
    </section>
  );
}

function AddOutlets(props: { stores: Store[]; onAdded: () => void }) {
  const t = useT();
  const [storeName, setStoreName] = useState('');
  const [city, setCity] = useState('');
  const [storeId, setStoreId] = useState(props.stores[0]?.id ?? '');
  const [tillName, setTillName] = useState('');
  const addStore = useAction(async () => {
    await api.post(path('/stores'), { name: storeName, city });
    setStoreName('');
    props.onAdded();
  });
  const addTill = useAction(async () => {
    await api.post(path('/tills'), { storeId: storeId || props.stores[0]?.id, name: tillName });
    setTillName('');
    props.onAdded();
  });
  return (
    <div class="stats no-print">
      <form class="card" onSubmit={submitWith(() => addStore.run())}>
        <Field label={t('storeName')} value={storeName} onValue={setStoreName} required />
        <Field label={t('city')} value={city} onValue={setCity} required />
        <Notice error={addStore.error} />
        <Button type="submit" busy={addStore.busy}>
          {t('addStore')}
        </Button>
      </form>
      {props.stores.length > 0 && (
        <form class="card" onSubmit={submitWith(() => addTill.run())}>
          <Select
            label={t('store')}
            value={storeId}
            onValue={setStoreId}
            options={props.stores.map((store): [string, string] => [store.id, store.name])}
          />
          <Field label={t('tillName')} value={tillName} onValue={setTillName} required />
          <Notice error={addTill.error} />
          <Button type="submit" busy={addTill.busy}>
            {t('addTill')}
          </Button>
        </form>
      )}
    </div>
  );
}

export function Tills(props: { me: Me }) {
  const t = useT();
  const stores = useLoad(() => api.get<Store[]>(path('/stores')), []);
  const [shown, setShown] = useState<Shown | undefined>(undefined);
  return (
    <>
      <Notice error={stores.error} />
      {shown && <TillQr shown={shown} merchantName={props.me.name} />}
      {(stores.data ?? []).map((store) => (
        <section key={store.id} class="card no-print">
          <h2>{`${store.name} · ${store.city}`}</h2>
          <ul class="list">
            {store.tills.map((till) => (
              <li key={till.id}>
                <span>
                  {till.name} <span class="muted">{t('tillCode', { code: till.code })}</span>
                </span>
                <Button
                  kind="secondary"
                  aria-label={`${t('showQr')}: ${store.name} · ${till.name}`}
                  onClick={() => setShown({ store, till })}
                >
                  {t('showQr')}
                </Button>
              </li>
            ))}
          </ul>
        </section>
      ))}
      {allows(props.me.user?.role, 'owner') && stores.data && (
        <AddOutlets stores={stores.data} onAdded={stores.reload} />
      )}
    </>
  );
}
