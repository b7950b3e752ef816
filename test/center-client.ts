import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { join } from 'node:path';

// A minimal HTTPS client with a terminal's client certificate, for the center's tests.

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  // biome-ignore lint/suspicious/noExplicitAny: tests read JSON answers loosely
  json: () => any;
}

export interface TerminalClient {
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
  raw(
    method: string,
    path: string,
    payload: string | Buffer,
    headers?: Record<string, string>,
  ): Promise<Answer>;
  close(): void;
}

export const terminalCredentials = (dataDir: string, alias: string) => ({
  ca: readFileSync(join(dataDir, 'terminals', alias, 'ca.pem'), 'utf8'),
  cert: readFileSync(join(dataDir, 'terminals', alias, 'cert.pem'), 'utf8'),
  key: readFileSync(join(dataDir, 'terminals', alias, 'key.pem'), 'utf8'),
});

/** A client for `baseUrl`; `creds` without cert/key is a client without a terminal certificate. */
export const terminalClient = (
  baseUrl: string,
  creds: { ca: string; cert?: string; key?: string },
): TerminalClient => {
  const agent = new Agent({ keepAlive: true, maxSockets: 8, ...creds });
  const raw = (
    method: string,
    path: string,
    payload: string | Buffer | undefined,
    headers: Record<string, string> = {},
  ) =>
    new Promise<Answer>((resolve, reject) => {
      const url = new URL(path, baseUrl);
      const req = request(
        url,
        {
          method,
          agent,
          headers: {
            ...(payload !== undefined
              ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
              : {}),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const body = Buffer.concat(chunks);
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body,
              json: () => JSON.parse(body.toString('utf8')),
            });
          });
          res.on('error', reject);
        },
      );
      req.setTimeout(20_000, () => req.destroy(new Error('request timed out')));
      req.on('error', reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  return {
    call: (method, path, body, headers) =>
      raw(method, path, body === undefined ? undefined : JSON.stringify(body), headers),
    raw: (method, path, payload, headers) => raw(method, path, payload, headers),
    close: () => agent.destroy(),
  };
};
