// The console tools create the owner and other accounts, with clear refusals.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testServers, type TestDatabase } from '../testing/databases';

const script = path.join(import.meta.dirname, 'create-user.ts');

function cli(args: string[], stdin: string, env: Record<string, string>): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    child.stdin.end(stdin);
    child.on('exit', (code) => resolve({ code: code ?? 1, out }));
  });
}

describe('create-owner and create-user', () => {
  let db: TestDatabase;
  let env: Record<string, string>;
  beforeAll(async () => {
    db = await createTestDatabase(testServers()[0]!);
    env = { DATABASE_URL: db.url, LOG_LEVEL: 'silent' };
  });
  afterAll(() => db.drop());

  it('creates the owner once, then refuses a second owner', async () => {
    const first = await cli(['--role', 'owner', '--name', 'olive', '--display-name', 'Olive', '--password-stdin'], 'olive-password\n', env);
    expect(first.out).toContain('Created the owner "olive"');
    expect(first.code).toBe(0);
    const { rows } = await db.pool.query(`SELECT name, display_name, role FROM users`);
    expect(rows).toEqual([{ name: 'olive', display_name: 'Olive', role: 'owner' }]);
    const second = await cli(['--role', 'owner', '--name', 'oscar', '--password-stdin'], 'oscar-password\n', env);
    expect(second.code).toBe(3);
    expect(second.out).toContain('an owner already exists');
  });

  it('creates members and admins, and refuses a taken name', async () => {
    expect((await cli(['--role', 'admin', '--name', 'ada'], 'ada-password\n', env)).code).toBe(0);
    const taken = await cli(['--role', 'member', '--name', 'ada'], 'ada-password\n', env);
    expect(taken.code).toBe(1);
    expect(taken.out).toContain('The name "ada" is already taken.');
  });

  it('explains bad arguments and short passwords', async () => {
    const badName = await cli(['--role', 'member', '--name', 'Not OK'], 'long-enough\n', env);
    expect(badName.code).toBe(2);
    expect(badName.out).toContain('--name: use 2–32 lowercase letters');
    expect(badName.out).toContain('Usage:');
    const badRole = await cli(['--role', 'king', '--name', 'kim'], 'long-enough\n', env);
    expect(badRole.out).toContain('--role: use --role owner, admin or member');
    const short = await cli(['--role', 'member', '--name', 'sam'], 'short\n', env);
    expect(short.code).toBe(2);
    expect(short.out).toContain('password: use at least 8 characters');
  });
});
