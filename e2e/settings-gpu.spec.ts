// Settings → GPU in a real browser over the fake nvidia-smi: an admin binds an app, changes a card's mode (the confirmation names the app that restarts), sets its VRAM and moves it; a member sees the same read-only; a machine without a GPU and a failing driver say so plainly.
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, signIn, test } from './fixtures';
import { waitForFirstDesktop } from './support/desktop';
import { axeSettings, fakeNvidiaSmi, gpuCard, gpuDesktop, installGpuApp, openGpuPage } from './support/gpu';
import { createAccount, REPO_ROOT } from './support/server';

async function signedIn(page: Page, origin: string, account: { name: string; password: string }): Promise<void> {
  await signIn(page, origin, account);
  await waitForFirstDesktop(page);
}

test('an admin binds, re-modes, sizes and moves a GPU app; a member reads the same', async ({ page, browser, launchDesktop, shot }) => {
  test.setTimeout(240_000);
  const fake = await fakeNvidiaSmi();
  try {
    const d = await gpuDesktop(launchDesktop, fake, 'h100,l40s', 'load');
    const namespace = await installGpuApp(d, 'gpu-e2e-1');
    // Tall enough for both cards and the waiting apps in one picture.
    await page.setViewportSize({ width: 1280, height: 1500 });
    await signedIn(page, d.server.origin, d.owner);
    const gpu = await openGpuPage(page);
    const h100 = gpuCard(gpu, 0);
    const l40s = gpuCard(gpu, 1);

    await test.step('two cards with their readings, and the app waiting for a GPU', async () => {
      await expect(gpu.getByTestId('gpu-card')).toHaveCount(2);
      await expect(h100).toContainText('NVIDIA H100 80GB HBM3');
      await expect(l40s).toContainText('NVIDIA L40S');
      await expect(h100.getByTestId('gpu-vram')).toContainText('of 79.6 GiB');
      await expect(h100).toHaveAttribute('data-mode', 'time-slicing');
      await expect(gpu.getByTestId('gpu-read-only')).toHaveCount(0);
      await expect(h100.getByTestId('gpu-mode-options')).toBeVisible();
      await expect(gpu.locator(`[data-testid=gpu-unbound-app][data-namespace="${namespace}"]`)).toBeVisible();
      await axeSettings(page);
      await shot('01-admin');
    });

    await test.step('binding the app to the H100 (time slicing)', async () => {
      await gpu.locator(`[data-testid=gpu-unbound-app][data-namespace="${namespace}"]`).getByTestId('gpu-bind').click();
      const dialog = page.getByTestId('gpu-bind-dialog');
      await expect(dialog.getByTestId('gpu-bind-target')).toHaveValue(/^GPU 0 /);
      await expect(dialog.getByTestId('gpu-bind-restart')).toContainText('gpu-lab restarts');
      await dialog.getByTestId('gpu-bind-ok').click();
      await expect(dialog).toBeHidden();
      await expect(h100.locator(`[data-testid=gpu-binding][data-namespace="${namespace}"]`)).toBeVisible();
      await expect(gpu.getByTestId('gpu-unbound')).toHaveCount(0);
    });

    await test.step('switching the H100 to memory slicing asks first, naming the app that restarts', async () => {
      await h100.getByTestId('gpu-mode-memory-slicing').click();
      const confirm = page.getByTestId('gpu-confirm');
      await expect(confirm).toContainText('Switch GPU 0 to Memory slicing?');
      await expect(confirm.getByTestId('gpu-confirm-apps')).toContainText('gpu-lab');
      await shot('02-confirm-mode');
      // Cancel leaves the mode as it was.
      await confirm.getByTestId('gpu-confirm-cancel').click();
      await expect(confirm).toBeHidden();
      await expect(h100).toHaveAttribute('data-mode', 'time-slicing');
      await h100.getByTestId('gpu-mode-memory-slicing').click();
      await page.getByTestId('gpu-confirm-ok').click();
      await expect(page.getByTestId('gpu-confirm')).toBeHidden();
      await expect(h100).toHaveAttribute('data-mode', 'memory-slicing');
      await expect(h100.getByTestId('gpu-binding-vram')).toBeVisible();
    });

    await test.step('the app gets 8 GiB of the H100, never more than is free', async () => {
      await h100.getByTestId('gpu-adjust').click();
      const dialog = page.getByTestId('gpu-bind-dialog');
      const value = dialog.getByTestId('vram-value');
      await value.fill('500');
      await expect(dialog).toContainText('More than the');
      await expect(dialog.getByTestId('gpu-bind-ok')).toBeDisabled();
      await value.fill('8');
      await expect(dialog.getByTestId('gpu-bind-ok')).toBeEnabled();
      await dialog.getByTestId('gpu-bind-ok').click();
      await expect(dialog).toBeHidden();
      await expect(h100.getByTestId('gpu-binding-vram')).toHaveText('8 GiB VRAM');
      await expect(h100.getByTestId('gpu-free-vram')).toContainText('71.6 GiB');
      await shot('03-memory-slicing');
    });

    await test.step('moving the app to the L40S', async () => {
      await h100.getByTestId('gpu-move').click();
      const dialog = page.getByTestId('gpu-bind-dialog');
      await expect(dialog.getByTestId('gpu-bind-target')).toHaveValue(/^GPU 1 /);
      await dialog.getByTestId('gpu-bind-ok').click();
      await expect(dialog).toBeHidden();
      await expect(l40s.locator(`[data-testid=gpu-binding][data-namespace="${namespace}"]`)).toBeVisible();
      await expect(h100.getByTestId('gpu-no-apps')).toBeVisible();
    });

    await test.step('a member sees the same, read-only', async () => {
      const member = await createAccount(d.server, d.cookie, 'gpu-member');
      const context = await browser.newContext({ viewport: { width: 1280, height: 1500 } });
      const other = await context.newPage();
      try {
        await signedIn(other, d.server.origin, member);
        const view = await openGpuPage(other);
        await expect(view.getByTestId('gpu-read-only')).toContainText('Only administrators change GPU settings');
        await expect(view.getByTestId('gpu-card')).toHaveCount(2);
        await expect(gpuCard(view, 0)).toHaveAttribute('data-mode', 'memory-slicing');
        await expect(gpuCard(view, 0).getByTestId('gpu-mode-current')).toContainText('Memory slicing');
        await expect(view.getByTestId('gpu-mode-options')).toHaveCount(0);
        await expect(view.locator('[data-testid=gpu-move], [data-testid=gpu-unbind], [data-testid=gpu-adjust], [data-testid=gpu-bind]')).toHaveCount(0);
        await expect(gpuCard(view, 1).locator(`[data-testid=gpu-binding][data-namespace="${namespace}"]`)).toBeVisible();
        await axeSettings(other);
        await other.screenshot({ path: path.join(REPO_ROOT, 'test-results', 'screenshots', 'settings-gpu-04-member.png'), fullPage: true });
      } finally {
        await context.close();
      }
    });

    await test.step('in 简体中文', async () => {
      await page.getByTestId('language-switch').click();
      await page.getByRole('menuitemradio', { name: '简体中文' }).click();
      await expect(gpu.getByRole('heading', { name: '使用此 GPU 的应用' }).first()).toBeVisible();
      await expect(h100.getByTestId('gpu-mode-memory-slicing')).toContainText('显存分片');
      await shot('05-zh-CN');
    });
  } finally {
    await fake.remove();
  }
});

test('a machine without a GPU says so; a failing driver shows what it said', async ({ page, launchDesktop, shot }) => {
  test.setTimeout(180_000);
  const fake = await fakeNvidiaSmi();
  try {
    const none = await gpuDesktop(launchDesktop, fake, 'none');
    await signedIn(page, none.server.origin, none.owner);
    let gpu = await openGpuPage(page);
    await expect(gpu.getByTestId('gpu-empty')).toContainText('No GPU was found on this machine or cluster');
    await expect(gpu.getByTestId('gpu-card')).toHaveCount(0);
    await axeSettings(page);
    await shot('06-no-gpu');

    const broken = await gpuDesktop(launchDesktop, fake, 'error');
    await signedIn(page, broken.server.origin, broken.owner);
    gpu = await openGpuPage(page);
    await expect(gpu.getByTestId('gpu-driver-error')).toContainText('The GPU driver reported an error');
    await expect(gpu.getByTestId('gpu-driver-detail')).toContainText('NVIDIA-SMI has failed');
    await shot('07-driver-error');
  } finally {
    await fake.remove();
  }
});
