// `npm run create-owner -- --name …` and `npm run create-user -- --name … --role …`: accounts made from the console.
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline/promises';
import { z } from 'zod';
import { AuthService } from '../auth/auth.service';
import { RegulationService } from '../auth/regulation.service';
import { newPassword, userName, displayName as displayNameSchema } from '../auth/schemas';
import { SessionsService } from '../auth/sessions.service';
import { UsersService } from '../auth/users.service';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { createLogger } from '../log/logger';
import { EventBus } from '../realtime/bus';

const USAGE = `Usage:
  npm run create-owner -- --name NAME [--display-name TEXT] [--password-stdin]
  npm run create-user  -- --name NAME --role admin|member [--display-name TEXT] [--password-stdin]

The password is asked for on the terminal, or read from the first line of standard input with
--password-stdin. DATABASE_URL and DATA_DIR select the database, as for npm start.`;

class UsageError extends Error {}
/** A refusal that is not about how the command was typed. */
class RefusedError extends Error {}

async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin || !process.stdin.isTTY) {
    let text = '';
    for await (const chunk of process.stdin) text += String(chunk);
    return text.split(/\r?\n/)[0] ?? '';
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  // Hide what is typed: readline echoes through _writeToOutput.
  const out = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WriteStream };
  let muted = false;
  out._writeToOutput = (s: string) => {
    if (!muted || s.includes('\n')) out.output.write(muted ? '\n' : s);
  };
  const ask = async (q: string) => {
    muted = false;
    process.stdout.write(q);
    muted = true;
    return rl.question('');
  };
  const first = await ask('Password: ');
  const second = await ask('Repeat the password: ');
  rl.close();
  if (first !== second) throw new UsageError('the passwords do not match');
  return first;
}

function parse(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      name: { type: 'string' },
      role: { type: 'string' },
      'display-name': { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const parsed = z
    .object({ name: userName, role: z.enum(['owner', 'admin', 'member'], 'use --role owner, admin or member'), displayName: displayNameSchema })
    .safeParse({ name: values.name ?? '', role: values.role, displayName: values['display-name'] ?? '' });
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `--${String(i.path[0] ?? '').replace('displayName', 'display-name')}: ${i.message}`).join('\n'));
  return { ...parsed.data, passwordStdin: values['password-stdin'] };
}

async function main() {
  const args = parse(process.argv.slice(2));
  const password = await readPassword(args.passwordStdin);
  const checked = newPassword.safeParse(password);
  if (!checked.success) throw new UsageError(`password: ${checked.error.issues[0]?.message}`);

  const config = loadConfig();
  const log = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log, shareRunning: true });
  try {
    if (args.role === 'owner') {
      const sessions = new SessionsService(db.pool, { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs }, new EventBus());
      const auth = new AuthService(db.pool, sessions, new RegulationService(db.pool, { maxFailures: 1, banMs: 1 }));
      if (!(await auth.setupRequired())) throw new RefusedError('an owner already exists; use npm run create-user for more accounts');
      const { user, issued } = await auth.setupOwner({ name: args.name, displayName: args.displayName, password }, { ip: 'console', userAgent: 'create-user' });
      // The console needs no browser session.
      await sessions.revoke(issued.session);
      console.log(`Created the owner "${user.name}". Sign in at ${config.publicOrigin}`);
    } else {
      const user = await new UsersService(db.pool).create({ name: args.name, displayName: args.displayName, password, role: args.role }, null);
      console.log(`Created the ${user.role} "${user.name}".`);
    }
  } finally {
    await db.close();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    console.error(`create-user: ${message}`);
    if (err instanceof UsageError) console.error(`\n${USAGE}`);
    process.exit(err instanceof UsageError ? 2 : err instanceof RefusedError ? 3 : 1);
  },
);
