// The desktop's first request (its saved layout, the sign-in status and the notification centre's list, one tRPC batch): public/early.js starts it, and the page at `/` asks the browser to preload it from the response headers, before any script has loaded.
export const EARLY_REQUEST_URL = '/trpc/desktop.layout.get,auth.status,notifications.list?batch=1&input=%7B%222%22%3A%7B%22limit%22%3A50%7D%7D';

/**
 * A `Link` header that preloads it. `crossorigin` (anonymous: same-origin credentials) matches a plain
 * `fetch(url)` from the page, so that early.js's fetch takes the preloaded answer instead of asking again.
 */
export const EARLY_REQUEST_LINK = `<${EARLY_REQUEST_URL}>; rel=preload; as=fetch; crossorigin`;
