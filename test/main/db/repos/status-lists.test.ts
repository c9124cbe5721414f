import { describe, expect, it } from 'vitest';
import { cryptoRandomIndex } from '../../../../main/db/repos/status-lists.js';

describe('cryptoRandomIndex', () => {
  it('stays in [0, bound) and keeps drawing fresh values across pool refills', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 5000; i += 1) {
      const value = cryptoRandomIndex(131072);
      expect(Number.isInteger(value) && value >= 0 && value < 131072).toBe(true);
      seen.add(value);
    }
    // 5,000 draws from 131,072 values: about 95 collisions are expected, not thousands.
    expect(seen.size).toBeGreaterThan(4800);
  });

  it('covers a small range evenly enough (no bias toward low values)', () => {
    const counts = [0, 0, 0];
    for (let i = 0; i < 3000; i += 1) counts[cryptoRandomIndex(3)]! += 1;
    for (const count of counts) expect(count).toBeGreaterThan(800);
  });
});
