import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import 'reflect-metadata';
import { X509Certificate } from '@peculiar/x509';
import { fixedClock, parseJapanIso } from '../domain/japan-time.js';
import { issueTerminalCertificate, openCenterCa } from './terminal-ca.js';

// TLS peers judge transport certificates by the machine's real time. A center first started
// with a simulated clock weeks ahead (kofu issue --now on a later Sunday) must still present
// certificates that are valid now, and at the simulated instant.
test('transport certificates made under a clock ahead of real time are valid now and then', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kofu-ca-'));
  const ahead = parseJapanIso('2027-03-14T10:00')!;
  const clock = fixedClock(ahead);
  const ca = await openCenterCa(dir, clock);
  const terminal = await issueTerminalCertificate(ca, 'store-0001', clock);
  const real = new Date();
  for (const pem of [ca.caPem, ca.serverCertPem, terminal.certPem]) {
    const c = new X509Certificate(pem);
    assert.ok(c.notBefore <= real, `${c.subject}: valid from ${c.notBefore.toISOString()}`);
    assert.ok(c.notBefore <= ahead && ahead < c.notAfter, `${c.subject}: valid at the clock`);
  }
});
