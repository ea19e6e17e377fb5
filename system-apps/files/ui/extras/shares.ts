// Sharing helpers: the shares query, an expiry date as the end of that day, and copying a link to the clipboard.
import type { ShareView } from '../../server/shares/shares.types';

export const SHARES_KEY = ['files', 'shares'] as const;
export const PEOPLE_KEY = ['files', 'people'] as const;
export const DRIVES_KEY = ['files', 'drives'] as const;

/** `YYYY/MM/DD` (QDate's format) → the last millisecond of that day in local time; null when empty or not a date. */
export function endOfDay(date: string): number | null {
  const m = /^(\d{4})[/-](\d{2})[/-](\d{2})$/.exec(date.trim());
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 59, 999);
  return d.getMonth() === Number(m[2]) - 1 ? d.getTime() : null;
}

/** Today as `YYYY/MM/DD`, the first day an expiry may be. */
export function today(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}/${p(now.getMonth() + 1)}/${p(now.getDate())}`;
}

/** The shares of one entry, links and people apart, newest first. */
export function sharesOf(all: readonly ShareView[], path: string): { links: ShareView[]; people: ShareView[] } {
  const mine = all.filter((s) => s.path === path).sort((a, b) => b.createdAt - a.createdAt);
  return { links: mine.filter((s) => s.type === 'link'), people: mine.filter((s) => s.type === 'user') };
}

/** Copies text; false when the browser refused (then the caller asks the user to copy it). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Pages not served over https have no clipboard API: the old way still works in most browsers.
    const area = document.createElement('textarea');
    area.value = text;
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    } finally {
      area.remove();
    }
  }
}
