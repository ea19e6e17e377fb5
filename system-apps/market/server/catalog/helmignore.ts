// .helmignore: the files a chart leaves out of its package — the common subset of Helm's rules (globs, dir/, !negation).

/** A matcher built from a .helmignore text; paths are chart-relative with "/" separators. */
export function helmIgnore(text: string | undefined): (rel: string, isDir: boolean) => boolean {
  const rules = (text ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((line) => {
      const negate = line.startsWith('!');
      let pattern = negate ? line.slice(1) : line;
      const dirOnly = pattern.endsWith('/');
      if (dirOnly) pattern = pattern.slice(0, -1);
      const anchored = pattern.includes('/');
      pattern = pattern.replace(/^\//, '');
      return { negate, dirOnly, anchored, re: globToRegExp(pattern) };
    });
  return (rel, isDir) => {
    if (rel === '.git' || rel.startsWith('.git/') || rel.endsWith('.DS_Store')) return true;
    let ignored = false;
    const base = rel.slice(rel.lastIndexOf('/') + 1);
    for (const r of rules) {
      if (r.dirOnly && !isDir) continue;
      if (r.re.test(r.anchored ? rel : base)) ignored = !r.negate;
    }
    return ignored;
  };
}

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] ?? '';
    if (c === '*') re += glob[i + 1] === '*' ? ((i += 1), '.*') : '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i);
      if (end === -1) re += '\\[';
      else {
        re += `[${glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}
