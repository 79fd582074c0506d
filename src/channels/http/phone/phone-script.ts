// The simulator's browser script: keypad entry, the USSD session (text = inputs joined by *), SMS sending and inbox.

/** Plain browser JavaScript, served as /phone/phone.js (no build step, no external code). */
export const PHONE_SCRIPT = `'use strict';
(() => {
  const $ = (id) => document.getElementById(id);
  const screen = $('screen');
  const entry = $('entry');
  let session = null;
  const number = () => $('number').value.trim();
  const show = (text) => { screen.textContent = text; };
  const post = (url, body) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  async function ussd(text) {
    const reply = await post('/channels/ussd', {
      sessionId: session.id, serviceCode: session.code, phoneNumber: number(), text,
    });
    const body = await reply.text();
    if (!reply.ok) { show('Error ' + reply.status + ': ' + body); session = null; return; }
    show(body.replace(/^(CON|END) /, ''));
    if (body.startsWith('END ')) session = null;
    refreshInbox();
  }

  function call() {
    const typed = entry.textContent;
    entry.textContent = '';
    if (session === null) {
      if (!/^\\*[0-9*]+#$/.test(typed)) { show('Dial a service code such as *123#'); return; }
      session = { id: 'sim-' + crypto.randomUUID(), code: typed, inputs: [] };
      ussd('');
      return;
    }
    session.inputs.push(typed);
    ussd(session.inputs.join('*'));
  }

  function end() {
    session = null;
    entry.textContent = '';
    show('Call ended. 通话结束。');
  }

  async function sendSms() {
    const text = $('sms').value.trim();
    if (text === '') return;
    const reply = await post('/channels/sms', { from: number(), text, messageId: 'sim-' + crypto.randomUUID() });
    if (reply.ok) $('sms').value = '';
    else show('SMS error ' + reply.status);
    setTimeout(refreshInbox, 300);
  }

  async function refreshInbox() {
    const reply = await fetch('/dev/sms?limit=10&phone=' + encodeURIComponent(number()));
    if (!reply.ok) return;
    const { messages } = await reply.json();
    const list = $('inbox');
    list.replaceChildren(...messages.map((m) => {
      const item = document.createElement('li');
      item.textContent = m.text;
      return item;
    }));
  }

  $('keys').addEventListener('click', (event) => {
    const key = event.target.closest('button')?.dataset.key;
    if (key) entry.textContent += key;
  });
  $('call').addEventListener('click', call);
  $('end').addEventListener('click', end);
  $('clear').addEventListener('click', () => { entry.textContent = entry.textContent.slice(0, -1); });
  $('send-sms').addEventListener('click', sendSms);
  $('number').addEventListener('change', refreshInbox);
  document.addEventListener('keydown', (event) => {
    if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement) return;
    if (/^[0-9*#]$/.test(event.key)) entry.textContent += event.key;
    else if (event.key === 'Enter') call();
    else if (event.key === 'Backspace') entry.textContent = entry.textContent.slice(0, -1);
    else if (event.key === 'Escape') end();
  });
  refreshInbox();
})();
`;
