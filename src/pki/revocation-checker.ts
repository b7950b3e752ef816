import { readFile } from 'node:fs/promises';
import type { Clock } from '../domain/japan-time.js';
import { type CaIdentity, caIdentity, parseCrl } from './crl.js';
import { CERTIFICATE_HOLD } from './registry.js';

/** Where the center gets the PKI's CRL (DER): the published URL or the file. */
export type CrlSource = () => Promise<Uint8Array>;

/** A certificate's revocation state as the center knows it; 'unavailable' when no CRL could be had. */
export type RevocationState = 'good' | 'revoked' | 'suspended' | 'unavailable';

/** Fetches the CRL over HTTP (e.g. http://pki.example/pki/crl.der). */
export const httpCrlSource =
  (url: string, fetchImpl: typeof fetch = fetch): CrlSource =>
  async () => {
    const res = await fetchImpl(url);
    if (!res.ok) throw new Error(`CRL fetch ${url}: HTTP ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  };

/** Reads the CRL from the PKI's file. */
export const fileCrlSource =
  (path: string): CrlSource =>
  async () =>
    new Uint8Array(await readFile(path));

export interface RevocationCheckerOptions {
  source: CrlSource;
  caCertificateDer: Uint8Array;
  clock: Clock;
  /** Re-fetch the CRL when it is older than this (ms): the bound on learning a revocation. */
  refreshMs?: number;
  /** Refuse (unavailable) when no CRL could be fetched for this long (ms); fail closed. */
  maxStaleMs?: number;
}

/**
 * Knows the revoked and suspended serials from the CA's signed CRL, fetched again at most every
 * refreshMs; a look-up is a Map access. A revocation is therefore honoured within refreshMs.
 */
export class RevocationChecker {
  private readonly ca: CaIdentity | undefined;
  private readonly refreshMs: number;
  private readonly maxStaleMs: number;
  private entries: Map<string, number> | undefined;
  private loadedAt = Number.NEGATIVE_INFINITY;
  private attemptedAt = Number.NEGATIVE_INFINITY;
  private inflight: Promise<void> | undefined;

  constructor(private readonly opts: RevocationCheckerOptions) {
    this.ca = caIdentity(opts.caCertificateDer);
    this.refreshMs = opts.refreshMs ?? 60_000;
    this.maxStaleMs = opts.maxStaleMs ?? 24 * 3_600_000;
  }

  /** The state of a serial (upper-case hex), refreshing the CRL first if it is due. */
  async status(serial: string): Promise<RevocationState> {
    const now = this.opts.clock.now().getTime();
    if (now - this.attemptedAt >= this.refreshMs || now < this.attemptedAt) await this.refresh();
    // A concurrent first look-up must wait for the load already under way, not fail closed.
    else if (!this.entries && this.inflight) await this.inflight;
    if (!this.entries || now - this.loadedAt > this.maxStaleMs) return 'unavailable';
    const reason = this.entries.get(serial);
    if (reason === undefined) return 'good';
    return reason === CERTIFICATE_HOLD ? 'suspended' : 'revoked';
  }

  /** Fetches and checks the CRL now (one fetch at a time); keeps the previous one on failure. */
  refresh(): Promise<void> {
    this.inflight ??= this.load().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async load(): Promise<void> {
    const startedAt = this.opts.clock.now().getTime();
    this.attemptedAt = startedAt;
    if (!this.ca) return;
    try {
      const crl = parseCrl(await this.opts.source(), this.ca);
      if (!crl) return;
      this.entries = crl.entries;
      this.loadedAt = startedAt;
    } catch {
      // Source down: keep the last good CRL until maxStaleMs.
    }
  }
}
