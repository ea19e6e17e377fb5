// The icon imports rewritten one module per icon (aliases and multi-line lists included), other imports untouched, and each module holding its icon.
import { describe, expect, it } from 'vitest';
import * as mat from '@quasar/extras/material-icons';
import { iconModules, rewriteIconImports } from './icon-modules';

describe('rewriteIconImports', () => {
  it('gives every imported icon its own module and keeps its local name', () => {
    const code = `import { ref } from 'vue';\nimport {\n  matApps,\n  matClose as close,\n} from '@quasar/extras/material-icons';\nconst x = [matApps, close];`;
    expect(rewriteIconImports(code)).toBe(`import { ref } from 'vue';\nimport matApps from 'virtual:mat-icon/matApps'; import close from 'virtual:mat-icon/matClose';\n\n\n\nconst x = [matApps, close];`);
    expect(rewriteIconImports(code)!.split('\n')).toHaveLength(code.split('\n').length);
  });

  it('leaves code without icon imports alone, and refuses an import it cannot read', () => {
    expect(rewriteIconImports(`import { ref } from 'vue';`)).toBeNull();
    expect(() => rewriteIconImports(`import { matApps as } from '@quasar/extras/material-icons';`)).toThrow(/cannot read/);
  });
});

describe('the modules', () => {
  it('each exports its icon, and an unknown name is a build error', async () => {
    const plugin = iconModules();
    const resolve = plugin.resolveId as (id: string) => string | null;
    const load = plugin.load as (this: { error(m: string): never }, id: string) => Promise<string | null>;
    const ctx = { error: (m: string): never => { throw new Error(m); } };
    const id = resolve('virtual:mat-icon/matLock');
    expect(id).toBe('\0mat-icon:matLock');
    expect(await load.call(ctx, id!)).toBe(`export default ${JSON.stringify(mat.matLock)};`);
    await expect(load.call(ctx, resolve('virtual:mat-icon/matNoSuchIcon')!)).rejects.toThrow(/matNoSuchIcon is not an icon/);
    expect(resolve('vue')).toBeNull();
  });
});
