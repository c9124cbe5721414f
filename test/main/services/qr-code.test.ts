import { randomUUID } from 'node:crypto';
import { Resvg } from '@resvg/resvg-js';
import jsQRModule from 'jsqr';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrSvg } from '../../../shared/site/qr.js';
import { escapeHtml } from '../../../shared/site/html.js';
import { maskPenalty, qrMatrix } from '../../../main/services/qr-code.js';

const jsQR = ((jsQRModule as unknown as { default?: typeof jsQRModule }).default ?? jsQRModule) as unknown as typeof jsQRModule.default;

/** What the library draws when it searches for the mask itself, from the same byte-mode segment. */
function libraryMatrix(text: string) {
  return QRCode.create([{ data: new TextEncoder().encode(text), mode: 'byte' }], { errorCorrectionLevel: 'M' });
}

const TEXTS = [
  ...Array.from({ length: 400 }, (_, i) => `https://badges.example.org/randonneurs/credentials/${randomUUID()}.html${'#'.repeat(i % 3)}`),
  'https://a.example/c/1.html',
  `https://badges.example.org/${'très-long-chemin/'.repeat(12)}${randomUUID()}.html`,
];

describe('QR codes: the mask chosen by the standard’s penalties', () => {
  it('draws the very code the library draws when it searches every mask itself, for short and long texts', () => {
    const sizes = new Set<number>();
    for (const text of TEXTS) {
      const ours = qrMatrix(text);
      const theirs = libraryMatrix(text);
      sizes.add(ours.size);
      expect(ours.size, text).toBe(theirs.modules.size);
      expect(Buffer.from(ours.modules as Uint8Array).equals(Buffer.from(theirs.modules.data)), text).toBe(true);
    }
    // Several versions were tried, and the masks chosen were not all the same.
    expect(sizes.size).toBeGreaterThan(1);
    expect(new Set(TEXTS.map((text) => libraryMatrix(text).maskPattern)).size).toBeGreaterThan(4);
  });

  it('scores the standard’s rules: a run of six, a 2×2 block, a finder-like pattern, and the balance of dark modules', () => {
    // 11×11, all light: every row and column is one run of 11 (3 + 6 points each), 100 blocks of 2×2, balance 0% dark (k = 10).
    const light = new Uint8Array(121);
    expect(maskPenalty(light, 11)).toBe(22 * 9 + 100 * 3 + 10 * 10);
    // Row 0 holds 1011101 then four light modules. Runs: row 0 none, five columns of 10 (8 each), six of 11
    // (9 each), ten rows of 11 (9 each) = 184; light blocks: 3 in rows 0–1, 90 below = 279; one finder-like
    // pattern = 40; 5 dark of 121 (4.1%, k = 9) = 90.
    const finder = new Uint8Array(121);
    [1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0].forEach((value, column) => (finder[column] = value));
    expect(maskPenalty(finder, 11)).toBe(184 + 279 + 40 + 90);
  });

  it('gives codes that a decoder we did not write reads back', () => {
    for (const text of TEXTS.slice(0, 20)) {
      const svg = qrSvg(qrMatrix(text), 'QR', escapeHtml);
      const rendered = new Resvg(svg, { fitTo: { mode: 'width', value: 300 }, background: '#ffffff' }).render();
      expect(jsQR(new Uint8ClampedArray(rendered.pixels), rendered.width, rendered.height)?.data).toBe(text);
    }
  });
});
