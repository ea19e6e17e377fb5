// Quantities read and written the Kubernetes way.
import { describe, expect, it } from 'vitest';
import { formatBytes, formatCpu, parseQuantity } from './quantity';

describe('quantities', () => {
  it.each([
    ['500m', 0.5],
    ['2', 2],
    ['1.5', 1.5],
    ['512Mi', 512 * 2 ** 20],
    ['1Gi', 2 ** 30],
    ['1G', 1e9],
    ['1e3', 1000],
    ['100Ki', 102400],
  ])('%s = %d', (text, value) => {
    expect(parseQuantity(text)).toBeCloseTo(value);
  });
  it('rejects junk', () => {
    expect(parseQuantity('lots')).toBeNaN();
    expect(parseQuantity('1.2.3Mi')).toBeNaN();
  });
  it('formats CPU and bytes', () => {
    expect(formatCpu(0.025)).toBe('25m');
    expect(formatCpu(2)).toBe('2');
    expect(formatBytes(256 * 2 ** 20)).toBe('256Mi');
    expect(formatBytes(2 ** 31)).toBe('2Gi');
    expect(formatBytes(1000)).toBe('1000');
  });
});
