// sanitizeHtml: scripts, styles, frames, forms, handlers and javascript: URLs gone; links absolute and safe; trackers dropped; images proxied.
import { describe, expect, it } from 'vitest';
import { isTrackerUrl, sanitizeHtml } from './sanitize';

const proxyImage = (u: string) => `/api/wise/img?u=${encodeURIComponent(u)}`;
const clean = (html: string, base = 'https://blog.example/posts/1') => sanitizeHtml(html, base, { proxyImage });

describe('sanitizeHtml', () => {
  it('removes scripts, styles, frames, forms, event handlers and javascript: URLs', () => {
    const r = clean(
      '<p onclick="steal()" style="color:red" class="x" id="y">Hi<script>alert(1)</script><style>p{}</style></p>' +
        '<iframe src="https://evil.example/"></iframe><form action="/x"><input name="q"><button>Go</button></form>' +
        '<a href="javascript:alert(1)">bad</a><img src="x.png" onerror="alert(2)"><svg><script>alert(3)</script></svg>' +
        '<object data="x.swf"></object><embed src="x.swf"><meta http-equiv="refresh" content="0;url=https://evil.example/"><base href="https://evil.example/">',
    );
    expect(r.html).toBe(
      // A removed element's text stays (the button's label); its markup does not.
      '<p>Hi</p>Go<a>bad</a><img src="/api/wise/img?u=https%3A%2F%2Fblog.example%2Fposts%2Fx.png" loading="lazy" decoding="async" referrerpolicy="no-referrer">',
    );
    expect(r.text).toBe('Hi Gobad');
  });

  it('makes links absolute and opens them in a new tab without opener or referrer', () => {
    const r = clean('<p><a href="/about">About</a> <a href="other">Other</a> <a href="https://x.example/?a=1&amp;b=2">X</a> <a href="mailto:me@example.com">Mail</a> <a href="#top">Top</a></p>');
    expect(r.html).toBe(
      '<p><a href="https://blog.example/about" target="_blank" rel="noopener noreferrer">About</a> ' +
        '<a href="https://blog.example/posts/other" target="_blank" rel="noopener noreferrer">Other</a> ' +
        '<a href="https://x.example/?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">X</a> ' +
        '<a href="mailto:me@example.com" target="_blank" rel="noopener noreferrer">Mail</a> ' +
        '<a href="https://blog.example/posts/1#top" target="_blank" rel="noopener noreferrer">Top</a></p>',
    );
  });

  it('drops tracking pixels: 1×1 images and known tracker hosts', () => {
    const r = clean(
      '<p>Story</p><img src="https://feeds.feedburner.com/~r/Blog/~4/abc123" height="1" width="1" alt="">' +
        '<img src="https://pixel.wp.com/b.gif?host=x">' +
        '<img src="https://stats.example/count.gif" width="1" height="1">' +
        '<img src="https://medium.com/_/stat?event=post.clientViewed&postId=1" width="1" height="1">' +
        '<a href="https://feeds.feedburner.com/~ff/Blog?a=xyz"><img src="https://feeds.feedburner.com/~ff/Blog?d=yIl2AUoC8zA"></a>' +
        '<img src="https://cdn.example/photo.jpg" width="640" height="480" alt="Photo">',
    );
    expect(r.html).toBe(
      '<p>Story</p><img src="/api/wise/img?u=https%3A%2F%2Fcdn.example%2Fphoto.jpg" width="640" height="480" alt="Photo" loading="lazy" decoding="async" referrerpolicy="no-referrer">',
    );
    expect(r.firstImage).toBe('https://cdn.example/photo.jpg');
  });

  it('proxies images and srcset, resolving relative URLs; firstImage is the original absolute URL', () => {
    const r = clean('<figure><img src="/a.jpg" srcset="/a-1x.jpg 1x, https://cdn.example/a-2x.jpg 2x"><figcaption>Cap</figcaption></figure><img src="b.png">');
    expect(r.firstImage).toBe('https://blog.example/a.jpg');
    expect(r.html).toContain('src="/api/wise/img?u=https%3A%2F%2Fblog.example%2Fa.jpg"');
    expect(r.html).toContain('srcset="/api/wise/img?u=https%3A%2F%2Fblog.example%2Fa-1x.jpg 1x, /api/wise/img?u=https%3A%2F%2Fcdn.example%2Fa-2x.jpg 2x"');
    expect(r.html).toContain('src="/api/wise/img?u=https%3A%2F%2Fblog.example%2Fposts%2Fb.png"');
    expect(r.text).toBe('Cap');
  });

  it('moves lazy-loaded data-src into src', () => {
    const r = clean('<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="/real.jpg">');
    expect(r.html).toBe('<img src="/api/wise/img?u=https%3A%2F%2Fblog.example%2Freal.jpg" loading="lazy" decoding="async" referrerpolicy="no-referrer">');
    expect(r.firstImage).toBe('https://blog.example/real.jpg');
  });

  it('keeps audio and video playable but quiet until asked', () => {
    const r = clean('<video src="/v.mp4" poster="/p.jpg" autoplay></video>');
    expect(r.html).toBe('<video src="https://blog.example/v.mp4" poster="/api/wise/img?u=https%3A%2F%2Fblog.example%2Fp.jpg" preload="none" controls=""></video>');
  });

  it('extracts whitespace-normalised text with blocks apart', () => {
    const r = clean('<h2>Title</h2><p>First   line<br>second</p><ul><li>one</li><li>two</li></ul><p>a&nbsp;&amp;&nbsp;b</p>');
    expect(r.text).toBe('Title First line second one two a\u00a0&\u00a0b'.replace(/\u00a0/g, ' '));
  });

  it('escapes plain text and keeps its paragraphs', () => {
    expect(clean('Line one\nline two\n\nNext para')).toEqual({ html: '<p>Line one<br>line two</p><p>Next para</p>', text: 'Line one line two Next para', firstImage: null });
    expect(clean('')).toEqual({ html: '', text: '', firstImage: null });
  });

  it('passes simple markup through unchanged', () => {
    expect(clean('<p>Body of <b>episode</b> 7 &amp; more</p>')).toEqual({ html: '<p>Body of <b>episode</b> 7 &amp; more</p>', text: 'Body of episode 7 & more', firstImage: null });
  });

  it('knows tracker URLs', () => {
    expect(isTrackerUrl('http://feeds.feedburner.com/~r/JN-ULTIMAS/~4/UBnb8Ra3Q1U')).toBe(true);
    expect(isTrackerUrl('https://pixel.wp.com/g.gif')).toBe(true);
    expect(isTrackerUrl('https://www.google-analytics.com/collect?v=1')).toBe(true);
    expect(isTrackerUrl('https://cdn.example/image.jpg')).toBe(false);
  });
});
