// A Vite plugin: each Material icon becomes a module of its own, so that a chunk carries only the icons it uses. The icon set is one module of 2,000 exports; Rolldown keeps every export that any chunk imports and puts the module in the chunk that loads first — the shell's start-up chunk got every app's icons (40 KB).
import type { Plugin } from 'vite';

const SET = '@quasar/extras/material-icons';
const VIRTUAL = 'virtual:mat-icon/';
const RESOLVED = '\0mat-icon:';
const IMPORT = /import\s*\{([^}]*)\}\s*from\s*['"]@quasar\/extras\/material-icons['"]\s*;?/g;

/** `import { matA, matB as b } from SET` → one default import per icon, from its own module; anything else is left as it is. */
export function rewriteIconImports(code: string): string | null {
  if (!code.includes(SET)) return null;
  let changed = false;
  const out = code.replace(IMPORT, (statement: string, names: string) => {
    changed = true;
    return names
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean)
      .map((n) => {
        const [name, alias] = n.split(/\s+as\s+/).map((x) => x.trim());
        if (!name || !/^\w+$/.test(name) || (alias !== undefined && !/^\w+$/.test(alias))) throw new Error(`icon-modules: cannot read the import "${n}"`);
        return `import ${alias ?? name} from '${VIRTUAL}${name}';`;
      })
      // On one line, and each import keeps its line count: the lines after it (and their source maps) stay where they were.
      .join(' ')
      .concat('\n'.repeat(statement.split('\n').length - 1));
  });
  return changed ? out : null;
}

export function iconModules(): Plugin {
  let icons: Record<string, unknown> | null = null;
  return {
    name: 'olares-icon-modules',
    enforce: 'post',
    transform(code, id) {
      if (id.includes('/node_modules/') || !/\.(vue|ts|js|mjs)(\?|$)/.test(id)) return null;
      const out = rewriteIconImports(code);
      return out === null ? null : { code: out, map: null };
    },
    resolveId(id) {
      return id.startsWith(VIRTUAL) ? RESOLVED + id.slice(VIRTUAL.length) : null;
    },
    async load(id) {
      if (!id.startsWith(RESOLVED)) return null;
      const name = id.slice(RESOLVED.length);
      icons ??= (await import(SET)) as Record<string, unknown>;
      const svg = icons[name];
      if (typeof svg !== 'string') this.error(`${name} is not an icon of ${SET}`);
      return `export default ${JSON.stringify(svg)};`;
    },
  };
}
