// The explicit list of system app manifests the shell loads; apps register here as they arrive.
export interface SystemAppManifest {
  id: string;
  /** i18n key of the title. */
  title: string;
}

export const systemApps: SystemAppManifest[] = [];
