// Kubernetes quantities: exact millicores and bytes, rounding up, bad input named in the reason, GPU memory vs count.
import { describe, expect, it } from 'vitest';
import { QuantityError, formatBytes, formatCpuMillis, isSizedQuantity, parseBytes, parseCpuMillis, parseQuantity } from './quantity';

describe('Kubernetes quantities', () => {
  it('reads CPU as millicores, exactly and rounded up', () => {
    expect(parseCpuMillis('500m')).toBe(500);
    expect(parseCpuMillis('0.5')).toBe(500);
    expect(parseCpuMillis(0.1)).toBe(100);
    expect(parseCpuMillis(2)).toBe(2000);
    expect(parseCpuMillis('2.5')).toBe(2500);
    expect(parseCpuMillis('15360m')).toBe(15360);
    expect(parseCpuMillis('1e3')).toBe(1_000_000);
    expect(parseCpuMillis('0.0001')).toBe(1);
    expect(parseCpuMillis('.5')).toBe(500);
  });

  it('reads memory and disk as bytes, binary and decimal suffixes', () => {
    expect(parseBytes('64Mi')).toBe(64 * 1024 ** 2);
    expect(parseBytes('1Gi')).toBe(1024 ** 3);
    expect(parseBytes('1.5Gi')).toBe(1.5 * 1024 ** 3);
    expect(parseBytes('1G')).toBe(1e9);
    expect(parseBytes('128k')).toBe(128_000);
    expect(parseBytes('1Ki')).toBe(1024);
    expect(parseBytes(1024)).toBe(1024);
    expect(parseBytes('1.2Gi')).toBe(Math.ceil(1.2 * 1024 ** 3));
  });

  it('gives base units for parseQuantity', () => {
    expect(parseQuantity('500m')).toBe(0.5);
    expect(parseQuantity('2Ki')).toBe(2048);
    expect(parseQuantity('-1')).toBe(-1);
  });

  it('names the bad input in the reason', () => {
    expect(() => parseBytes('12Gx')).toThrow(QuantityError);
    expect(() => parseBytes('12Gx')).toThrow('"12Gx" is not a Kubernetes quantity');
    for (const bad of ['', 'Gi', '1 Gi', '1gi', '1.2.3', 'abc', '1MB']) expect(() => parseQuantity(bad), bad).toThrow(QuantityError);
    expect(() => parseCpuMillis('-1')).toThrow('must not be negative');
    expect(() => parseBytes('1e99')).toThrow('out of range');
  });

  it('tells GPU memory from GPU counts', () => {
    expect(isSizedQuantity('16Gi')).toBe(true);
    expect(isSizedQuantity('8G')).toBe(true);
    expect(isSizedQuantity(1)).toBe(false);
    expect(isSizedQuantity('500m')).toBe(false);
  });

  it('formats for people', () => {
    expect(formatBytes(512 * 1024 ** 2)).toBe('512Mi');
    expect(formatBytes(1.5 * 1024 ** 3)).toBe('1.5Gi');
    expect(formatBytes(100)).toBe('100');
    expect(formatCpuMillis(500)).toBe('500m');
    expect(formatCpuMillis(2000)).toBe('2');
  });
});
