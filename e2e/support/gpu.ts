// Helpers for the Settings → GPU browser specs: a desktop whose simulated node has fake GPUs (the fake nvidia-smi), a GPU app installed, and the Settings window opened on its GPU page.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';
import { fakeGpuUuid, installFakeNvidiaSmi, type FakeNvidiaSmi } from '../../bff/adapters/gpu/testing/fake-nvidia-smi';
import type { GpuStatus } from '../../system-apps/settings/shared/gpu-wire';
import { openFromDock } from './desktop';
import { createOwner, type Account, type DesktopServer } from './server';

export { fakeGpuUuid };

export interface GpuDesktop {
  server: DesktopServer;
  owner: Account;
  cookie: string;
}

/** The fake nvidia-smi for one test; removed by the returned cleanup. */
export async function fakeNvidiaSmi(): Promise<FakeNvidiaSmi> {
  return installFakeNvidiaSmi();
}

/** Starts a desktop reading GPUs through the fake (`gpus`: `h100,l40s`, `none`, `error`) and creates its owner. */
export async function gpuDesktop(launch: (opts: { env: Record<string, string> }) => Promise<DesktopServer>, fake: FakeNvidiaSmi, gpus: string, state: 'idle' | 'load' = 'idle'): Promise<GpuDesktop> {
  const server = await launch({ env: { ...fake.env(gpus, state), GPU_SOURCE: 'nvidia-smi' } });
  const { owner, cookie } = await createOwner(server);
  return { server, owner, cookie };
}

/** Installs the demo catalogue's GPU app for the signed-in `cookie`'s user and waits until gpu.status lists it; answers its namespace. */
export async function installGpuApp(d: GpuDesktop, requestId: string): Promise<string> {
  await d.server.trpc('market.apps.install', { name: 'gpu-lab', requestId }, d.cookie);
  const namespace = `gpu-lab-${d.owner.name}`;
  await expect
    .poll(async () => (await gpuStatus(d)).apps.some((a) => a.namespace === namespace), { timeout: 30_000 })
    .toBe(true);
  return namespace;
}

/** gpu.status as the owner (a query: tRPC answers it over GET). */
async function gpuStatus(d: GpuDesktop): Promise<GpuStatus> {
  const res = await fetch(`http://127.0.0.1:${d.server.port}/trpc/gpu.status`, { headers: { origin: d.server.origin, 'x-olares-request': '1', cookie: d.cookie } });
  const body = (await res.json()) as { result?: { data: GpuStatus } };
  if (!res.ok || !body.result) throw new Error(`gpu.status failed with ${res.status}: ${JSON.stringify(body)}`);
  return body.result.data;
}

/** Opens Settings from the dock, maximised, on its GPU page; answers the page once it has loaded. */
export async function openGpuPage(page: Page): Promise<Locator> {
  await expect(page.getByTestId('desktop')).toHaveAttribute('data-live', 'true');
  const win = await openFromDock(page, 'settings');
  await page.keyboard.press('Alt+Shift+ArrowUp');
  await expect(win).toHaveClass(/wm-window--snapped/);
  await expect(win.getByTestId('settings-nav-gpu')).toHaveAttribute('aria-selected', 'true');
  const gpu = win.getByTestId('gpu-page');
  await expect(gpu.getByTestId('gpu-loading')).toHaveCount(0);
  return gpu;
}

/** The card of GPU `index` (the fake's UUIDs). */
export function gpuCard(gpu: Locator, index: number): Locator {
  return gpu.locator(`[data-testid=gpu-card][data-uuid="${fakeGpuUuid(index)}"]`);
}

/** No serious or critical axe violation in the Settings window. */
export async function axeSettings(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).include('[data-testid=settings-app]').analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}
