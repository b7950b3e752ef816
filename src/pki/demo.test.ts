import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fixedClock, parseJapanIso } from '../domain/japan-time.js';
import { findCardSummary, listCards } from './card-admin.js';
import { openCertificateAuthority } from './certificate-authority.js';
import { createDemoPki } from './demo.js';
import { pkiPaths } from './paths.js';

const dataDir = mkdtempSync(join(tmpdir(), 'kofu-demo-pki-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

describe('createDemoPki', () => {
  it('creates the CA and one card per spec in each requested state', async () => {
    const clock = fixedClock(parseJapanIso('2026-11-25T09:00')!);
    const issuedAt = parseJapanIso('2025-05-01T10:00')!;
    const spec = (name: string, state: 'valid' | 'locked' | 'expired' | 'revoked' | 'renewed') => ({
      name,
      pin: '1234',
      birthDate: '1970-07-07',
      issuedAt,
      state,
    });
    const infos = await createDemoPki({
      dataDir,
      clock,
      cards: [
        spec('taro', 'valid'),
        spec('locked', 'locked'),
        spec('kigengire', 'expired'),
        spec('shibou', 'revoked'),
        spec('koushin', 'renewed'),
      ],
    });
    const by = new Map(infos.map((i) => [i.name, i]));
    assert.equal(by.get('taro')?.notBefore, '2025-05-01T10:00:00+09:00');
    assert.equal(by.get('taro')?.notAfter, '2029-07-07T23:59:59+09:00', '2025-07-07 is the 1st');
    assert.equal(findCardSummary(dataDir, 'locked')?.pin.locked, true);
    assert.ok(by.get('kigengire')!.notAfter < '2026-11-25', 'validity ended before now');
    const ca = openCertificateAuthority(dataDir, { clock });
    assert.equal(ca.status(by.get('shibou')!.serial).status, 'revoked');
    assert.equal(ca.status(by.get('shibou')!.serial).reason, 'death');
    const koushin = by.get('koushin')!;
    assert.ok(koushin.previousSerial && koushin.previousSerial !== koushin.serial);
    assert.equal(ca.status(koushin.previousSerial).status, 'revoked');
    assert.equal(ca.status(koushin.serial).status, 'good');
    assert.equal(koushin.notBefore, '2025-05-01T10:00:00+09:00');
    assert.equal(listCards(dataDir).length, 5);
    // The passphrase lives apart from pki/ and only its owner can read it.
    assert.equal(statSync(pkiPaths(dataDir).passphrase).mode & 0o077, 0);
  });
});
