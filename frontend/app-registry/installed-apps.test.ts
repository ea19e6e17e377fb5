// Installed apps become shell apps: listed while they exist, opened in a window or (openMethod window) a tab.
import { describe, expect, it, vi } from 'vitest';
import { installedManifests, type InstalledApp } from './installed-apps';

const app = (name: string, state: string, openMethod: 'iframe' | 'window' = 'iframe', invisible = false): InstalledApp =>
  ({ name, title: name.toUpperCase(), icon: '/api/market/assets/x/1/icon.svg', version: '1.0.0', state, namespace: `${name}-u`, updatedAt: '', entrances: [{ name, title: name, state: 'running', url: `http://${name}-u.localhost:3000/`, openMethod, invisible }] }) as InstalledApp;

describe('installed apps in the shell', () => {
  const component = async () => ({ default: {} });
  it('lists apps that exist and have a visible entrance, with an id of their own', () => {
    const out = installedManifests([app('a', 'running'), app('b', 'stopped'), app('c', 'installing'), app('d', 'installFailed'), app('e', 'running', 'iframe', true)], { component, openTab: () => undefined });
    expect(out.map((m) => m.id)).toEqual(['app-a', 'app-b']);
    expect(out[0]).toMatchObject({ title: 'A', icon: 'img:/api/market/assets/x/1/icon.svg', installed: { name: 'a', state: 'running' } });
    expect(out[0]!.launch).toBeUndefined();
  });

  it('opens entrances that ask for it in a tab instead of a window', () => {
    const openTab = vi.fn();
    const [m] = installedManifests([app('lab', 'running', 'window')], { component, openTab });
    m!.launch!();
    expect(openTab).toHaveBeenCalledWith(expect.objectContaining({ name: 'lab' }));
  });
});
