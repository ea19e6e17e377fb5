import { describe, expect, it } from 'vitest';
import { crossed } from './marquee';

describe('crossed', () => {
  it('takes the rows a rectangle crosses in a list', () => {
    const g = { rowH: 32, cols: 1, tileW: 0, padX: 0, total: 100 };
    expect(crossed({ x1: 300, y1: 40, x2: 320, y2: 100 }, g)).toEqual([[1, 1], [2, 2], [3, 3]]);
    expect(crossed({ x1: 0, y1: 3150, x2: 10, y2: 9999 }, g)).toEqual([[98, 98], [99, 99]]);
  });
  it('takes the tiles it crosses in a grid, in two dimensions', () => {
    const g = { rowH: 120, cols: 4, tileW: 100, padX: 8, total: 10 };
    expect(crossed({ x1: 150, y1: 10, x2: 250, y2: 130 }, g)).toEqual([[1, 2], [5, 6]]);
    expect(crossed({ x1: 0, y1: 250, x2: 500, y2: 260 }, g)).toEqual([[8, 9]]);
  });
});
