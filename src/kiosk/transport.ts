import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { join } from 'node:path';

// How the kiosk reaches the center: HTTPS with the terminal's client certificate (mutual
// TLS). The transport only moves bytes; a network failure is thrown as NetworkError so
// the API layer can retry with the same idempotency keys.

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface Transport {
  request(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<HttpResponse>;
  close(): void;
}

/** The request never got an answer (refused, reset, timed out): safe to retry with the same keys. */
export class NetworkError extends Error {
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'NetworkError';
  }
}

export interface TerminalCredentials {
  cert: string;
  key: string;
  ca: string;
  terminal: { id: string; kind: 'store' | 'townhall'; storeName?: string; operator?: string };
}

/** Reads a terminal's files (cert.pem, key.pem, ca.pem, terminal.json) from its directory. */
export const loadTerminalCredentials = (dir: string): TerminalCredentials => ({
  cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
  key: readFileSync(join(dir, 'key.pem'), 'utf8'),
  ca: readFileSync(join(dir, 'ca.pem'), 'utf8'),
  terminal: JSON.parse(readFileSync(join(dir, 'terminal.json'), 'utf8')) as TerminalCredentials['terminal'],
});

export interface HttpsTransportOptions {
  baseUrl: string;
  credentials: Pick<TerminalCredentials, 'cert' | 'key' | 'ca'>;
  /** Per request, until the whole answer is in. */
  timeoutMs?: number;
  maxSockets?: number;
}

/** A transport over node:https with the terminal's client certificate and the center CA. */
export const httpsTransport = (opts: HttpsTransportOptions): Transport => {
  const base = new URL(opts.baseUrl);
  if (base.protocol !== 'https:')
    throw new Error(`the center must be reached over https, not ${base.protocol}`);
  const agent = new Agent({
    keepAlive: true,
    maxSockets: opts.maxSockets ?? 4,
    cert: opts.credentials.cert,
    key: opts.credentials.key,
    ca: opts.credentials.ca,
  });
  const timeoutMs = opts.timeoutMs ?? 30_000;
  return {
    close: () => agent.destroy(),
    request(method, path, body, extra = {}) {
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      return new Promise<HttpResponse>((resolve, reject) => {
        const req = request(
          new URL(path, base),
          {
            method,
            agent,
            headers: {
              accept: 'application/json, application/pdf',
              ...extra,
              ...(payload
                ? { 'content-type': 'application/json', 'content-length': String(payload.length) }
                : {}),
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('error', (e) => reject(new NetworkError(`response aborted: ${e.message}`, e)));
            res.on('aborted', () => reject(new NetworkError('response aborted')));
            res.on('end', () => {
              if (!res.complete) return reject(new NetworkError('response incomplete'));
              const headers: Record<string, string> = {};
              for (const [k, v] of Object.entries(res.headers)) {
                if (typeof v === 'string') headers[k] = v;
                else if (Array.isArray(v)) headers[k] = v.join(', ');
              }
              resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
            });
          },
        );
        req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer in ${timeoutMs} ms`)));
        req.on('error', (e) => reject(new NetworkError(e.message, e)));
        if (payload) req.write(payload);
        req.end();
      });
    },
  };
};
