// Rewrites a CatalogApp's chart-relative images (icon.svg, shots/1.png) to the URLs the BFF serves them from.
import { isChartAssetRef } from './chart-asset';
import type { CatalogApp } from './types';

/** Builds the public URL of one chart asset, e.g. `/api/market/assets/<name>/<version>/<relPath>`. */
export type AssetUrl = (app: { name: string; version: string }, relPath: string) => string;

export function withAssetUrls(app: CatalogApp, assetUrl: AssetUrl): CatalogApp {
  const map = (ref: string) => (isChartAssetRef(ref) ? assetUrl(app, ref) : ref);
  return {
    ...app,
    icon: map(app.icon),
    screenshots: app.screenshots.map(map),
    ...(app.featuredImage ? { featuredImage: map(app.featuredImage) } : {}),
    entrances: app.entrances.map((e) => (e.icon ? { ...e, icon: map(e.icon) } : e)),
  };
}
