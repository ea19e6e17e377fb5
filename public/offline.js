// The offline page's script (offline.html; kept out of the page because the CSP forbids inline scripts):
// speaks the desktop's language (the saved choice, else the browser's) and retries on "Try again".
(function () {
  'use strict';
  var strings = {
    'en-US': {
      pageTitle: 'Server unreachable · Olares Desktop',
      title: 'The server is unreachable',
      body: 'Olares Desktop cannot reach your server. Check your connection, or wait until the server is back, and try again.',
      retry: 'Try again',
    },
    'zh-CN': {
      pageTitle: '无法连接服务器 · Olares 桌面',
      title: '无法连接服务器',
      body: 'Olares 桌面无法连接到你的服务器。请检查网络连接，或等服务器恢复后重试。',
      retry: '重试',
    },
  };

  function pickLocale() {
    var saved = null;
    try {
      saved = window.localStorage.getItem('olares.locale');
    } catch (_err) {
      // storage may be disabled; fall back to the browser's language
    }
    if (saved && Object.prototype.hasOwnProperty.call(strings, saved)) return saved;
    var language = (navigator.language || '').toLowerCase();
    return language.indexOf('zh') === 0 ? 'zh-CN' : 'en-US';
  }

  var locale = pickLocale();
  var t = strings[locale];
  document.documentElement.lang = locale;
  document.title = t.pageTitle;
  var nodes = document.querySelectorAll('[data-i18n]');
  for (var i = 0; i < nodes.length; i++) {
    var key = nodes[i].getAttribute('data-i18n');
    if (key && t[key]) nodes[i].textContent = t[key];
  }
  document.getElementById('offline-retry').addEventListener('click', function () {
    window.location.reload();
  });
})();
