import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createSqlChallengeStore } from '../center/challenge-store.js';
import {
  type CenterContext,
  type CenterLog,
  type CenterSettings,
  DEFAULT_CENTER_SETTINGS,
} from '../center/context.js';
import { createDocumentVault, loadDocumentKey } from '../center/document-vault.js';
import { createIssuingRouter } from '../center/issuing-router.js';
import type { CenterRenderer } from '../center/ports.js';
import { centerView } from '../center/schema.js';
import { sweep } from '../center/sweeper.js';
import { openCenterCa } from '../center/terminal-ca.js';
import { ensureDemoTerminals } from '../center/terminals.js';
import type { Clock } from '../domain/japan-time.js';
import { createIssuingServer } from '../municipality/issuing-server.js';
import { createCardVerifier } from '../pki/card-verifier.js';
import { pkiRoutes } from '../pki/http.js';
import { pkiPaths } from '../pki/paths.js';
import { fileCrlSource, RevocationChecker } from '../pki/revocation-checker.js';
import { openDatabase } from '../registers/database.js';
import { listMunicipalities } from '../registers/queries.js';
import { createRenderer } from '../render/renderer.js';
import { buildServer } from './build-server.js';
import { openIssuingSigners } from './issuing-keys.js';

// The only place that composes real instances: registers, PKI, municipalities, renderer, center.

export interface StartServerOptions {
  dataDir: string;
  /** 0 = an ephemeral port. */
  port: number;
  clock: Clock;
  /** A postgres:// URL; otherwise SQLite in dataDir (or KOFU_DATABASE_URL). */
  databaseUrl?: string;
  host?: string;
  settings?: Partial<CenterSettings>;
  logger?: boolean | object;
  /** Sweep interval in ms (default 30 s; 0 = only at start). */
  sweepMs?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const silentLog: CenterLog = { info: () => {}, warn: () => {}, error: () => {} };

/** Starts the all-in-one server (center + municipalities + PKI publication) on HTTPS. */
export const startServer = async (opts: StartServerOptions): Promise<RunningServer> => {
  const { dataDir, clock } = opts;
  const kdb = await openDatabase({ dataDir, ...(opts.databaseUrl ? { url: opts.databaseUrl } : {}) });
  try {
    const ca = await openCenterCa(dataDir, clock);
    await ensureDemoTerminals({ db: centerView(kdb.db), ca, clock }, dataDir);
    const paths = pkiPaths(dataDir);
    const pkiCa = new Uint8Array(readFileSync(paths.caCertificate));
    const revocation = new RevocationChecker({
      source: fileCrlSource(paths.crl),
      caCertificateDer: pkiCa,
      clock,
    });
    const verifier = createCardVerifier({
      caCertificateDer: pkiCa,
      revocation,
      challenges: createSqlChallengeStore(centerView(kdb.db)),
      clock,
    });
    const renderer = createRenderer();
    const codes = (await listMunicipalities(kdb.db)).filter((m) => m.participating === 1).map((m) => m.code);
    const signers = openIssuingSigners(dataDir, codes);
    const ports = codes.map((municipalityCode) =>
      createIssuingServer({
        kdb,
        municipalityCode,
        unsupportedCharacters: (t) => renderer.unsupportedCharacters(t),
      }),
    );
    const centerRenderer: CenterRenderer = {
      async certificate(doc) {
        const signer = signers.get(doc.issuer.code);
        const r = await renderer.renderCertificate(doc, signer ? { signer } : {});
        return { pdf: r.pdf, pages: r.sheets, sha256: r.sha256 };
      },
      async receipt(receipt) {
        const r = await renderer.renderReceipt(receipt);
        return { pdf: r.pdf, pages: 1, sha256: r.sha256 };
      },
      unsupportedCharacters: (texts) => renderer.unsupportedCharacters([...texts]),
    };
    const logger = opts.logger ?? false;
    const ctx: CenterContext = {
      kdb,
      clock,
      cards: { authenticate: (input) => verifier.verify(input) },
      issuing: createIssuingRouter(ports),
      renderer: centerRenderer,
      vault: createDocumentVault(loadDocumentKey(dataDir)),
      settings: { ...DEFAULT_CENTER_SETTINGS, ...opts.settings },
      log: silentLog,
    };
    const app = await buildServer({
      ctx,
      tls: { key: ca.serverKeyPem, cert: ca.serverCertPem, ca: ca.caPem },
      logger,
      plugins: [async (a) => a.register(pkiRoutes, { dataDir })],
    });
    ctx.log = app.log;
    await sweep(ctx);
    const sweepMs = opts.sweepMs ?? 30_000;
    const timer =
      sweepMs > 0
        ? setInterval(
            () => void sweep(ctx).catch((e) => app.log.error({ err: String(e) }, 'sweep failed')),
            sweepMs,
          )
        : undefined;
    timer?.unref();
    await app.listen({ port: opts.port, host: opts.host ?? '127.0.0.1' });
    const port = (app.server.address() as AddressInfo).port;
    return {
      url: `https://localhost:${port}`,
      port,
      close: async () => {
        if (timer) clearInterval(timer);
        await app.close();
        await kdb.close();
      },
    };
  } catch (e) {
    await kdb.close();
    throw e;
  }
};
