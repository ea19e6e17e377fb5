// Helpers for the desktop shell's browser specs: windows by app, their boxes, pointer drags, the dock and layout saves.
import { expect, type Locator, type Page, type Response } from '@playwright/test';
import { signIn, type SharedDesktop } from '../fixtures';
import type { Account } from './server';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The window of `appId` (the first one, for multi-instance apps). */
export function win(page: Page, appId: string): Locator {
  return page.locator(`[data-testid=window][data-app="${appId}"]`).first();
}

/** The focused window. */
export function focusedWindow(page: Page): Locator {
  return page.locator('[data-testid=window].wm-window--focused');
}

export function dockApp(page: Page, appId: string): Locator {
  return page.locator(`[data-testid=dock-app][data-app="${appId}"]`);
}

/** The element's bounding box; fails the test when it has none (hidden or detached). */
export async function box(locator: Locator): Promise<Box> {
  const b = await locator.boundingBox();
  if (!b) throw new Error(`no bounding box for ${locator.toString()}`);
  return b;
}

export function layerBox(page: Page): Promise<Box> {
  return box(page.getByTestId('window-layer'));
}

/** Waits until the window's box stops moving (the snap preview and window positions are applied in a frame). */
export async function settledBox(locator: Locator): Promise<Box> {
  let last = await box(locator);
  for (let i = 0; i < 20; i++) {
    await locator.page().waitForTimeout(50);
    const now = await box(locator);
    if (now.x === last.x && now.y === last.y && now.width === last.width && now.height === last.height) return now;
    last = now;
  }
  return last;
}

/** Expects two boxes to agree within `tolerance` px on every side. */
export function expectBoxNear(actual: Box, expected: Box, tolerance = 2): void {
  const msg = `${JSON.stringify(actual)} ≈ ${JSON.stringify(expected)}`;
  expect(Math.abs(actual.x - expected.x), msg).toBeLessThanOrEqual(tolerance);
  expect(Math.abs(actual.y - expected.y), msg).toBeLessThanOrEqual(tolerance);
  expect(Math.abs(actual.width - expected.width), msg).toBeLessThanOrEqual(tolerance);
  expect(Math.abs(actual.height - expected.height), msg).toBeLessThanOrEqual(tolerance);
}

/** A point in the window's title bar that is not on a button (left of the title text). */
export async function titleBarGrip(window: Locator): Promise<{ x: number; y: number }> {
  const b = await box(window.getByTestId('window-titlebar'));
  return { x: b.x + Math.min(140, b.width / 3), y: b.y + b.height / 2 };
}

/** Presses the left button at `from`, moves to `to` in steps, and (unless `release` is false) lets go. */
export async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }, release = true): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 6, from.y + 6, { steps: 2 });
  await page.mouse.move(to.x, to.y, { steps: 12 });
  if (release) await page.mouse.up();
}

/** Opens (or focuses) an app from its dock icon and waits for its window. */
export async function openFromDock(page: Page, appId: string): Promise<Locator> {
  await dockApp(page, appId).click();
  const w = win(page, appId);
  await expect(w).toBeVisible();
  return w;
}

/** The layout a desktop.layout.save request carries (tRPC batches: `{"0": {layout, baseVersion}}`). */
export interface SavedLayout {
  windows: { appId: string; state: string; x: number; y: number; width: number; height: number }[];
  dock: string[];
  theme: string;
  wallpaper: { kind: string; id: string };
}

function savedLayout(body: unknown): SavedLayout | null {
  if (!body || typeof body !== 'object') return null;
  for (const value of Object.values(body as Record<string, unknown>)) {
    const layout = (value as { layout?: SavedLayout } | null)?.layout;
    if (layout) return layout;
  }
  return null;
}

/**
 * Resolves with the next 200 answer to desktop.layout.save (the layout is saved ~600 ms after a change)
 * whose saved layout passes `accept`: so that an earlier save still in flight is not taken for this one.
 */
export function layoutSaved(page: Page, accept: (layout: SavedLayout) => boolean = () => true): Promise<Response> {
  return page.waitForResponse((r) => {
    const req = r.request();
    if (req.method() !== 'POST' || !new URL(r.url()).pathname.includes('desktop.layout.save') || r.status() !== 200) return false;
    const layout = savedLayout(req.postDataJSON());
    return layout !== null && accept(layout);
  });
}

/** The first desktop greets its user with the Profile window: wait for it, so that later steps start from a settled desktop. */
export async function waitForFirstDesktop(page: Page): Promise<void> {
  await expect(win(page, 'profile')).toBeVisible();
  await expect(page.getByTestId('dock')).toBeVisible();
}

/** The ids of the dock's apps, in order. */
export function dockOrder(page: Page): Promise<string[]> {
  return page.getByTestId('dock-app').evaluateAll((els) => els.map((e) => e.getAttribute('data-app') ?? ''));
}

/** The app (data-app) of the window that holds keyboard focus, or null when focus is outside every window. */
export function activeWindowApp(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.closest('[data-testid=window]')?.getAttribute('data-app') ?? null);
}

/** A new account signed in on the worker's desktop, its first desktop settled (the Profile window open). */
export async function freshDesktop(page: Page, desktop: SharedDesktop, prefix: string): Promise<Account> {
  const account = await desktop.newAccount(prefix);
  await signIn(page, desktop.server.origin, account);
  await waitForFirstDesktop(page);
  return account;
}
