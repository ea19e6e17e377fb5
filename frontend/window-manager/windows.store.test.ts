// The window store: opening, z-order, focus, snapping, restoring, viewport changes and saving.
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { keepReachable, REACHABLE, resizeRect, snapRect, zoneAt } from './geometry';
import { useWindowsStore, type AppWindowSpec } from './windows.store';

const files: AppWindowSpec = { id: 'files', window: { width: 800, height: 500, minWidth: 400, minHeight: 300, multiInstance: true } };
const vault: AppWindowSpec = { id: 'vault', window: { width: 600, height: 400, minWidth: 300, minHeight: 200 } };
const vp = { width: 1200, height: 800 };

describe('geometry', () => {
  it('computes halves and quarters that tile the viewport exactly', () => {
    const odd = { width: 1201, height: 801 };
    const l = snapRect('snapped-left', odd);
    const r = snapRect('snapped-right', odd);
    expect(l.width + r.width).toBe(1201);
    expect(r.x).toBe(l.width);
    const tl = snapRect('snapped-top-left', odd);
    const br = snapRect('snapped-bottom-right', odd);
    expect(tl.height + br.height).toBe(801);
    expect(br).toMatchObject({ x: tl.width, y: tl.height });
    expect(snapRect('maximized', odd)).toEqual({ x: 0, y: 0, width: 1201, height: 801 });
  });

  it('finds the snap zone under the pointer at edges and corners', () => {
    expect(zoneAt(600, 400, vp)).toBeNull();
    expect(zoneAt(600, 0, vp)).toBe('maximized');
    expect(zoneAt(0, 400, vp)).toBe('snapped-left');
    expect(zoneAt(1199, 400, vp)).toBe('snapped-right');
    expect(zoneAt(0, 10, vp)).toBe('snapped-top-left');
    expect(zoneAt(10, 0, vp)).toBe('snapped-top-left');
    expect(zoneAt(1199, 5, vp)).toBe('snapped-top-right');
    expect(zoneAt(0, 799, vp)).toBe('snapped-bottom-left');
    expect(zoneAt(1199, 799, vp)).toBe('snapped-bottom-right');
  });

  it('keeps a title bar reachable and shrinks windows larger than the viewport', () => {
    expect(keepReachable({ x: -5000, y: -50, width: 400, height: 300 }, vp, { width: 200, height: 100 })).toEqual({ x: REACHABLE - 400, y: 0, width: 400, height: 300 });
    expect(keepReachable({ x: 5000, y: 5000, width: 400, height: 300 }, vp, { width: 200, height: 100 })).toMatchObject({ x: vp.width - REACHABLE, y: vp.height - 36 });
    expect(keepReachable({ x: 0, y: 0, width: 3000, height: 2000 }, vp, { width: 200, height: 100 })).toMatchObject({ width: 1200, height: 800 });
  });

  it('resizes from each edge without going below the minimum size', () => {
    const start = { x: 100, y: 100, width: 500, height: 400 };
    expect(resizeRect(start, 'se', 50, 20, { width: 300, height: 200 })).toEqual({ x: 100, y: 100, width: 550, height: 420 });
    expect(resizeRect(start, 'nw', 50, 20, { width: 300, height: 200 })).toEqual({ x: 150, y: 120, width: 450, height: 380 });
    expect(resizeRect(start, 'w', 400, 0, { width: 300, height: 200 })).toEqual({ x: 300, y: 100, width: 300, height: 400 });
    expect(resizeRect(start, 'n', 0, 500, { width: 300, height: 200 })).toEqual({ x: 100, y: 300, width: 500, height: 200 });
  });
});

describe('the windows store', () => {
  let s: ReturnType<typeof useWindowsStore>;
  beforeEach(() => {
    setActivePinia(createPinia());
    s = useWindowsStore();
    s.setViewport(vp);
  });

  it('opens windows on top and focused, cascading their positions', () => {
    const a = s.open(files);
    const b = s.open(files);
    expect(s.windows).toHaveLength(2);
    expect(s.focusedId).toBe(b);
    expect(s.get(b)!.z).toBeGreaterThan(s.get(a)!.z);
    expect(s.get(b)!.x).not.toBe(s.get(a)!.x);
  });

  it('focuses the existing window of a single-instance app instead of opening another', () => {
    const a = s.open(vault);
    s.open(files);
    expect(s.open(vault, { item: 7 })).toBe(a);
    expect(s.windows).toHaveLength(2);
    expect(s.focusedId).toBe(a);
    expect(s.get(a)!.props).toEqual({ item: 7 });
  });

  it('raises a window when focused, and focuses the next one down when it closes or minimises', () => {
    const a = s.open(files);
    const b = s.open(files);
    const c = s.open(files);
    s.focus(a);
    expect(s.byZ.map((w) => w.id)).toEqual([b, c, a]);
    s.close(a);
    expect(s.focusedId).toBe(c);
    s.minimize(c);
    expect(s.focusedId).toBe(b);
    s.focus(c);
    expect(s.get(c)!.state).toBe('normal');
  });

  it('snaps and restores to the exact earlier rectangle', () => {
    const a = s.open(files);
    const before = { ...s.get(a)! };
    s.snap(a, 'snapped-left');
    expect(s.get(a)).toMatchObject({ x: 0, y: 0, width: 600, height: 800, state: 'snapped-left' });
    s.snap(a, 'snapped-bottom-right');
    expect(s.get(a)).toMatchObject({ x: 600, y: 400, width: 600, height: 400 });
    s.restore(a);
    expect(s.get(a)).toMatchObject({ x: before.x, y: before.y, width: before.width, height: before.height, state: 'normal' });
    s.toggleMaximize(a);
    expect(s.get(a)!.state).toBe('maximized');
    s.toggleMaximize(a);
    expect(s.get(a)!.width).toBe(before.width);
  });

  it('brings a minimised snapped window back snapped', () => {
    const a = s.open(files);
    s.snap(a, 'snapped-right');
    s.minimize(a);
    s.focus(a);
    expect(s.get(a)!.state).toBe('snapped-right');
  });

  it('returns a snapped window to its normal size when dragged away', () => {
    const a = s.open(files);
    s.snap(a, 'maximized');
    s.moveTo(a, 300, 200);
    expect(s.get(a)).toMatchObject({ state: 'normal', width: 800, height: 500, x: 300, y: 200 });
  });

  it('keeps windows reachable when the viewport shrinks, and refits snapped ones', () => {
    const a = s.open(files);
    const b = s.open(files);
    s.moveTo(a, 1100, 700);
    s.settle(a);
    s.snap(b, 'snapped-right');
    s.setViewport({ width: 600, height: 500 });
    const wa = s.get(a)!;
    expect(wa.x).toBeLessThanOrEqual(600 - REACHABLE);
    expect(wa.y).toBeLessThanOrEqual(500 - 36);
    expect(wa.width).toBeLessThanOrEqual(600);
    expect(s.get(b)).toMatchObject({ x: 300, width: 300, height: 500 });
  });

  it('remembers an app’s last size for its next window', () => {
    const a = s.open(vault);
    s.setRect(a, { x: 10, y: 10, width: 700, height: 450 });
    s.settle(a);
    s.close(a);
    const b = s.open(vault);
    expect(s.get(b)).toMatchObject({ width: 700, height: 450 });
  });

  it('saves and restores windows, dropping apps that no longer exist', () => {
    const a = s.open(files, { path: '/Documents' });
    s.open(vault);
    s.snap(a, 'snapped-left');
    const saved = JSON.parse(JSON.stringify(s.serialize()));
    saved.windows.push({ ...saved.windows[0], id: 'gone-1', appId: 'gone' });

    setActivePinia(createPinia());
    const fresh = useWindowsStore();
    fresh.setViewport(vp);
    fresh.hydrate(saved, new Map([files, vault].map((x) => [x.id, x])));
    expect(fresh.windows.map((w) => w.appId).sort()).toEqual(['files', 'vault']);
    expect(fresh.get(a)).toMatchObject({ state: 'snapped-left', props: { path: '/Documents' }, minWidth: 400 });
    expect(fresh.focusedId).toBe(s.focusedId);
  });

  it('cycles focus through every open window', () => {
    const ids = [s.open(files), s.open(files), s.open(files)];
    const seen = new Set<string>();
    for (let i = 0; i < 3; i++) {
      s.focusNext();
      seen.add(s.focusedId!);
    }
    expect(seen).toEqual(new Set(ids));
  });
});
