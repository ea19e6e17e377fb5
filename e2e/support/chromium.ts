// Why this exists: one place for how the browser suite (playwright.config.ts) and the bench launch headless Chromium.

/** Debian's Chromium: nothing here downloads a browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Features Playwright itself disables (playwright-core's chromiumSwitches, not exported). A second
 * `--disable-features` switch replaces the first rather than adding to it, so ours repeats them.
 */
const PLAYWRIGHT_DISABLED = [
  'AimEnabled',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsFirstBalancedModeAutoEnable',
  'HttpsUpgrades',
  'LensOverlay',
  'MediaRouter',
  'NetworkTimeServiceQuerying',
  'OptimizationHints',
  'PaintHolding',
  'PreconnectToSearch',
  'TcpPortRandomizationWin',
  'ThirdPartyStoragePartitioning',
];

/**
 * Chromium 156 preloads its WebUI omnibox popup in a renderer of its own for every new browser window, and a
 * headless browser context is a new window: each context's first page shared the CPU with ~0.45 s of that
 * renderer's work (traced in the shell bench; both features must be off, either alone still spawns it).
 * A person's browser pays that once per window, not per page load, and no page of ours uses it.
 */
const WINDOW_CHROME_DISABLED = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  `--disable-features=${[...PLAYWRIGHT_DISABLED, ...WINDOW_CHROME_DISABLED].join(',')}`,
];
