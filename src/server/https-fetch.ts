import { request } from 'node:https';

/** A minimal fetch over node:https trusting `ca` (for the loopback links between roles). */
export const httpsFetch =
  (ca: string): typeof fetch =>
  (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
      const body = typeof init?.body === 'string' ? init.body : undefined;
      const req = request(
        url,
        { method: init?.method ?? 'GET', ca, headers: (init?.headers ?? {}) as Record<string, string> },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve(
              new Response(Buffer.concat(chunks), {
                status: res.statusCode ?? 502,
                headers: Object.entries(res.headers).flatMap(([k, v]) =>
                  typeof v === 'string' ? [[k, v] as [string, string]] : [],
                ),
              }),
            ),
          );
          res.on('error', reject);
        },
      );
      init?.signal?.addEventListener('abort', () => req.destroy(new Error('aborted')));
      req.on('error', reject);
      if (body !== undefined) req.write(body);
      req.end();
    });
