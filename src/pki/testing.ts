// Shared set-up for the PKI's tests: one CA and a few cards in a temporary directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Clock, parseJapanIso } from '../domain/japan-time.js';
import { type CertificateAuthority, createCertificateAuthority } from './certificate-authority.js';
import { pkiPaths } from './paths.js';

/** A clock the test moves by hand. */
export const manualClock = (iso: string) => {
  let now = parseJapanIso(iso)!.getTime();
  const clock: Clock & { advance(ms: number): void; set(iso: string): void } = {
    now: () => new Date(now),
    advance: (ms) => {
      now += ms;
    },
    set: (text) => {
      now = parseJapanIso(text)!.getTime();
    },
  };
  return clock;
};

export interface TestPki {
  dataDir: string;
  clock: ReturnType<typeof manualClock>;
  ca: CertificateAuthority;
  crlPath: string;
  cleanup(): void;
}

/** Creates a CA (passphrase given, not from a file) at 2026-11-25 10:00 Japan time, plus the named cards. */
export const createTestPki = async (
  cards: { name: string; pin: string; birthDate?: string; issuedAt?: string }[],
): Promise<TestPki> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kofu-pki-'));
  const clock = manualClock('2026-11-25T10:00');
  const ca = await createCertificateAuthority(dataDir, { clock, passphrase: 'test passphrase' });
  await Promise.all(
    cards.map((c) =>
      ca.issueCard({
        name: c.name,
        pin: c.pin,
        birthDate: c.birthDate ?? '1980-06-15',
        issuedAt: parseJapanIso(c.issuedAt ?? '2025-04-01T10:00')!,
      }),
    ),
  );
  return {
    dataDir,
    clock,
    ca,
    crlPath: pkiPaths(dataDir).crl,
    cleanup: () => rmSync(dataDir, { recursive: true, force: true }),
  };
};
