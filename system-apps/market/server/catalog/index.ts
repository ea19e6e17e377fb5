// The catalogue module's public surface: chart loading and packing, catalogue sources and the CatalogService.
export { CatalogService, CatalogNotFoundError, type CatalogServiceDeps, type CatalogLog } from './catalog-service';
export { loadChartFolder, MANIFEST_FILE, type LoadChartOptions } from './load-chart';
export { packChart } from './pack-chart';
export { extractChartArchive, ChartArchiveError } from './extract-chart';
export { readChartAsset, isChartAssetRef, IMAGE_TYPES } from './chart-asset';
export { withAssetUrls, type AssetUrl } from './asset-urls';
export { parseRemoteIndex, type RemoteIndex, type RemoteIndexEntry } from './remote-index';
export { redactUrl } from './safe-url';
export { displayCategory } from './to-catalog-app';
export type * from './types';
