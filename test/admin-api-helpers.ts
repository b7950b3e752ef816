import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

// Speaking to the console API like the browser does: the session cookie and the CSRF header.

export interface Req {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  payload?: unknown;
}

export const call = (
  app: FastifyInstance,
  cookie: string | undefined,
  r: Req,
): Promise<LightMyRequestResponse> =>
  app.inject({
    method: r.method,
    url: `/admin/api${r.url}`,
    headers: { ...(cookie ? { cookie } : {}), ...(r.method === 'GET' ? {} : { 'x-kofu-admin': '1' }) },
    ...(r.payload !== undefined
      ? { payload: r.payload as object }
      : r.method === 'GET' || r.method === 'DELETE'
        ? {}
        : { payload: {} }),
  });

export const loginAs = async (app: FastifyInstance, user: string, password: string): Promise<string> => {
  const r = await call(app, undefined, { method: 'POST', url: '/login', payload: { user, password } });
  if (r.statusCode !== 200) throw new Error(`login ${user}: ${r.body}`);
  return String(r.headers['set-cookie']).split(';')[0]!;
};
