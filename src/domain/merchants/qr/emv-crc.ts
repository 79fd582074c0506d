// CRC-16/CCITT-FALSE of an EMV QR payload (the checksum of data object 63), as 4 uppercase hex characters.

/**
 * CRC-16/CCITT-FALSE (polynomial 0x1021, initial value 0xFFFF, no reflection, no final XOR) over the UTF-8
 * bytes of `text`. Check value: `emvCrc('123456789') === '29B1'`. Uses the byte-at-a-time shift form of the
 * polynomial, so it needs neither a table nor a bit loop.
 */
export function emvCrc(text: string): string {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, 'utf8')) {
    crc = ((crc >>> 8) | (crc << 8)) & 0xffff;
    crc ^= byte;
    crc ^= (crc & 0xff) >>> 4;
    crc ^= (crc << 12) & 0xffff;
    crc ^= ((crc & 0xff) << 5) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}
