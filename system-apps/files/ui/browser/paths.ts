// Virtual path arithmetic for the browser (parent, name, root, breadcrumbs); the server re-checks every path.

/** `/Home/a/b` → `/Home/a`; a root (`/Home`) is its own parent. */
export function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? path : path.slice(0, i);
}

/** `/Home/a/b.txt` → `b.txt`; `/Home` → `Home`. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function joinPath(folder: string, name: string): string {
  return folder.endsWith('/') ? folder + name : `${folder}/${name}`;
}

/** The root's name, the first segment (`Home`). */
export function rootOf(path: string): string {
  return path.split('/').filter(Boolean)[0] ?? '';
}

export function isRoot(path: string): boolean {
  return path.split('/').filter(Boolean).length <= 1;
}

/** `child` is `folder` or below it (never a sibling with the same prefix: `/Home2` is not inside `/Home`). */
export function isInside(child: string, folder: string): boolean {
  return child === folder || child.startsWith(folder.endsWith('/') ? folder : `${folder}/`);
}

/** `/Home/a/b` → `[{Home,/Home},{a,/Home/a},{b,/Home/a/b}]`. */
export function crumbs(path: string): { name: string; path: string }[] {
  const parts = path.split('/').filter(Boolean);
  return parts.map((name, i) => ({ name, path: `/${parts.slice(0, i + 1).join('/')}` }));
}

/** The extension in lower case without the dot (`''` for none, and for dot files like `.bashrc`). */
export function extensionOf(name: string): string {
  const i = name.lastIndexOf('.');
  return i > 0 ? name.slice(i + 1).toLowerCase() : '';
}
