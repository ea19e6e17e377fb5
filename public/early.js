// Uses the time the shell's JavaScript is still downloading. vite.config.ts inlines this file into index.html (the
// server's CSP allows it by its hash: bff/http/inline-scripts.ts), so it runs as the HTML is parsed, while the
// main thread would otherwise wait: it starts the desktop's first request (its saved layout, the sign-in status and
// the notification centre's list, one batch, preloaded by the page's Link header), fetches the wallpaper that
// layout names, and pays a one-off cost the first render would otherwise pay (the first localStorage read opens
// the origin's storage). frontend/boot/early.ts answers
// the tRPC client's first query of each of these procedures (with the same input) from it;
// frontend/desktop/wallpaper.ts makes the same wallpaper URL (unit tests keep both in step). Anything else, or no
// answer, and the shell asks itself.
(function () {
  if (location.pathname !== '/' || !window.fetch) return;
  var url = '/trpc/desktop.layout.get,auth.status,notifications.list?batch=1&input=%7B%222%22%3A%7B%22limit%22%3A50%7D%7D';
  // A plain GET (no custom header): it then takes the answer the page's Link header preloaded
  // (bff/http/early-request.ts) when the browser honours it.
  var response = fetch(url, { credentials: 'same-origin' });
  response.catch(function () {}); // unreachable: the tRPC client sees the same failure when it takes it
  window.__olaresEarly = { url: url, response: response, at: Date.now() };

  response
    .then(function (r) {
      return r.ok ? r.clone().json() : null;
    })
    .then(function (batch) {
      var layout = batch && batch[0] && batch[0].result && batch[0].result.data && batch[0].result.data.layout;
      var w = layout && layout.wallpaper;
      if (!w || !/^[\w-]+$/.test(String(w.id))) return;
      // Kept by the HTTP cache (and the service worker's wallpaper cache): the desktop's background uses it.
      new Image().src = w.kind === 'builtin' ? '/wallpapers/' + w.id + '.jpg' : '/api/wallpapers/' + w.id;
    })
    .catch(function () {});

  try {
    localStorage.getItem('olares.locale');
  } catch (_e) {
    // storage blocked: the shell copes, it only pays this cost later
  }
})();
