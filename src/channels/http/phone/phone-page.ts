// The feature-phone simulator's page (/phone/): a phone with a screen and keypad that dials USSD and sends SMS.

/** Served with a CSP that allows only this origin's script and inline styles. */
export const PHONE_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>mwallet · feature phone simulator · 功能机模拟器</title>
<style>
body{font:15px/1.4 system-ui,sans-serif;margin:0;background:#eef1f5;color:#111;display:flex;justify-content:center}
main{margin:1.5rem 1rem;width:19rem}
h1{font-size:1.05rem;margin:0 0 .75rem}
label{display:block;font-size:.85rem;margin:.25rem 0}
input[type=tel]{width:100%;box-sizing:border-box;padding:.35rem;font-size:1rem}
.phone{background:#222;border-radius:1.5rem;padding:1rem;margin-top:.75rem;box-shadow:0 4px 14px #0004}
.screen{background:#c7d8b5;color:#102010;font:14px/1.35 ui-monospace,monospace;min-height:11rem;padding:.6rem;
  border-radius:.4rem;white-space:pre-wrap;word-break:break-word}
.entry{background:#b5c9a0;margin-top:.4rem;padding:.3rem .5rem;border-radius:.3rem;min-height:1.3rem;
  font:15px ui-monospace,monospace;color:#102010}
.keys{display:grid;grid-template-columns:repeat(3,1fr);gap:.45rem;margin-top:.8rem}
.keys button,.actions button{font-size:1.05rem;padding:.55rem 0;border-radius:.6rem;border:0;background:#444;color:#fff}
.actions{display:grid;grid-template-columns:repeat(3,1fr);gap:.45rem;margin-top:.6rem}
.actions .call{background:#1f8a3b}.actions .end{background:#b3261e}
.keys button:focus-visible,.actions button:focus-visible{outline:3px solid #ffd54f}
section{margin-top:1rem}
textarea{width:100%;box-sizing:border-box;font:inherit;padding:.35rem}
#inbox{list-style:none;padding:0;margin:.4rem 0 0;max-height:14rem;overflow:auto}
#inbox li{background:#fff;border-radius:.4rem;padding:.4rem .5rem;margin:.3rem 0;font-size:.85rem}
</style></head>
<body><main>
<h1>Feature phone simulator · 功能机模拟器</h1>
<label for="number">This phone's number · 本机号码</label>
<input id="number" type="tel" value="+8613800000001" autocomplete="off">
<div class="phone">
  <div class="screen" id="screen" role="status" aria-live="polite">Dial *123# and press Call.
拨打 *123# 后按呼叫键。</div>
  <div class="entry" id="entry" aria-label="Typed digits"></div>
  <div class="keys" id="keys">
    ${['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'].map((k) => `<button type="button" data-key="${k}">${k}</button>`).join('')}
  </div>
  <div class="actions">
    <button type="button" class="call" id="call">Call / OK</button>
    <button type="button" id="clear">⌫</button>
    <button type="button" class="end" id="end">End</button>
  </div>
</div>
<section>
  <label for="sms">SMS to mwallet (e.g. BAL, 余额, SEND 13800000002 5, YES 123456)</label>
  <textarea id="sms" rows="2"></textarea>
  <button type="button" id="send-sms">Send SMS · 发送短信</button>
  <h2 style="font-size:.95rem;margin:.8rem 0 0">Messages to this phone · 收到的短信</h2>
  <ul id="inbox"></ul>
</section>
</main>
<script src="/phone/phone.js"></script>
</body></html>`;
