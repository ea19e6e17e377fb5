// The layout schema accepts what the shell saves and refuses anything unbounded, non-finite or unknown.
import { describe, expect, it } from 'vitest';
import { defaultLayout, layoutSchema, type DesktopLayout, type DesktopWindow } from './layout.schema';

const win = (over: Partial<DesktopWindow> = {}): DesktopWindow => ({ id: 'w1', appId: 'files', x: 10, y: 20, width: 800, height: 600, state: 'normal', z: 1, ...over });
const layout = (over: Partial<DesktopLayout> = {}): DesktopLayout => ({ ...defaultLayout(), ...over });

/** The dotted paths of the fields the schema refuses. */
function refused(value: unknown): string[] {
  const r = layoutSchema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
}

describe('layoutSchema', () => {
  it('accepts the default layout and a full one', () => {
    expect(refused(defaultLayout())).toEqual([]);
    const full = layout({
      windows: [win({ restore: { x: 0, y: 0, width: 640, height: 480 }, props: { path: '/Home', tabs: [1, 2, { a: null }] }, state: 'snapped-top-left' })],
      focusedId: 'w1',
      appSizes: { files: { width: 900, height: 640 } },
      wallpaper: { kind: 'upload', id: '2f1c8a3e-7d4b-4c2a-9e1f-0a1b2c3d4e5f' },
      theme: 'dark',
      locale: 'zh-CN',
    });
    expect(refused(full)).toEqual([]);
    expect(layoutSchema.parse(full)).toEqual(full);
  });

  it('names the field that is out of bounds', () => {
    expect(refused(layout({ windows: Array.from({ length: 51 }, (_, i) => win({ id: `w${i}` })) }))).toEqual(['windows']);
    expect(refused(layout({ windows: [win({ x: Number.NaN })] }))).toEqual(['windows.0.x']);
    expect(refused(layout({ windows: [win({ width: Number.POSITIVE_INFINITY })] }))).toEqual(['windows.0.width']);
    expect(refused(layout({ windows: [win({ height: 10_001 })] }))).toEqual(['windows.0.height']);
    expect(refused(layout({ windows: [win({ width: -1 })] }))).toEqual(['windows.0.width']);
    expect(refused(layout({ windows: [win({ z: 1.5 })] }))).toEqual(['windows.0.z']);
    expect(refused(layout({ windows: [win({ state: 'floating' as never })] }))).toEqual(['windows.0.state']);
    expect(refused(layout({ windows: [win({ appId: 'Files!' })] }))).toEqual(['windows.0.appId']);
    expect(refused(layout({ windows: [win({ id: 'x'.repeat(65) })] }))).toEqual(['windows.0.id']);
    expect(refused(layout({ dock: ['files', 'files'] }))).toEqual(['dock']);
    expect(refused(layout({ theme: 'sepia' as never }))).toEqual(['theme']);
    expect(refused(layout({ locale: 'fr-FR' as never }))).toEqual(['locale']);
    expect(refused(layout({ wallpaper: { kind: 'builtin', id: 'nope' as never } }))).toEqual(['wallpaper.id']);
    expect(refused(layout({ wallpaper: { kind: 'upload', id: '../etc/passwd' } }))).toEqual(['wallpaper.id']);
  });

  it('refuses unknown keys, duplicate window ids and a focus on no window', () => {
    expect(refused({ ...layout(), userId: 'someone' })).toEqual(['']);
    expect(refused(layout({ windows: [{ ...win(), extra: 1 } as DesktopWindow] }))).toEqual(['windows.0']);
    expect(refused(layout({ windows: [win(), win()] }))).toEqual(['windows']);
    expect(refused(layout({ windows: [win()], focusedId: 'w2' }))).toEqual(['focusedId']);
  });

  it('keeps window props small, plain and shallow', () => {
    expect(refused(layout({ windows: [win({ props: { big: 'x'.repeat(5000) } })] }))).toEqual(['windows.0.props']);
    expect(refused(layout({ windows: [win({ props: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, i])) })] }))).toEqual(['windows.0.props']);
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(refused(layout({ windows: [win({ props: { deep } })] }))).toEqual(['windows.0.props']);
  });

  it('bounds the dock and the remembered app sizes', () => {
    expect(refused(layout({ dock: Array.from({ length: 51 }, (_, i) => `app-${i}`) }))).toEqual(['dock']);
    const sizes = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`app-${i}`, { width: 100, height: 100 }]));
    expect(refused(layout({ appSizes: sizes }))).toEqual(['appSizes']);
    expect(refused(layout({ appSizes: { 'Bad Id': { width: 1, height: 1 } } }))).toEqual(['appSizes.Bad Id']);
  });
});
