import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiProblem, query, rememberCsrfToken } from './api.ts';

type Call = { url: string; init: RequestInit };

function stubFetch(res: () => Response): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => { calls.push({ url, init }); return res(); });
  return calls;
}

const json = (body: unknown, status = 200, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

afterEach(() => vi.unstubAllGlobals());

describe('api transport', () => {
  it('sends reads same-origin without a CSRF header', async () => {
    const calls = stubFetch(() => json({ items: [] }));
    await api.unitRoots();
    expect(calls[0].url).toBe('/api/units/roots');
    expect(calls[0].init.credentials).toBe('same-origin');
    expect((calls[0].init.headers as Record<string, string>)['x-csrf-token']).toBeUndefined();
  });

  it('sends writes with the CSRF token and a JSON body', async () => {
    rememberCsrfToken('tok-1');
    const calls = stubFetch(() => json({ id: 1, name: 'n', token: 'wr_x' }));
    await api.createToken({ name: 'n' });
    const headers = calls[0].init.headers as Record<string, string>;
    expect(calls[0].init.method).toBe('POST');
    expect(headers['x-csrf-token']).toBe('tok-1');
    expect(headers['content-type']).toBe('application/json');
    expect(calls[0].init.body).toBe('{"name":"n"}');
  });

  it('answers 204 with undefined', async () => {
    stubFetch(() => new Response(null, { status: 204 }));
    await expect(api.revokeToken(5)).resolves.toBeUndefined();
  });

  it('turns problem+json into ApiProblem with field messages', async () => {
    stubFetch(() => json({
      type: 'https://warroom.dev/problems/validation', title: 'Invalid request', status: 400,
      detail: 'password: at least 10 characters', errors: [{ field: 'password', message: 'at least 10 characters' }],
    }, 400, 'application/problem+json'));
    const err = await api.createUser({ email: 'a@b.c', name: 'A', password: 'x' }).catch((e) => e);
    expect(err).toBeInstanceOf(ApiProblem);
    expect(err.status).toBe(400);
    expect(err.detail).toBe('password: at least 10 characters');
    expect(err.fieldMessage('password')).toBe('at least 10 characters');
    expect(err.fieldMessage('email')).toBeUndefined();
  });

  it('matches nested field paths on their last segment', () => {
    const p = new ApiProblem(400, 'Invalid', 'bad', [{ field: 'body.unitId', message: 'expected a number' }]);
    expect(p.fieldMessage('unitId')).toBe('expected a number');
  });

  it('reports a signed-out session as null, not an error', async () => {
    stubFetch(() => json({ title: 'Unauthorized', status: 401, detail: 'Sign in first' }, 401, 'application/problem+json'));
    await expect(api.session()).resolves.toBeNull();
  });

  it('keeps the status line when a proxy answers with HTML', async () => {
    stubFetch(() => new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway', headers: { 'content-type': 'text/html' } }));
    const err = await api.home().catch((e) => e);
    expect(err).toBeInstanceOf(ApiProblem);
    expect(err.status).toBe(502);
    expect(err.detail).toBe('Bad Gateway');
  });

  it('reports network failures as status 0', async () => {
    vi.stubGlobal('fetch', async () => { throw new TypeError('Failed to fetch'); });
    const err = await api.home().catch((e) => e);
    expect(err).toBeInstanceOf(ApiProblem);
    expect(err.status).toBe(0);
  });

  it('builds query strings without empty values', () => {
    expect(query({ type: 'auth.sign_in', from: '', to: undefined, before: null, limit: 50 })).toBe('?type=auth.sign_in&limit=50');
    expect(query({})).toBe('');
    expect(api.auditExportUrl({ type: 'grant.create', from: '2026-01-01T00:00:00.000Z' }))
      .toBe('/api/audit/export?type=grant.create&from=2026-01-01T00%3A00%3A00.000Z');
  });
});
