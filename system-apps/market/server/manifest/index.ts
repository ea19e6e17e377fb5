// The manifest module's public surface: parse and validate OlaresManifest.yaml, its i18n files and Kubernetes quantities.
export { parseManifest, type ManifestResult, type ParseManifestOptions } from './parse-manifest';
export { parseManifestI18n, mergeManifestI18n, localizedText, isLocaleTag, type LocaleTextResult } from './i18n';
export { type ManifestIssue, describeIssues } from './issues';
export { parseQuantity, parseCpuMillis, parseBytes, isSizedQuantity, formatBytes, formatCpuMillis, QuantityError } from './quantity';
export { renderTemplate, manifestTemplateData, type ManifestRenderOptions, type TemplateData } from './template';
export type * from './types';
