// The formatters: binary byte multiples, rates, percentages, load and cores in English and Chinese; values of each series unit; times on the axis per range.
import { describe, expect, it } from 'vitest';
import { formatAxis, formatAxisTime, formatBytes, formatCores, formatLoad, formatPercent, formatRate, formatValue } from './format';

describe('formatters', () => {
  it('writes bytes in binary multiples, whole numbers from 100 up', () => {
    expect(formatBytes(0, 'en-US')).toBe('0 B');
    expect(formatBytes(1023, 'en-US')).toBe('1,023 B');
    expect(formatBytes(1536, 'en-US')).toBe('1.5 KiB');
    expect(formatBytes(16 * 1024 ** 3, 'en-US')).toBe('16 GiB');
    expect(formatBytes(123.4 * 1024 ** 2, 'en-US')).toBe('123 MiB');
    expect(formatBytes(3.25 * 1024 ** 4, 'zh-CN')).toBe('3.3 TiB');
    expect(formatBytes(-2048, 'en-US')).toBe('-2 KiB');
    expect(formatBytes(Number.NaN, 'en-US')).toBe('–');
  });

  it('writes rates, percentages, load and cores in the locale', () => {
    expect(formatRate(2.5 * 1024 ** 2, 'en-US')).toBe('2.5 MiB/s');
    expect(formatPercent(0.1234, 'en-US')).toBe('12.3%');
    expect(formatPercent(0.1234, 'en-US', true)).toBe('12%');
    expect(formatPercent(0.05, 'zh-CN', true)).toBe('5%');
    expect(formatPercent(1, 'de-DE')).toBe('100\u00a0%');
    expect(formatLoad(1.5, 'en-US')).toBe('1.50');
    expect(formatLoad(1.5, 'de-DE')).toBe('1,50');
    expect(formatCores(0.25, 'en-US')).toBe('0.25');
    expect(formatCores(12.345, 'en-US')).toBe('12.3');
  });

  it('writes a value in its series unit, a dash where there is none', () => {
    expect(formatValue(0.5, 'ratio', 'en-US')).toBe('50%');
    expect(formatValue(2048, 'bytes', 'en-US')).toBe('2 KiB');
    expect(formatValue(2048, 'bytesPerSec', 'en-US')).toBe('2 KiB/s');
    expect(formatValue(3.4, 'count', 'en-US')).toBe('3');
    expect(formatValue(0.7, 'load', 'en-US')).toBe('0.70');
    expect(formatValue(64.4, 'celsius', 'en-US')).toBe('64 °C');
    expect(formatValue(250, 'watts', 'en-US')).toBe('250 W');
    expect(formatValue(null, 'ratio', 'en-US')).toBe('–');
    expect(formatValue(undefined, 'bytes', 'en-US')).toBe('–');
    expect(formatAxis(0.25, 'ratio', 'en-US')).toBe('25%');
  });

  it('writes axis times with the date only over a week', () => {
    const at = new Date(2024, 4, 7, 9, 5).getTime();
    expect(formatAxisTime(at, '1h', 'en-US')).toMatch(/09:05/);
    expect(formatAxisTime(at, '7d', 'en-US')).toBe('5/7');
    expect(formatAxisTime(at, '7d', 'zh-CN')).toBe('5/7');
  });
});
