import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { adminRoutes, adminStatic } from '../admin/index.js';
import { honsekiKioskRoutes } from '../admin/kiosk-registration-routes.js';
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
import { verificationRoutes } from '../center/verification-routes.js';
import type { Clock } from '../domain/japan-time.js';
import { kioskUiPlugin } from '../kiosk/ui/routes.js';
import { PEOPLE } from '../municipality/demo/demo-people.js';
import type { IssuingPort } from '../municipality/issuing-port.js';
import { createIssuingServer } from '../municipality/issuing-server.js';
import { createCardVerifier } from '../pki/card-verifier.js';
import { pkiRoutes } from '../pki/http.js';
import { pkiPaths } from '../pki/paths.js';
import { fileCrlSource, RevocationChecker } from '../pki/revocation-checker.js';
import { type KofuDatabase, openDatabase } from '../registers/database.js';
import { listMunicipalities } from '../registers/queries.js';
import { createRenderer } from '../render/renderer.js';
import { recordIssuedCodes, verificationPublicKey } from '../verify/index.js';
import { buildServer, type ServerTls } from './build-server.js';
import { openIssuingSigners } from './issuing-keys.js';

// The only place that composes real instances: registers, PKI, municipalities, renderer, center.

const DEMO_CARDS = PEOPLE.map((p) => ({ name: p.key, label: p.name, pin: p.pin }));

export interface StartServerOptions {
  dataDir: string;
  /** 0 = an ephemeral port. */
  port: number;
  clock: Clock;
  /** A postgres:// URL; otherwise SQLite in dataDir (or KOFU_DATABASE_URL). */
  databaseUrl?: string;
  /** PostgreSQL schema (search_path), e.g. one per test. */
  databaseSchema?: string;
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

export interface ComposedCenter {
  ctx: CenterContext;
  tls: ServerTls;
  kdb: KofuDatabase;
}

/** Opens every real part for a data directory and composes the center's context. */
export const composeCenter = async (opts: {
  dataDir: string;
  clock: Clock;
  kdb: KofuDatabase;
  settings?: Partial<CenterSettings>;
  /** The municipalities' ports (default: in-process issuing servers on this database). */
  issuingPorts?: IssuingPort[];
}): Promise<ComposedCenter> => {
  const { dataDir, clock, kdb } = opts;
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
  const pageKey = verificationPublicKey(dataDir);
  const ports =
    opts.issuingPorts ??
    codes.map((municipalityCode) =>
      createIssuingServer({
        kdb,
        municipalityCode,
        unsupportedCharacters: (t) => renderer.unsupportedCharacters(t),
      }),
    );

  const centerRenderer: CenterRenderer = {
    async certificate(doc) {
      const signer = signers.get(doc.issuer.code);
      const r = await renderer.renderCertificate(doc, signer ? { signer, pageKey } : {});
      // The 照合番号 hashes for typed look-ups (no content of the certificate).
      if (r.shortCodes.length)
        recordIssuedCodes(dataDir, {
          serial: doc.serial,
          type: doc.type,
          municipality: doc.issuer.code,
          issuedOn: doc.issuedOn,
          sheets: r.sheets,
          shortCodes: r.shortCodes,
        });
      return { pdf: r.pdf, pages: r.sheets, sha256: r.sha256 };
    },
    async receipt(receipt) {
      const r = await renderer.renderReceipt(receipt);
      return { pdf: r.pdf, pages: 1, sha256: r.sha256 };
    },
    unsupportedCharacters: (texts) => renderer.unsupportedCharacters([...texts]),
  };
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
  return { ctx, tls: { key: ca.serverKeyPem, cert: ca.serverCertPem, ca: ca.caPem }, kdb };
};

/** Listens with a composed context; runs the sweeper at start and every sweepMs. */
export const listenCenter = async (
  composed: ComposedCenter,
  opts: {
    dataDir: string;
    port: number;
    host?: string;
    logger?: boolean | object;
    sweepMs?: number;
    /** Show the demo cards (with PINs) in the kiosk screens' card tray; default true. */
    demoCards?: boolean;
  },
): Promise<RunningServer> => {
  const { ctx, kdb } = composed;
  let selfUrl = ''; // known after listen; the kiosk screens read it on their first transaction
  const app = await buildServer({
    ctx,
    tls: composed.tls,
    logger: opts.logger ?? false,
    // The 本籍地 user registration made at a kiosk (src/admin), behind the terminal check.
    kioskExtensions: [honsekiKioskRoutes],
    plugins: [
      async (a) => a.register(pkiRoutes, { dataDir: opts.dataDir }),
      // The town hall's console (its own staff login; no terminal certificate).
      async (a) =>
        a.register(adminRoutes, { prefix: '/admin/api', kdb, clock: ctx.clock, dataDir: opts.dataDir }),
      async (a) => adminStatic(a),
      async (a) => a.register(verificationRoutes, { dataDir: opts.dataDir, clock: ctx.clock, kdb }),
      // The terminals' screens (one UI server per terminal; they reach the center over mutual TLS).
      ...(['store', 'townhall'] as const).map((terminalId) =>
        kioskUiPlugin({
          prefix: terminalId === 'store' ? '/kiosk' : '/kiosk-townhall',
          dataDir: opts.dataDir,
          centerUrl: () => selfUrl,
          terminalId,
          clock: ctx.clock,
          // The demo's card tray shows each demo card with its PIN; never outside the demo.
          ...(opts.demoCards === false ? {} : { cards: DEMO_CARDS }),
        }),
      ),
    ],
  });
  if (opts.logger) ctx.log = app.log;
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
  selfUrl = `https://localhost:${port}`;
  return {
    url: `https://localhost:${port}`,
    port,
    close: async () => {
      if (timer) clearInterval(timer);
      await app.close();
      await kdb.close();
    },
  };
};

/** Starts the all-in-one server (center + municipalities + PKI publication) on HTTPS. */
export const startServer = async (opts: StartServerOptions): Promise<RunningServer> => {
  const kdb = await openDatabase({
    dataDir: opts.dataDir,
    ...(opts.databaseUrl ? { url: opts.databaseUrl } : {}),
    ...(opts.databaseSchema ? { schema: opts.databaseSchema } : {}),
  });
  try {
    const composed = await composeCenter({
      dataDir: opts.dataDir,
      clock: opts.clock,
      kdb,
      ...(opts.settings ? { settings: opts.settings } : {}),
    });
    return await listenCenter(composed, {
      dataDir: opts.dataDir,
      port: opts.port,
      ...(opts.host ? { host: opts.host } : {}),
      ...(opts.logger !== undefined ? { logger: opts.logger } : {}),
      ...(opts.sweepMs !== undefined ? { sweepMs: opts.sweepMs } : {}),
    });
  } catch (e) {
    await kdb.close();
    throw e;
  }
};
