// The path for "Save mine as a copy": `name (copy).ext`, then `name (copy 2).ext`… beside the original (pure).

/** `/Home/a/notes.md`, attempt 1 → `/Home/a/notes (copy).md`; attempt 2 → `notes (copy 2).md`. Dotfiles keep their dot: `.env` → `.env (copy)`. */
export function copyPath(path: string, attempt = 1): string {
  const slash = path.lastIndexOf('/');
  const dir = path.slice(0, slash);
  const name = path.slice(slash + 1);
  const dot = name.lastIndexOf('.');
  const hasExt = dot > 0 && dot < name.length - 1;
  const base = hasExt ? name.slice(0, dot) : name;
  const ext = hasExt ? name.slice(dot) : '';
  const tag = attempt <= 1 ? ' (copy)' : ` (copy ${attempt})`;
  return `${dir}/${base}${tag}${ext}`;
}
