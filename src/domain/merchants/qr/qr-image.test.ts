// Tests of QR rendering: an SVG document with a path, and a PNG image, for ASCII and Chinese payloads.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeMerchantQr } from './merchant-qr.js';
import { renderQrPng, renderQrSvg } from './qr-image.js';

const payload = encodeMerchantQr({
  merchantId: 'M123',
  orderId: 'ORD-1',
  mcc: '5812',
  currencyNumeric: '156',
  amount: '12.50',
  countryCode: 'CN',
  merchantName: '幸运面馆',
  merchantCity: '上海',
});

describe('QR rendering', () => {
  it('renders an SVG document with a path', async () => {
    const svg = await renderQrSvg(payload);
    assert.ok(svg.startsWith('<svg'), svg.slice(0, 40));
    assert.match(svg, /<path [^>]*d="M/);
    assert.ok(svg.trimEnd().endsWith('</svg>'));
  });

  it('renders a PNG image', async () => {
    const png = await renderQrPng(payload);
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.equal(png.readUInt32BE(16), 360, 'IHDR width');
  });
});
