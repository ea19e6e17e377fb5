// The GPU page's number formats: VRAM units, dashes for missing readings, the VRAM input's conversions and slider steps.
import { describe, expect, it } from 'vitest';
import { formatPercent, formatPower, formatTemperature, formatVram, fromUnit, GIB, MIB, sliderStep, toUnit, unitFor, vramShare } from './format';

describe('GPU formats', () => {
  it('writes VRAM in MiB under a GiB and in GiB from there', () => {
    expect(formatVram(512 * MIB)).toBe('512 MiB');
    expect(formatVram(24 * GIB)).toBe('24 GiB');
    expect(formatVram(24564 * MIB)).toBe('24 GiB');
    expect(formatVram(1.5 * GIB)).toBe('1.5 GiB');
    expect(formatVram(81920 * MIB, 'zh-CN')).toBe('80 GiB');
    expect(formatVram(0)).toBe('0 MiB');
    expect(formatVram(null)).toBe('–');
  });

  it('shows a dash where the card reports nothing', () => {
    expect(formatPercent(0.456)).toBe('46%');
    expect(formatPercent(1.4)).toBe('100%');
    expect(formatPercent(null)).toBe('–');
    expect(formatTemperature(41.6)).toBe('42 °C');
    expect(formatTemperature(null)).toBe('–');
    expect(formatPower(71.3, 300)).toBe('71 / 300 W');
    expect(formatPower(null, 300)).toBe('– / 300 W');
    expect(formatPower(null, null)).toBe('–');
    expect(vramShare(6 * GIB, 24 * GIB)).toBe(0.25);
    expect(vramShare(null, 24 * GIB)).toBeNull();
    expect(vramShare(1, 0)).toBeNull();
  });

  it('converts the VRAM input to whole MiB in bytes, and back', () => {
    expect(fromUnit(4, 'GiB')).toBe(4 * GIB);
    expect(fromUnit('1,5', 'GiB')).toBe(1536 * MIB);
    expect(fromUnit('300', 'MiB')).toBe(300 * MIB);
    expect(fromUnit(0.4, 'MiB')).toBeNull();
    expect(fromUnit('', 'MiB')).toBeNull();
    expect(fromUnit('abc', 'GiB')).toBeNull();
    expect(fromUnit(-1, 'GiB')).toBeNull();
    expect(toUnit(1536 * MIB, 'GiB')).toBe(1.5);
    expect(toUnit(1536 * MIB, 'MiB')).toBe(1536);
    expect(unitFor(512 * MIB)).toBe('MiB');
    expect(unitFor(2 * GIB)).toBe('GiB');
  });

  it('keeps the slider to about a hundred steps', () => {
    expect(sliderStep(100 * MIB)).toBe(1);
    expect(sliderStep(2 * GIB)).toBe(16);
    expect(sliderStep(24 * GIB)).toBe(256);
    expect(sliderStep(80 * GIB)).toBe(1024);
  });
});
