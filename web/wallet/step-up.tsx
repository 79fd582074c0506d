// Confirming a payment as the server asks: nothing, the PIN, or the PIN and an SMS code (pin_required / otp_required).
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../shared/api.js';
import { Field, Notice } from '../shared/ui.js';
import { api } from './session.js';
import { useT } from './texts.js';

export type Authentication = 'none' | 'pin' | 'pin_and_otp';

export interface Credentials {
  pin?: string;
  verificationToken?: string;
}

export interface StepUp {
  need: Authentication;
  /** Sends with what the customer entered; when the server asks for more, returns undefined and shows the fields. */
  submit<T>(send: (credentials: Credentials) => Promise<T>): Promise<T | undefined>;
  fields: preact.JSX.Element | null;
}

/** `initial`: what a quote said the payment needs, when known beforehand. */
export function useStepUp(initial: Authentication = 'none'): StepUp {
  const t = useT();
  const [need, setNeed] = useState<Authentication>(initial);
  const [pin, setPin] = useState('');
  const [code, setCode] = useState('');
  const [challengeId, setChallengeId] = useState<string | undefined>(undefined);

  const askForCode = async () => {
    const challenge = await api.post<{ challengeId: string }>('/api/v1/me/otp', { purpose: 'payment' });
    setChallengeId(challenge.challengeId);
    setNeed('pin_and_otp');
  };
  const [codeError, setCodeError] = useState<unknown>(undefined);
  useEffect(() => {
    if (initial === 'pin_and_otp') askForCode().catch(setCodeError);
  }, []);

  const credentials = async (): Promise<Credentials> => {
    const given: Credentials = {};
    if (need !== 'none') given.pin = pin;
    if (need === 'pin_and_otp' && challengeId) {
      const verified = await api.post<{ verificationToken: string }>(`/api/v1/otp/${challengeId}/verify`, {
        code,
      });
      given.verificationToken = verified.verificationToken;
    }
    return given;
  };

  const submit = async <T,>(send: (given: Credentials) => Promise<T>): Promise<T | undefined> => {
    try {
      return await send(await credentials());
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.code === 'pin_required' && need === 'none') {
        setNeed('pin');
        return undefined;
      }
      if (error.code === 'otp_required' && need !== 'pin_and_otp') {
        await askForCode();
        return undefined;
      }
      throw error;
    }
  };

  const fields =
    need === 'none' ? null : (
      <div>
        <p class="muted">{need === 'pin' ? t('needPin') : t('needCode')}</p>
        <Notice error={codeError} />
        <Field
          label={t('pin')}
          type="password"
          inputMode="numeric"
          autoComplete="off"
          maxLength={6}
          value={pin}
          onValue={setPin}
        />
        {need === 'pin_and_otp' && (
          <Field
            label={t('smsCode')}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            value={code}
            onValue={setCode}
          />
        )}
      </div>
    );
  return { need, submit, fields };
}
