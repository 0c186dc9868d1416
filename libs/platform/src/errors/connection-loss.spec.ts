import { QueryFailedError } from 'typeorm';
import { isConnectionLoss } from './connection-loss';
import { toProblem } from './problem.filter';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });
const queryFailed = (driverError: Error) => new QueryFailedError('SELECT 1', [], driverError);

describe('connection loss', () => {
  it.each([
    ['terminated by pg_terminate_backend (57P01)', queryFailed(pgError('57P01'))],
    ['the server crashed (57P02)', queryFailed(pgError('57P02'))],
    ['the server is starting (57P03)', pgError('57P03')],
    ['a connection exception (08006)', queryFailed(pgError('08006'))],
    ['no connection (08003)', pgError('08003')],
    ['too many connections (53300)', pgError('53300')],
    ['refused', pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a dead client', queryFailed(new Error('Connection terminated unexpectedly'))],
    ['an unusable client', new Error('Client has encountered a connection error and is not queryable')],
    ['a pool timeout', new Error('timeout exceeded when trying to connect')],
    ['a released pool', new Error('Cannot use a pool after calling end on the pool')],
    [
      'a released query runner',
      Object.assign(new Error('released'), { name: 'QueryRunnerAlreadyReleasedError' }),
    ],
    [
      "a transaction's connection released under it (TypeORM 1)",
      Object.assign(new Error('released'), { name: 'QueryRunnerProviderAlreadyReleasedError' }),
    ],
    ['a wrapped cause', new Error('outer', { cause: pgError('08001') })],
  ])('answers 503 for %s', (_label, error) => {
    expect(isConnectionLoss(error)).toBe(true);
    expect(toProblem(error).status).toBe(503);
  });

  it.each([
    ['a unique violation', queryFailed(pgError('23505'))],
    ['a syntax error in our SQL', queryFailed(pgError('42601'))],
    ['a plain bug', new TypeError('undefined is not a function')],
    ['a string', 'boom'],
    ['null', null],
  ])('does not for %s', (_label, error) => {
    expect(isConnectionLoss(error)).toBe(false);
    expect(toProblem(error).status).not.toBe(503);
  });
});
