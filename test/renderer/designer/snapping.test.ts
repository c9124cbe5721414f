import { describe, expect, it } from 'vitest';
import { snapBox, snapLines } from '../../../renderer/designer/snapping.js';

describe('snapping', () => {
  const lines = snapLines({ width: 512, height: 512 }, [{ x: 300, y: 40, width: 100, height: 50 }]);

  it('snaps a box whose centre is near the canvas centre, with a guide on each axis', () => {
    const snap = snapBox({ x: 203, y: 210, width: 100, height: 100 }, lines, 6);
    expect(snap).toEqual({ dx: 3, dy: -4, guides: { x: 256, y: 256 } });
  });

  it("snaps an edge to another layer's edge and leaves a far axis alone", () => {
    const snap = snapBox({ x: 402, y: 300, width: 20, height: 20 }, lines, 6);
    expect(snap.dx).toBe(-2);
    expect(snap.guides).toEqual({ x: 400, y: null });
    expect(snap.dy).toBe(0);
  });
});
