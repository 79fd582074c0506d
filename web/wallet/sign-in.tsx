// Welcome, registration (phone → SMS code → PIN) and login (phone + PIN; a new device also needs an SMS code).
import { useState } from 'preact/hooks';
import { ApiError } from '../shared/api.js';
import { useAction } from '../shared/hooks.js';
import { useLocale } from '../shared/i18n.js';
import { navigate, useRoute } from '../shared/router.js';
import { submitWith } from '../shared/submit.js';
import { Button, Field, LanguageSwitch, Notice, Page } from '../shared/ui.js';
import { CodeField, PinField } from './pin-field.js';
import { api, rememberedPhone, signIn, thisDevice } from './session.js';
import { useT } from './texts.js';

export function Welcome() {
  const t = useT();
  const { params } = useRoute();
  return (
    <main class="page">
      <LanguageSwitch />
      {params.has('locked') && <Notice success={`${t('lockDone')} ${t('lockExplain')}`} />}
      <section class="card hero">
        <h1>{t('appName')}</h1>
        <p class="muted">{t('tagline')}</p>
        <div class="row center">
          <a class="button primary" href="#/login">
            {t('login')}
          </a>
          <a class="button secondary" href="#/register">
            {t('register')}
          </a>
        </div>
      </section>
    </main>
  );
}

type Purpose = 'register' | 'login';

/** Sends an SMS code for `purpose` and turns the typed code into a verification token. */
function useSmsVerification(purpose: Purpose) {
  const locale = useLocale();
  const [challengeId, setChallengeId] = useState<string | undefined>(undefined);
  return {
    sent: challengeId !== undefined,
    send: async (phone: string) => {
      const challenge = await api.post<{ challengeId: string }>('/api/v1/otp', { phone, purpose, locale });
      setChallengeId(challenge.challengeId);
    },
    verify: async (code: string) => {
      const verified = await api.post<{ verificationToken: string }>(`/api/v1/otp/${challengeId}/verify`, {
        code,
      });
      return verified.verificationToken;
    },
  };
}

export function Register() {
  const t = useT();
  const locale = useLocale();
  const sms = useSmsVerification('register');
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [token, setToken] = useState<string | undefined>(undefined);
  const [pin, setPin] = useState('');
  const [pinAgain, setPinAgain] = useState('');
  const action = useAction(async () => {
    if (!sms.sent) return sms.send(phone);
    if (!token) return setToken(await sms.verify(code));
    if (pin !== pinAgain) throw new Error(t('pinMismatch'));
    const opened = await api.post<{ session: { token: string }; phone: string }>('/api/v1/registrations', {
      verificationToken: token,
      pin,
      device: thisDevice(),
      locale,
    });
    signIn(opened.session.token, opened.phone);
    navigate('/');
  });
  return (
    <Page title={t('register')} back={() => navigate('/')} backLabel={t('back')}>
      <form class="card" onSubmit={submitWith(() => action.run())}>
        <Field
          label={t('phone')}
          type="tel"
          autoComplete="tel"
          value={phone}
          onValue={setPhone}
          disabled={sms.sent}
        />
        {sms.sent && !token && (
          <CodeField label={t('smsCode')} hint={t('smsSent', { phone })} value={code} onValue={setCode} />
        )}
        {token && (
          <>
            <PinField label={t('pin')} value={pin} onValue={setPin} />
            <PinField label={t('pinAgain')} value={pinAgain} onValue={setPinAgain} />
          </>
        )}
        <Notice error={action.error} />
        <Button type="submit" class="button primary block" busy={action.busy}>
          {sms.sent ? (token ? t('register') : t('next')) : t('sendCode')}
        </Button>
      </form>
    </Page>
  );
}

export function Login() {
  const t = useT();
  const sms = useSmsVerification('login');
  const [phone, setPhone] = useState(rememberedPhone());
  const [pin, setPin] = useState('');
  const [code, setCode] = useState('');
  const action = useAction(async () => {
    const body: Record<string, unknown> = { phone, pin, device: thisDevice() };
    if (sms.sent) body.verificationToken = await sms.verify(code);
    try {
      const session = await api.post<{ token: string }>('/api/v1/sessions', body);
      signIn(session.token, phone);
      navigate('/');
    } catch (error) {
      if (error instanceof ApiError && error.code === 'device_verification_required' && !sms.sent) {
        await sms.send(phone);
        return;
      }
      throw error;
    }
  });
  return (
    <Page title={t('login')} back={() => navigate('/')} backLabel={t('back')}>
      <form class="card" onSubmit={submitWith(() => action.run())}>
        <Field label={t('phone')} type="tel" autoComplete="tel" value={phone} onValue={setPhone} />
        <PinField label={t('pin')} value={pin} onValue={setPin} />
        {sms.sent && (
          <>
            <p class="muted">{t('newDevice')}</p>
            <CodeField label={t('smsCode')} value={code} onValue={setCode} />
          </>
        )}
        <Notice error={action.error} />
        <Button type="submit" class="button primary block" busy={action.busy}>
          {t('login')}
        </Button>
      </form>
    </Page>
  );
}
