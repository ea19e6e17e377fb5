// Turns stored rows into the views the UI gets (wire.ts): times in ms, images through the proxy, the right body for the subscriber.
import type { EntryListItem, EntryView, FeedView, HighlightView } from '../shared/wire';
import type { EntryDetailRow, EntryRow } from './entries.store';
import type { ImageSigner } from './image-proxy';
import type { SubscriptionRow } from './subscriptions.store';

export const DOCUMENT_ROUTE = '/api/wise/documents';

const ms = (d: Date | null): number | null => (d ? d.getTime() : null);

export function feedView(r: SubscriptionRow, images: ImageSigner): FeedView {
  return {
    id: r.id,
    url: r.url,
    title: r.title,
    siteUrl: r.siteUrl,
    iconUrl: images.proxyOrNull(r.iconUrl),
    folderId: r.folderId,
    unread: r.unread,
    total: r.total,
    intervalMinutes: r.intervalMinutes,
    fullText: r.fullText,
    lastFetchedAt: ms(r.lastFetchedAt),
    nextFetchAt: ms(r.nextFetchAt),
    error: r.errorKind ? { kind: r.errorKind, message: r.errorMessage ?? '', since: ms(r.errorSince) ?? Date.now(), attempts: r.errorAttempts } : null,
  };
}

export function listItem(r: EntryRow, images: ImageSigner): EntryListItem {
  return {
    id: r.id,
    kind: r.kind,
    feedId: r.feedId,
    source: r.source ?? '',
    title: r.title,
    url: r.url,
    author: r.author,
    publishedAt: ms(r.publishedAt),
    summary: r.summary,
    imageUrl: images.proxyOrNull(r.imageUrl),
    read: r.read,
    starred: r.starred,
    tags: r.tags,
  };
}

export function entryView(r: EntryDetailRow, highlights: HighlightView[], images: ImageSigner): EntryView {
  const pdf = r.documentType === 'pdf';
  return {
    ...listItem(r, images),
    // A subscriber who asked for full text reads the article of the item's page when it was fetched.
    html: pdf ? '' : r.fullText && r.fullHtml ? r.fullHtml : r.html,
    documentUrl: pdf ? `${DOCUMENT_ROUTE}/${r.id}` : null,
    documentType: r.documentType,
    enclosure: r.enclosure,
    progress: r.progress,
    note: r.note,
    highlights,
  };
}

/** The list cursor: the last item's sort key and id, opaque to the client. */
export const encodeCursor = (r: Pick<EntryRow, 'sortUs' | 'id'>) => Buffer.from(`${r.sortUs}.${r.id}`).toString('base64url');

export function decodeCursor(cursor: string): { sortUs: string; id: string } | null {
  const m = /^(-?\d{1,20})\.([0-9a-f-]{36})$/.exec(Buffer.from(cursor, 'base64url').toString());
  return m ? { sortUs: m[1]!, id: m[2]! } : null;
}
