// Lint rule that keeps the rooms apart (DESIGN.md §1): what an app's ui/ and server/, and the shell, may import.
import path from 'node:path';

/**
 * Which room a linted file sits in, from its path relative to the repo root.
 * @typedef {{ kind: 'ui' | 'server', app: string } | { kind: 'frontend' } | null} Room
 */

/**
 * One import-like reference found in the source.
 * @typedef {{ node: import('estree').Node, source: string, typeOnly: boolean }} Reference
 */

/** The files of system-apps/ that the shell may import: only the list of manifests. */
const SHELL_MAY_IMPORT_FROM_APPS = new Set(['system-apps', 'system-apps/index', 'system-apps/index.ts', 'system-apps/index.js']);

/** The one bff/ module the shell may see, and only as types. */
const SHELL_MAY_TYPE_IMPORT_FROM_BFF = new Set(['bff/trpc/app-router', 'bff/trpc/app-router.ts', 'bff/trpc/app-router.js']);

/**
 * True when a repo-relative path (from path.relative) leaves the repo.
 * @param {string} rel
 */
const isOutside = (rel) => rel === '..' || rel.startsWith('../') || path.isAbsolute(rel);

/** @param {string} p */
const toPosix = (p) => p.split(path.sep).join('/');

/**
 * True when `rel` is `dir` itself or a path under it (both repo-relative, posix).
 * @param {string} rel
 * @param {string} dir
 */
const isWithin = (rel, dir) => rel === dir || rel.startsWith(`${dir}/`);

/**
 * @param {string} rel the linted file, relative to the repo root
 * @returns {Room}
 */
function roomOf(rel) {
  const app = /^system-apps\/([^/]+)\/(ui|server)\//.exec(rel);
  if (app) return { kind: /** @type {'ui' | 'server'} */ (app[2]), app: /** @type {string} */ (app[1]) };
  if (rel.startsWith('frontend/') && !rel.startsWith('frontend/sdk/')) return { kind: 'frontend' };
  return null;
}

/**
 * Repo-relative target of a relative or absolute specifier; null for a bare package name or a path
 * outside the repo (those are not rooms of this repo). An absolute specifier that is not inside the
 * repo on disk is read as root-relative, the way Vite serves `/frontend/...`.
 * @param {string} specifier
 * @param {string} fromDir absolute directory of the importing file
 * @param {string} root absolute repo root
 * @returns {string | null}
 */
function resolveTarget(specifier, fromDir, root) {
  const bare = specifier.replace(/[?#].*$/, '');
  let abs;
  if (bare.startsWith('.')) abs = path.resolve(fromDir, bare);
  else if (bare.startsWith('/')) {
    abs = path.resolve(bare);
    if (isOutside(toPosix(path.relative(root, abs)))) abs = path.resolve(root, `.${bare}`);
  } else return null;
  const rel = toPosix(path.relative(root, abs));
  if (isOutside(rel)) return null;
  return rel === '' ? '.' : rel;
}

/**
 * True when an import/export declaration brings in types only (`import type`, `export type`, or every
 * specifier marked `type`). A side-effect import (`import './x'`) is a value import.
 * @param {any} node
 */
function isTypeOnlyDeclaration(node) {
  if (node.importKind === 'type' || node.exportKind === 'type') return true;
  const specifiers = node.specifiers ?? [];
  if (specifiers.length === 0) return false;
  return specifiers.every((/** @type {any} */ s) => s.importKind === 'type' || s.exportKind === 'type');
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: {
      description:
        "Keep the rooms apart: an app's ui/ imports only its own app and frontend/sdk, its server/ only its own app and bff/, and the shell never reaches into apps or bff/ values.",
    },
    schema: [
      {
        type: 'object',
        properties: { root: { type: 'string', description: 'Repo root (absolute); defaults to the ESLint cwd.' } },
        additionalProperties: false,
      },
    ],
    messages: {
      uiOutside:
        "'{{source}}' resolves to '{{target}}'. A file in system-apps/{{app}}/ui/ may import only its own app (system-apps/{{app}}/), the shell SDK (frontend/sdk/) and packages; reach other apps and the shell through frontend/sdk.",
      uiServerValue:
        "'{{source}}' is a value import from system-apps/{{app}}/server/. The UI may only `import type` from its own server/; call it at run time through tRPC via frontend/sdk.",
      serverOutside:
        "'{{source}}' resolves to '{{target}}'. A file in system-apps/{{app}}/server/ may import only its own app (system-apps/{{app}}/), the platform surface (bff/) and packages; apps talk to each other only through tRPC calls from the UI or through events.",
      frontendApp:
        "'{{source}}' resolves to '{{target}}'. The shell may not reach into system-apps/ directly; it imports only system-apps/index.ts (the list of manifests).",
      frontendBff:
        "'{{source}}' resolves to '{{target}}'. The shell sees the server only as `import type { AppRouter }` from bff/trpc/app-router; no value imports from bff/ and no other bff/ module.",
    },
  },

  create(context) {
    const options = /** @type {{ root?: string } | undefined} */ (context.options[0]);
    const root = path.resolve(options?.root ?? context.cwd);
    const filename = path.resolve(context.filename);
    const fileRel = toPosix(path.relative(root, filename));
    const room = roomOf(fileRel);
    if (!room) return {};
    const fromDir = path.dirname(filename);

    /** @param {Reference} ref */
    function check({ node, source, typeOnly }) {
      const target = resolveTarget(source, fromDir, root);
      if (target === null || room === null) return;
      if (room.kind === 'ui') {
        const own = `system-apps/${room.app}`;
        if (isWithin(target, `${own}/server`)) {
          if (!typeOnly) context.report({ node, messageId: 'uiServerValue', data: { source, app: room.app } });
          return;
        }
        if (isWithin(target, own) || isWithin(target, 'frontend/sdk')) return;
        context.report({ node, messageId: 'uiOutside', data: { source, target, app: room.app } });
      } else if (room.kind === 'server') {
        if (isWithin(target, `system-apps/${room.app}`) || isWithin(target, 'bff')) return;
        context.report({ node, messageId: 'serverOutside', data: { source, target, app: room.app } });
      } else {
        if (isWithin(target, 'system-apps') && !SHELL_MAY_IMPORT_FROM_APPS.has(target)) {
          context.report({ node, messageId: 'frontendApp', data: { source, target } });
        } else if (isWithin(target, 'bff') && !(typeOnly && SHELL_MAY_TYPE_IMPORT_FROM_BFF.has(target))) {
          context.report({ node, messageId: 'frontendBff', data: { source, target } });
        }
      }
    }

    /** @param {any} node */
    function fromDeclaration(node) {
      if (node.source && typeof node.source.value === 'string') {
        check({ node: node.source, source: node.source.value, typeOnly: isTypeOnlyDeclaration(node) });
      }
    }

    return {
      ImportDeclaration: fromDeclaration,
      ExportNamedDeclaration: fromDeclaration,
      ExportAllDeclaration: fromDeclaration,
      ImportExpression(node) {
        const src = /** @type {any} */ (node.source);
        if (src.type === 'Literal' && typeof src.value === 'string') {
          check({ node: src, source: src.value, typeOnly: false });
        } else if (src.type === 'TemplateLiteral' && src.expressions.length === 0) {
          check({ node: src, source: src.quasis[0].value.cooked, typeOnly: false });
        }
      },
      // `type X = import('../server/x').Y` in TypeScript: a type-only reference.
      /** @param {any} node */
      TSImportType(node) {
        // typescript-eslint >= 8.x exposes `source`; older versions only `argument` (a TSLiteralType).
        const lit = 'source' in node ? node.source : node.argument?.literal;
        if (lit?.type === 'Literal' && typeof lit.value === 'string') {
          check({ node: lit, source: lit.value, typeOnly: true });
        }
      },
    };
  },
};

export default rule;
