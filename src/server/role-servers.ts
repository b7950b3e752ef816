import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { openCenterCa } from '../center/terminal-ca.js';
import type { Clock } from '../domain/japan-time.js';
import { createIssuingClient } from '../municipality/http-client.js';
import { municipalityRoutes } from '../municipality/http-routes.js';
import { createIssuingServer } from '../municipality/issuing-server.js';
import { pkiRoutes } from '../pki/http.js';
import { openDatabase } from '../registers/database.js';
import { listMunicipalities } from '../registers/queries.js';
import { createRenderer } from '../render/renderer.js';
import { httpsFetch } from './https-fetch.js';
import { composeCenter, listenCenter, type RunningServer } from './start-server.js';

// `kofu serve --role municipality|pki|center`: one part alone; the center reaches the
// municipalities over HTTPS on loopback (LGWAN in reality) at <url>/lgwan/<code>.

export interface RoleOptions {
  dataDir: string;
  port: number;
  host?: string;
  clock: Clock;
}

/** The municipal issuing servers (every participating municipality) or the PKI publication point alone. */
export const startPartServer = async (
  role: 'municipality' | 'pki',
  opts: RoleOptions,
): Promise<RunningServer> => {
  const ca = await openCenterCa(opts.dataDir, opts.clock);
  const app = Fastify({ https: { key: ca.serverKeyPem, cert: ca.serverCertPem }, bodyLimit: 64 * 1024 });
  app.get('/healthz', async () => ({ ok: true, role }));
  const kdb = role === 'municipality' ? await openDatabase({ dataDir: opts.dataDir }) : undefined;
  if (kdb) {
    const renderer = createRenderer();
    for (const m of (await listMunicipalities(kdb.db)).filter((x) => x.participating === 1)) {
      const port = createIssuingServer({
        kdb,
        municipalityCode: m.code,
        unsupportedCharacters: (t) => renderer.unsupportedCharacters(t),
      });
      await app.register(municipalityRoutes, { prefix: `/lgwan/${m.code}`, port });
    }
  } else await app.register(pkiRoutes, { dataDir: opts.dataDir });
  await app.listen({ port: opts.port, host: opts.host ?? '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  return {
    url: `https://localhost:${port}`,
    port,
    close: async () => {
      await app.close();
      await kdb?.close();
    },
  };
};

/** The center alone, using the municipalities served at `municipalityUrl`. */
export const startCenterOnly = async (
  opts: RoleOptions & { municipalityUrl: string },
): Promise<RunningServer> => {
  const kdb = await openDatabase({ dataDir: opts.dataDir });
  try {
    const ca = await openCenterCa(opts.dataDir, opts.clock);
    const fetchImpl = httpsFetch(ca.caPem);
    const base = opts.municipalityUrl.replace(/\/$/, '');
    const codes = (await listMunicipalities(kdb.db)).filter((m) => m.participating === 1).map((m) => m.code);
    const ports = codes.map((code) =>
      createIssuingClient({ municipalityCode: code, baseUrl: `${base}/lgwan/${code}`, fetch: fetchImpl }),
    );
    const composed = await composeCenter({
      dataDir: opts.dataDir,
      clock: opts.clock,
      kdb,
      issuingPorts: ports,
    });
    return await listenCenter(composed, {
      dataDir: opts.dataDir,
      port: opts.port,
      ...(opts.host ? { host: opts.host } : {}),
    });
  } catch (e) {
    await kdb.close();
    throw e;
  }
};
