// Settings: language, password-free small payments, PIN change, devices, lock a lost wallet, log out.
import { useState } from 'preact/hooks';
import { formatTime } from '../shared/format.js';
import { useAction, useLoad } from '../shared/hooks.js';
import { useLocale } from '../shared/i18n.js';
import { navigate } from '../shared/router.js';
import { Button, LanguageSwitch, Notice, Page } from '../shared/ui.js';
import { CodeField, PinField } from './pin-field.js';
import { api, signOut } from './session.js';
import { TabBar } from './tab-bar.js';
import { useT } from './texts.js';
import type { Me } from './types.js';

interface Device {
  id: string;
  name: string;
  lastSeenAt: string;
  current: boolean;
}

export function Settings() {
  const t = useT();
  const me = useLoad(() => api.get<Me>('/api/v1/me'), []);
  const logout = useAction(async () => {
    await api.delete('/api/v1/sessions/current');
    signOut();
    navigate('/');
  });
  return (
    <Page title={t('settings')} back={() => navigate('/')} backLabel={t('back')}>
      <section class="card">
        <h2>{t('language')}</h2>
        <LanguageSwitch />
        {me.data && (
          <p>
            <a href="#/account">
              {t('tier', { tier: t(`tier_${me.data.tier}`) })} · {t('account')}
            </a>
          </p>
        )}
      </section>
      {me.data && <PasswordFree me={me.data} onChange={me.reload} />}
      <ChangePin />
      <Devices />
      {me.data && !me.data.locked && <LockWallet phone={me.data.phone} />}
      <section class="card">
        <Notice error={logout.error} />
        <Button kind="secondary" busy={logout.busy} onClick={() => void logout.run()}>
          {t('logout')}
        </Button>
      </section>
      <TabBar />
    </Page>
  );
}

function PasswordFree(props: { me: Me; onChange: () => void }) {
  const t = useT();
  const [pin, setPin] = useState('');
  const toggle = useAction(async () => {
    await api.post('/api/v1/me/preferences', { passwordFree: !props.me.passwordFree, pin });
    setPin('');
    props.onChange();
  });
  return (
    <section class="card">
      <h2>{t('passwordFree')}</h2>
      <p class="muted">{t('passwordFreeState', { state: props.me.passwordFree ? t('on') : t('off') })}</p>
      <PinField label={t('pin')} value={pin} onValue={setPin} />
      <Notice error={toggle.error} />
      <Button kind="secondary" busy={toggle.busy} onClick={() => void toggle.run()}>
        {props.me.passwordFree ? t('passwordFreeOff') : t('passwordFreeOn')}
      </Button>
    </section>
  );
}

function ChangePin() {
  const t = useT();
  const [currentPin, setCurrentPin] = useState('');
  const [newPin, setNewPin] = useState('');
  const [done, setDone] = useState(false);
  const change = useAction(async () => {
    setDone(false);
    await api.post('/api/v1/me/pin', { currentPin, newPin });
    setCurrentPin('');
    setNewPin('');
    setDone(true);
  });
  return (
    <section class="card">
      <h2>{t('changePin')}</h2>
      <PinField label={t('currentPin')} value={currentPin} onValue={setCurrentPin} />
      <PinField label={t('newPin')} value={newPin} onValue={setNewPin} />
      <Notice error={change.error} success={done ? t('pinChanged') : undefined} />
      <Button kind="secondary" busy={change.busy} onClick={() => void change.run()}>
        {t('changePin')}
      </Button>
    </section>
  );
}

function Devices() {
  const t = useT();
  const locale = useLocale();
  const devices = useLoad(() => api.get<{ devices: Device[] }>('/api/v1/me/devices'), []);
  const revoke = useAction(async (id: string) => {
    await api.delete(`/api/v1/me/devices/${encodeURIComponent(id)}`);
    devices.reload();
  });
  return (
    <section class="card">
      <h2>{t('devices')}</h2>
      <Notice error={devices.error ?? revoke.error} />
      <ul class="list">
        {devices.data?.devices.map((device) => (
          <li key={device.id}>
            <div>
              <div>
                {device.name} {device.current && <small class="muted">({t('thisDevice')})</small>}
              </div>
              <small class="muted">{formatTime(device.lastSeenAt, locale)}</small>
            </div>
            {!device.current && (
              <Button kind="secondary" busy={revoke.busy} onClick={() => void revoke.run(device.id)}>
                {t('revoke')}
              </Button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Lost phone: an SMS code to the wallet's number proves it is the owner, then the wallet is locked and signed out. */
function LockWallet(props: { phone: string }) {
  const t = useT();
  const locale = useLocale();
  const [challengeId, setChallengeId] = useState<string | undefined>(undefined);
  const [code, setCode] = useState('');
  const lock = useAction(async () => {
    if (!challengeId) {
      const challenge = await api.post<{ challengeId: string }>('/api/v1/otp', {
        phone: props.phone,
        purpose: 'lock',
        locale,
      });
      setChallengeId(challenge.challengeId);
      return;
    }
    const verified = await api.post<{ verificationToken: string }>(`/api/v1/otp/${challengeId}/verify`, {
      code,
    });
    await api.post('/api/v1/locks', { verificationToken: verified.verificationToken });
    // Locking ends every session and unbinds every device, this one included.
    signOut();
    navigate('/?locked=1');
  });
  return (
    <section class="card">
      <h2>{t('lockWallet')}</h2>
      <p class="muted">{t('lockExplain')}</p>
      {challengeId && <CodeField label={t('smsCode')} value={code} onValue={setCode} />}
      <Notice error={lock.error} />
      <Button kind="danger" busy={lock.busy} onClick={() => void lock.run()}>
        {challengeId ? t('confirm') : t('lockWallet')}
      </Button>
    </section>
  );
}
