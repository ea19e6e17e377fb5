// The `Link` preloads of the built index.html's own scripts and style sheets, sent with the page itself.
import { readBuiltPage } from './built-page';

/**
 * `<url>; rel=…` for each module script, module preload and style sheet the HTML loads from its own origin,
 * in the page's order. The browser starts these when it receives the response's headers, before it has
 * parsed (or even committed) the page, instead of when its parser or preload scanner gets to the tags.
 */
export function pagePreloads(html: string): string[] {
  const links: string[] = [];
  for (const [tag] of html.matchAll(/<(script|link)\b[^>]*>/gi)) {
    const attr = (name: string) => new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`, 'i').exec(tag)?.[1];
    const url = tag.startsWith('<script') ? attr('src') : attr('href');
    if (!url || !/^\/(?!\/)[^\s<>;,]*$/.test(url)) continue; // own origin only, and nothing a header could choke on
    const cors = attr('crossorigin') !== undefined || /\scrossorigin(\s|>|\/)/i.test(tag) ? '; crossorigin' : '';
    if (tag.startsWith('<script') && attr('type') === 'module') links.push(`<${url}>; rel=modulepreload${cors}`);
    else if (tag.startsWith('<link') && attr('rel') === 'modulepreload') links.push(`<${url}>; rel=modulepreload${cors}`);
    else if (tag.startsWith('<link') && attr('rel') === 'stylesheet') links.push(`<${url}>; rel=preload; as=style${cors}`);
  }
  return links;
}

/** The same for `<staticDir>/index.html`; none when there is no build. */
export function builtPagePreloads(staticDir: string): string[] {
  return pagePreloads(readBuiltPage(staticDir));
}
