/**
 * QR codes for credential pages and certificates, from the `qrcode` library's encoder (its pure
 * core: no canvas, no files). Error correction M: a printed code still scans with a smudge.
 *
 * The text is one byte-mode segment: every scanner reads it, and it skips the library's search for
 * the shortest mix of modes. The mask (ISO/IEC 18004 §7.8) is chosen here, by the standard's four
 * penalty rules over precomputed mask bitmaps: the same choice as the library's, in a fraction of
 * its time (it was most of the time of a site's credential pages). The library then draws the code
 * with that mask.
 */
import QRCode from 'qrcode';
import type { QrMatrix } from '../../shared/site/qr.js';

type QrSegments = Parameters<typeof QRCode.create>[0];
type MaskPattern = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7;
const PATTERNS: readonly MaskPattern[] = [0, 1, 2, 3, 4, 5, 6, 7];

/** Penalty weights of the standard's rules: runs of one colour, 2×2 blocks, finder-like patterns, balance. */
const N1 = 3;
const N2 = 3;
const N3 = 40;
const N4 = 10;

/** Error correction level M in the format information (ISO/IEC 18004 Table 12). */
const LEVEL_M_BITS = 0b00;

/** Whether mask `pattern` inverts the module at row i, column j (ISO/IEC 18004 Table 10). */
function inverts(pattern: MaskPattern, i: number, j: number): boolean {
  switch (pattern) {
    case 0:
      return (i + j) % 2 === 0;
    case 1:
      return i % 2 === 0;
    case 2:
      return j % 3 === 0;
    case 3:
      return (i + j) % 3 === 0;
    case 4:
      return (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0;
    case 5:
      return ((i * j) % 2) + ((i * j) % 3) === 0;
    case 6:
      return (((i * j) % 2) + ((i * j) % 3)) % 2 === 0;
    case 7:
      return (((i + j) % 2) + ((i * j) % 3)) % 2 === 0;
  }
}

/** The 15 format bits for level M and a mask: BCH(15,5) with generator 0x537, then XOR 0x5412 (§7.9.1). */
function formatBits(pattern: MaskPattern): number {
  const data = (LEVEL_M_BITS << 3) | pattern;
  let remainder = data << 10;
  for (let bit = 14; bit >= 10; bit -= 1) if (remainder & (1 << bit)) remainder ^= 0x537 << (bit - 10);
  return ((data << 10) | remainder) ^ 0x5412;
}

const FORMAT_BITS = PATTERNS.map(formatBits);

/** Where format bit i (0 = least significant) goes: its copy along column 8 and its copy along row 8 (§7.9.1, Figure 25). */
function formatPositions(size: number): [vertical: number, horizontal: number][] {
  return Array.from({ length: 15 }, (_, i) => {
    const row = i < 6 ? i : i < 8 ? i + 1 : size - 15 + i;
    const column = i < 8 ? size - 1 - i : i === 8 ? 7 : 14 - i;
    return [row * size + 8, 8 * size + column];
  });
}

interface Layout {
  /** Per mask: 1 where it inverts a data module (function patterns are never masked). */
  masks: Uint8Array[];
  format: [number, number][];
}

/** Layouts by symbol size: the reserved modules depend only on the version. */
const layouts = new Map<number, Layout>();

function layoutOf(size: number, reserved: Uint8Array): Layout {
  let layout = layouts.get(size);
  if (!layout) {
    const masks = PATTERNS.map((pattern) => {
      const mask = new Uint8Array(size * size);
      for (let i = 0; i < size; i += 1) {
        for (let j = 0; j < size; j += 1) if (!reserved[i * size + j] && inverts(pattern, i, j)) mask[i * size + j] = 1;
      }
      return mask;
    });
    layout = { masks, format: formatPositions(size) };
    layouts.set(size, layout);
  }
  return layout;
}

/**
 * Rules 1 and 3 along one line (a row: step 1; a column: step `size`): runs of five or more modules
 * of one colour (3 points, plus one per module beyond five), and the 1:1:3:1:1 dark-light pattern
 * with four light modules on one side, read through an 11-module window. Written without branches
 * on the modules' colours, which a processor cannot predict (a third faster).
 */
function linePenalty(modules: Uint8Array, start: number, step: number, size: number): number {
  let points = 0;
  let previous = modules[start]!;
  let run = 1;
  let window = previous;
  let finders = 0;
  for (let b = 1, index = start + step; b < size; b += 1, index += step) {
    const value = modules[index]!;
    const same = 1 ^ value ^ previous;
    points += (1 - same) * runPenalty(run);
    run = run * same + 1;
    previous = value;
    window = ((window << 1) & 0x7ff) | value;
    finders += +(b >= 10) & (+(window === 0x5d0) | +(window === 0x05d));
  }
  return points + runPenalty(run) + finders * N3;
}

/** A run's points: none below five modules, 3 at five, one more per module beyond. */
function runPenalty(run: number): number {
  const beyondFour = Math.max(0, run - 4);
  return beyondFour + (N1 - 1) * Math.min(beyondFour, 1);
}

/**
 * The four penalties of the standard, summed (§7.8.3). Stops counting once the sum reaches `stopAt`
 * (the best candidate's so far): such a mask cannot be chosen.
 */
export function maskPenalty(modules: Uint8Array, size: number, stopAt = Number.POSITIVE_INFINITY): number {
  let points = 0;
  for (let line = 0; line < size; line += 1) points += linePenalty(modules, line * size, 1, size) + linePenalty(modules, line, size, size);
  if (points >= stopAt) return points;
  // Rule 2: each 2×2 block of one colour.
  for (let top = 0; top < (size - 1) * size; top += size) {
    let left = modules[top]! + modules[top + size]!;
    for (let column = 1; column < size; column += 1) {
      const right = modules[top + column]! + modules[top + size + column]!;
      const block = left + right;
      points += N2 * (+(block === 0) | +(block === 4));
      left = right;
    }
  }
  // Rule 4: 10 points per 5% that the share of dark modules is away from half.
  let dark = 0;
  for (let index = 0; index < modules.length; index += 1) dark += modules[index]!;
  return points + Math.abs(Math.ceil((dark * 100) / modules.length / 5) - 10) * N4;
}

/**
 * The mask with the lowest penalty, given the symbol drawn with mask 0: each candidate is the
 * symbol with mask 0 undone, the candidate applied, and the candidate's format bits in place.
 */
function bestMask(drawnWithMask0: Uint8Array, reserved: Uint8Array, size: number): MaskPattern {
  const { masks, format } = layoutOf(size, reserved);
  const candidate = new Uint8Array(drawnWithMask0.length);
  let best: MaskPattern = 0;
  let lowest = Number.POSITIVE_INFINITY;
  for (const pattern of PATTERNS) {
    const mask = masks[pattern]!;
    const undo = masks[0]!;
    for (let index = 0; index < candidate.length; index += 1) candidate[index] = drawnWithMask0[index]! ^ undo[index]! ^ mask[index]!;
    const bits = FORMAT_BITS[pattern]!;
    format.forEach(([vertical, horizontal], i) => {
      const value = (bits >> i) & 1;
      candidate[vertical] = value;
      candidate[horizontal] = value;
    });
    const penalty = maskPenalty(candidate, size, lowest);
    if (penalty < lowest) {
      lowest = penalty;
      best = pattern;
    }
  }
  return best;
}

export function qrMatrix(text: string): QrMatrix {
  const segments: QrSegments = [{ data: new TextEncoder().encode(text), mode: 'byte' }];
  const first = QRCode.create(segments, { errorCorrectionLevel: 'M', maskPattern: 0 });
  const { size, data, reservedBit } = first.modules;
  const mask = bestMask(data, reservedBit, size);
  const { modules } = mask === 0 ? first : QRCode.create(segments, { errorCorrectionLevel: 'M', maskPattern: mask });
  return { size: modules.size, modules: modules.data };
}
