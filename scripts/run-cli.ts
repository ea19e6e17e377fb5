// Runs a command-line script's main() when its file is the one executed (not when a test imports it), with one exit-code convention.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** `main` answers the exit code; a crash prints `<name>: <stack>` and exits 2. */
export function runWhenMain(moduleUrl: string, name: string, main: (argv: string[]) => Promise<number>): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(path.resolve(process.argv[1])).href) return;
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`${name}: ${(err as Error).stack ?? String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
