// nvidia-smi CSV reading: header names and units, missing values, numbers with units, commas inside values.
import { describe, expect, it } from 'vitest';
import { bytesOf, numberOf, parseCsv, parseHeader } from './csv';

describe('parseHeader', () => {
  it('splits the unit off a header', () => {
    expect(parseHeader('memory.total [MiB]')).toEqual({ name: 'memory.total', unit: 'MiB' });
    expect(parseHeader(' utilization.gpu [%]')).toEqual({ name: 'utilization.gpu', unit: '%' });
    expect(parseHeader('temperature.gpu')).toEqual({ name: 'temperature.gpu', unit: null });
  });
});

describe('parseCsv', () => {
  it('reads rows by header name whatever the column order', () => {
    const a = parseCsv('name, index, memory.total [MiB]\nNVIDIA L40S, 1, 46068 MiB\n');
    const b = parseCsv('memory.total [MiB], name, index\n46068 MiB, NVIDIA L40S, 1\n');
    expect(a.rows).toEqual(b.rows);
    expect(a.rows[0]).toEqual({ name: 'NVIDIA L40S', index: '1', 'memory.total': '46068 MiB' });
  });

  it('turns [N/A], [Not Supported], N/A and empty values into null', () => {
    const t = parseCsv('a, b, c, d, e\n[N/A], [Not Supported], N/A, , 5\n');
    expect(t.rows[0]).toEqual({ a: null, b: null, c: null, d: null, e: '5' });
  });

  it('joins a value that itself contains ", " back into the named column', () => {
    const t = parseCsv('gpu_uuid, pid, process_name, used_gpu_memory [MiB]\nGPU-1, 42, python, train, 100 MiB\n', { joinInto: 'process_name' });
    expect(t.rows[0]).toEqual({ gpu_uuid: 'GPU-1', pid: '42', process_name: 'python, train', used_gpu_memory: '100 MiB' });
  });

  it('answers no rows for empty output or a header alone', () => {
    expect(parseCsv('').rows).toEqual([]);
    expect(parseCsv('gpu_uuid, pid\n').rows).toEqual([]);
  });
});

describe('numbers and bytes', () => {
  it('reads numbers with or without units', () => {
    expect(numberOf('69.85 W')).toBe(69.85);
    expect(numberOf('0 %')).toBe(0);
    expect(numberOf('41')).toBe(41);
    expect(numberOf('Disabled')).toBeNull();
    expect(numberOf(null)).toBeNull();
  });

  it('reads memory in the value’s unit, else the header’s', () => {
    expect(bytesOf('81559 MiB', 'MiB')).toBe(81559 * 1024 ** 2);
    expect(bytesOf('2 GiB', 'MiB')).toBe(2 * 1024 ** 3);
    expect(bytesOf('512', 'MiB')).toBe(512 * 1024 ** 2);
    expect(bytesOf(null)).toBeNull();
  });
});
