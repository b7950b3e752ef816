// Card-login verifications per second on one core: signature over the challenge, chain to the
// CA (memoised per certificate), validity, revocation against a CRL of 10,000 serials.
import { createPrivateKey, randomBytes, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock, parseJapanIso } from '../src/domain/japan-time.js';
import { decryptPrivateKey } from '../src/pki/ca-keystore.js';
import { readCardFile } from '../src/pki/card-file.js';
import { createCardVerifier } from '../src/pki/card-verifier.js';
import { createCertificateAuthority } from '../src/pki/certificate-authority.js';
import { InMemoryChallengeStore } from '../src/pki/challenge.js';
import { buildCrl, caIdentity } from '../src/pki/crl.js';
import { cardPath, pkiPaths } from '../src/pki/paths.js';
import { RevocationChecker } from '../src/pki/revocation-checker.js';
import { newSerial } from '../src/pki/serial.js';
import type { BenchModule } from './run.js';

const CARDS = 20;
const CRL_ENTRIES = 10_000;
const PAIRS = 1_000;

export default {
  description:
    'full card-login verifications per second on one core (signature, chain, validity, CRL of 10,000)',
  async run(args: string[]) {
    const seconds = Number(args[0] ?? 3);
    const dataDir = mkdtempSync(join(tmpdir(), 'kofu-bench-pki-'));
    try {
      const clock = fixedClock(parseJapanIso('2026-11-25T10:00')!);
      const ca = await createCertificateAuthority(dataDir, { clock, passphrase: 'bench' });
      const names = Array.from({ length: CARDS }, (_, i) => `card${i}`);
      await Promise.all(
        names.map((name) =>
          ca.issueCard({
            name,
            pin: '1234',
            birthDate: '1980-06-15',
            issuedAt: parseJapanIso('2025-04-01')!,
          }),
        ),
      );
      const caDer = ca.caCertificateDer();
      const caKey = decryptPrivateKey(readFileSync(pkiPaths(dataDir).caKey, 'utf8'), 'bench');
      const crl = buildCrl({
        issuerDer: caIdentity(caDer)!.subjectDer,
        signingKey: caKey,
        thisUpdate: clock.now(),
        nextUpdate: new Date(clock.now().getTime() + 86_400_000),
        crlNumber: 1,
        entries: Array.from({ length: CRL_ENTRIES }, () => ({ serial: newSerial(), revokedAt: clock.now() })),
      });
      // Signatures made beforehand: the card's work is not the center's.
      const pairs = Array.from({ length: PAIRS }, (_, i) => {
        const card = readCardFile(cardPath(dataDir, names[i % CARDS]!))!;
        const key = createPrivateKey({
          key: Buffer.from(card.userKey, 'base64'),
          format: 'der',
          type: 'pkcs8',
        });
        const challenge = new Uint8Array(randomBytes(32));
        return {
          challenge,
          certificateDer: new Uint8Array(Buffer.from(card.userCertificate, 'base64')),
          signature: new Uint8Array(sign('sha256', challenge, key)),
        };
      });
      const challenges = new InMemoryChallengeStore();
      const revocation = new RevocationChecker({ source: async () => crl, caCertificateDer: caDer, clock });
      const verifier = createCardVerifier({ caCertificateDer: caDer, revocation, challenges, clock });
      const expiresAt = new Date(clock.now().getTime() + 60_000);
      let n = 0;
      let okCount = 0;
      const once = async () => {
        const p = pairs[n % PAIRS]!;
        const id = `c${n++}`;
        await challenges.put(id, p.challenge, expiresAt);
        const r = await verifier.verify({
          challengeId: id,
          certificateDer: p.certificateDer,
          signature: p.signature,
        });
        if (r.ok) okCount++;
      };
      const coldStart = performance.now();
      await once(); // first call: fetches and parses the CRL, checks the first chain
      const coldMs = performance.now() - coldStart;
      for (let i = 0; i < 500; i++) await once();
      n = 0;
      okCount = 0;
      const started = performance.now();
      const deadline = started + seconds * 1000;
      while (performance.now() < deadline) for (let i = 0; i < 100; i++) await once();
      const elapsed = performance.now() - started;
      return {
        verificationsPerSecond: Math.round(n / (elapsed / 1000)),
        verifications: n,
        accepted: okCount,
        seconds: Math.round(elapsed) / 1000,
        crlEntries: CRL_ENTRIES,
        crlBytes: crl.length,
        distinctCards: CARDS,
        firstVerificationMs: Math.round(coldMs * 10) / 10,
        target: 10_000,
      };
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
} satisfies BenchModule;
