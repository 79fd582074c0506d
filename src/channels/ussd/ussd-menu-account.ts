// My account: change the PIN (current, new, repeat), lock the wallet, choose the language.
import type { Locale } from '../../domain/notifications/messages.js';
import {
  again,
  ask,
  end,
  isPin,
  pop,
  push,
  refuse,
  type Step,
  stay,
  t,
  type ViewSpecs,
} from './ussd-screen.js';
import type { SessionState, ViewOf } from './ussd-state.js';
import { textsFor } from './ussd-texts.js';

function changePin(s: SessionState, view: ViewOf<'pin_repeat'>, repeatAt: number): Step {
  return ask('change_pin', { currentAt: view.currentAt, newAt: view.newAt, repeatAt }, (o) => {
    if (o.ok) return end(t(s).pinChanged);
    switch (o.error) {
      case 'pin_incorrect':
        // Back to the current PIN: two screens back.
        return refuse(s, o, pop({ ...s, trail: s.trail.slice(0, -1) }));
      case 'pin_mismatch':
      case 'pin_format':
      case 'pin_too_simple':
        return refuse(s, o, pop(s));
      default:
        return refuse(s, o);
    }
  });
}

function setLanguage(s: SessionState, locale: Locale): Step {
  return ask('language', { locale }, (o) => (o.ok ? end(textsFor(locale).languageSet) : refuse(s, o)));
}

const pinStep = (s: SessionState, input: string, next: () => Step): Step =>
  isPin(input) ? next() : refuse(s, { error: 'pin_format' }, again(s));

export const ACCOUNT_VIEWS: ViewSpecs<'account' | 'pin_current' | 'pin_new' | 'pin_repeat' | 'language'> = {
  account: {
    render: (s) => t(s).account,
    input: (s, _view, input) => {
      if (input === '1') return push(s, { at: 'pin_current' });
      if (input === '2') return push(s, { at: 'pin', purpose: 'lock' });
      return input === '3' ? push(s, { at: 'language' }) : stay(s, t(s).invalidChoice);
    },
  },
  pin_current: {
    render: (s) => t(s).pinCurrent,
    input: (s, _view, input, at) => pinStep(s, input, () => push(s, { at: 'pin_new', currentAt: at })),
  },
  pin_new: {
    render: (s) => t(s).pinNew,
    input: (s, { currentAt }, input, at) =>
      pinStep(s, input, () => push(s, { at: 'pin_repeat', currentAt, newAt: at })),
  },
  pin_repeat: {
    render: (s) => t(s).pinRepeat,
    input: (s, view, input, at) => pinStep(s, input, () => changePin(s, view, at)),
  },
  language: {
    render: (s) => t(s).language,
    input: (s, _view, input) => {
      if (input === '1') return setLanguage(s, 'en');
      return input === '2' ? setLanguage(s, 'zh-CN') : stay(s, t(s).invalidChoice);
    },
  },
};
