import { csv, table } from './api-command';
import { CliContext, connectionOf, EXIT, failureOf } from './cli-context';

/** Issue 5 item 8: the exit codes the CLI promises (README "CLI"), and its table and CSV output. */
describe('the CLI exit codes and output', () => {
  const error = (status: number, code = 'SOME_CODE') => ({ status, body: { error: { code, message: 'A sentence for people.' } } });

  it.each([
    [400, EXIT.usage],
    [404, EXIT.usage],
    [422, EXIT.usage],
    [401, EXIT.unreachable],
    [403, EXIT.unreachable],
    [503, EXIT.unreachable],
    [500, EXIT.failed],
  ])('an API answer %i exits %i, with the API sentence and code', (status, exitCode) => {
    const failure = failureOf(error(status), 'POST /reports');
    expect(failure.exitCode).toBe(exitCode);
    expect(failure.message).toBe(`POST /reports: A sentence for people. (${status} SOME_CODE)`);
  });

  it('takes the flags over the environment, then a token, then the admin of the environment; none is bad usage', () => {
    const context = (env: Record<string, string>) => new CliContext({ stdout: process.stdout, stderr: process.stderr, env });
    const admin = { RECERT_ADMIN_EMAIL: 'a@x.org', RECERT_ADMIN_PASSWORD: 'secret password' };
    expect(connectionOf(context({ ...admin, RECERT_TOKEN: 't' }), { email: 'b@x.org', password: 'p', url: 'http://api' })).toEqual({ url: 'http://api', email: 'b@x.org', password: 'p' });
    expect(connectionOf(context({ ...admin, RECERT_TOKEN: 't', RECERT_URL: 'http://env' }), {})).toEqual({ url: 'http://env', token: 't' });
    expect(connectionOf(context(admin), {})).toEqual({ url: 'http://localhost:3000', email: 'a@x.org', password: 'secret password' });
    expect(() => connectionOf(context({}), {})).toThrow(expect.objectContaining({ exitCode: EXIT.usage }));
    expect(() => connectionOf(context(admin), { email: 'b@x.org' })).toThrow('Give --email and --password together.');
  });

  it('pads tables and quotes CSV cells that need it', () => {
    expect(table([['row', 'code'], [12, 'A'], [3, null]])).toEqual(['row  code', '12   A', '3']);
    expect(csv([['a', 'b'], ['x,y', 'say "hi"'], [null, 1]])).toBe('a,b\r\n"x,y","say ""hi"""\r\n,1\r\n');
  });
});
