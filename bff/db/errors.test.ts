// Which failures mean "the database is unreachable".
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './errors';

describe('isDatabaseUnavailable', () => {
  it.each([
    [{ code: 'ECONNREFUSED' }, true],
    [{ code: '57P01', message: 'terminating connection due to administrator command' }, true],
    [{ code: '08006' }, true],
    [new Error('Connection terminated unexpectedly'), true],
    [new Error('timeout exceeded when trying to connect'), true],
    [Object.assign(new Error('x'), { errors: [{ code: 'ECONNREFUSED' }] }), true],
    [{ code: '23505', message: 'duplicate key' }, false],
    [{ code: '42P01', message: 'relation does not exist' }, false],
    [new Error('something else'), false],
    [undefined, false],
  ])('%o → %s', (err, expected) => {
    expect(isDatabaseUnavailable(err)).toBe(expected);
  });
});
