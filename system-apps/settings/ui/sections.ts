// The Settings window's sections, in the order of its navigation: each a title, an icon and its lazily loaded page (more join as they are built).
import { defineAsyncComponent, type Component } from 'vue';
import { matDeveloperBoard } from '@quasar/extras/material-icons';

export interface SettingsSection {
  id: string;
  /** Message keys of the navigation's label and caption. */
  label: string;
  caption: string;
  icon: string;
  page: Component;
}

export const SECTIONS: SettingsSection[] = [
  { id: 'gpu', label: 'settings.nav.gpu', caption: 'settings.nav.gpuCaption', icon: matDeveloperBoard, page: defineAsyncComponent(() => import('./gpu/GpuPage.vue')) },
];

/** The section a window opens on: the one its props name (`{ section: 'gpu' }`), else the first. */
export function initialSection(props: Record<string, unknown> | undefined): string {
  const wanted = typeof props?.section === 'string' ? props.section : '';
  return SECTIONS.some((s) => s.id === wanted) ? wanted : SECTIONS[0]!.id;
}
