/**
 * QR codes drawn from a module matrix. The matrix comes from a QR library run by the caller
 * (main/), so this file stays pure; the same matrix gives the same SVG, byte for byte.
 */

/** A square QR symbol: `size` × `size` modules, row by row, non-zero = dark. */
export interface QrMatrix {
  size: number;
  modules: ArrayLike<number>;
}

/** Encodes a text (a page URL) as a QR symbol. */
export type QrEncoder = (text: string) => QrMatrix;

/** Light modules around the symbol, as the QR standard asks for reliable scanning. */
export const QR_QUIET_ZONE = 4;

/** Runs of dark modules, one per row segment: `[x, y, length]`, in the symbol's coordinates (no quiet zone). */
export function darkRuns(matrix: QrMatrix): [x: number, y: number, length: number][] {
  const runs: [number, number, number][] = [];
  const { size, modules } = matrix;
  for (let y = 0; y < size; y += 1) {
    let x = 0;
    while (x < size) {
      if (!modules[y * size + x]) {
        x += 1;
        continue;
      }
      const start = x;
      while (x < size && modules[y * size + x]) x += 1;
      runs.push([start, y, x - start]);
    }
  }
  return runs;
}

/**
 * An inline SVG of the symbol: one path, black on white, with its quiet zone, scaled by CSS (no
 * style attribute: the pages' policy forbids inline styles).
 */
export function qrSvg(matrix: QrMatrix, label: string, escape: (text: string) => string): string {
  const side = matrix.size + 2 * QR_QUIET_ZONE;
  const path = darkRuns(matrix)
    .map(([x, y, length]) => `M${x + QR_QUIET_ZONE} ${y + QR_QUIET_ZONE}h${length}v1h-${length}z`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" class="qr" viewBox="0 0 ${side} ${side}" role="img" aria-label="${escape(label)}" shape-rendering="crispEdges"><rect width="${side}" height="${side}" fill="#fff"/><path fill="#000" d="${path}"/></svg>`;
}
