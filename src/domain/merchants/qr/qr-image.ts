// Renders a QR payload (e.g. a merchant QR) as an SVG document or a PNG image, with the `qrcode` library.
import QRCode from 'qrcode';

/** An SVG document (error correction M, 2-module quiet zone) that scales to any size. */
export function renderQrSvg(payload: string): Promise<string> {
  return QRCode.toString(payload, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/** A 360-pixel-wide PNG (error correction M, 2-module quiet zone), e.g. for printing a till sticker. */
export function renderQrPng(payload: string): Promise<Buffer> {
  return QRCode.toBuffer(payload, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 360 });
}
