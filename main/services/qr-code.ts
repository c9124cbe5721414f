/**
 * QR codes for credential pages and certificates, from the `qrcode` library's encoder (its pure
 * core: no canvas, no files). Error correction M: a printed code still scans with a smudge.
 */
import QRCode from 'qrcode';
import type { QrMatrix } from '../../shared/site/qr.js';

export function qrMatrix(text: string): QrMatrix {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  return { size: modules.size, modules: modules.data };
}
