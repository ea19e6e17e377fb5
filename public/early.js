// Starts the desktop's first request (its saved layout and the sign-in status, one batch) while the shell's
// JavaScript is still loading; frontend/boot/early.ts hands the answer to the tRPC client when it asks for
// exactly this URL (a unit test keeps the two in step). Anything else, or no answer, and it asks itself.
(function () {
  if (location.pathname !== '/' || !window.fetch) return;
  var url = '/trpc/desktop.layout.get,auth.status?batch=1&input=%7B%7D';
  var response = fetch(url, { credentials: 'same-origin', headers: { 'x-olares-request': '1' } });
  response.catch(function () {}); // unreachable: the tRPC client sees the same failure when it takes it
  window.__olaresEarly = { url: url, response: response, at: Date.now() };
})();
