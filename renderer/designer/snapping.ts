/**
 * Snapping a moving box to the canvas's centre and edges and to the other layers' edges and
 * centres. Pure: the canvas view asks, moves the object by the answer and draws the guides.
 */
import type { Box } from '../../shared/design/geometry.js';

export interface SnapLines {
  /** Vertical lines (x positions) and horizontal lines (y positions), in design units. */
  readonly x: readonly number[];
  readonly y: readonly number[];
}

export interface Snap {
  readonly dx: number;
  readonly dy: number;
  /** The lines snapped to, to draw as guides. */
  readonly guides: { readonly x: number | null; readonly y: number | null };
}

/** The lines to snap to: the canvas's edges and centre, and every other box's edges and centre. */
export function snapLines(
  size: { width: number; height: number },
  others: readonly Box[],
): SnapLines {
  const x = [0, size.width / 2, size.width];
  const y = [0, size.height / 2, size.height];
  for (const box of others) {
    x.push(box.x, box.x + box.width / 2, box.x + box.width);
    y.push(box.y, box.y + box.height / 2, box.y + box.height);
  }
  return { x, y };
}

function nearest(points: readonly number[], lines: readonly number[], threshold: number) {
  let best: { delta: number; line: number } | null = null;
  for (const point of points) {
    for (const line of lines) {
      const delta = line - point;
      if (
        Math.abs(delta) <= threshold &&
        (best === null || Math.abs(delta) < Math.abs(best.delta))
      ) {
        best = { delta, line };
      }
    }
  }
  return best;
}

/** How to move `box` so its nearest edge or centre lands on a line within `threshold` (each axis alone). */
export function snapBox(box: Box, lines: SnapLines, threshold: number): Snap {
  const sx = nearest([box.x, box.x + box.width / 2, box.x + box.width], lines.x, threshold);
  const sy = nearest([box.y, box.y + box.height / 2, box.y + box.height], lines.y, threshold);
  return {
    dx: sx?.delta ?? 0,
    dy: sy?.delta ?? 0,
    guides: { x: sx?.line ?? null, y: sy?.line ?? null },
  };
}
