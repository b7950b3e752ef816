import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { centerView } from '../src/center/schema.js';
import { openCenterCa } from '../src/center/terminal-ca.js';
import { registerTerminal, revokeTerminal, TERMINAL_RECHECK_MS } from '../src/center/terminals.js';
import { terminalClient, terminalCredentials } from './center-client.js';
import { demoDir, movableClock, startTestCenter, type TestCenter } from './center-harness.js';

// The center caches the terminal of each kiosk connection (keep-alive TLS). A revocation by
// this instance refuses the next request on an open connection; one made elsewhere (another
// instance, straight in the database) within TERMINAL_RECHECK_MS; a new connection at once.

describe('terminal look-up cached per connection', () => {
  let dir: string;
  let center: TestCenter;
  const clock = movableClock('2026-11-25T10:00');

  before(async () => {
    dir = await demoDir('2026-11-24T09:00');
    center = await startTestCenter(dir, clock);
  });
  after(async () => {
    await center?.close();
  });

  const register = async (id: string, alias: string) => {
    const ca = await openCenterCa(dir, clock);
    const db = centerView(center.ctx.kdb.db);
    await registerTerminal(
      { db, ca, clock },
      { id, kind: 'store', operator: 'ローソン', storeName: 'ローソン 上郡店' },
      join(dir, 'terminals', alias),
    );
    return terminalClient(center.url, terminalCredentials(dir, alias));
  };

  it('refuses an open connection at the next request after a revocation by this instance', async () => {
    const kiosk = await register('LAW-284815-0101', 'cache-a');
    for (let i = 0; i < 3; i++) assert.equal((await kiosk.call('POST', '/v1/sessions', {})).status, 201);
    assert.equal(await revokeTerminal(centerView(center.ctx.kdb.db), 'LAW-284815-0101', clock), true);
    const r = await kiosk.call('POST', '/v1/sessions', {});
    assert.equal(r.status, 403);
    assert.equal(r.json().error.detail, 'unknown terminal');
    kiosk.close();
  });

  it('refuses an open connection within TERMINAL_RECHECK_MS of a revocation made elsewhere', async () => {
    const kiosk = await register('LAW-284815-0102', 'cache-b');
    assert.equal((await kiosk.call('POST', '/v1/sessions', {})).status, 201);
    // Another instance revokes: only the shared database changes.
    await centerView(center.ctx.kdb.db)
      .updateTable('center_terminals')
      .set({ revoked_at: clock.now().toISOString() })
      .where('id', '=', 'LAW-284815-0102')
      .execute();
    const revokedAt = performance.now();
    const fresh = terminalClient(center.url, terminalCredentials(dir, 'cache-b'));
    assert.equal((await fresh.call('POST', '/v1/sessions', {})).status, 403, 'a new connection: at once');
    fresh.close();
    let status = 201;
    let lastAccepted = revokedAt;
    while (status === 201 && performance.now() - revokedAt < TERMINAL_RECHECK_MS + 5000) {
      const started = performance.now();
      status = (await kiosk.call('POST', '/v1/sessions', {})).status;
      if (status === 201) lastAccepted = started;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(status, 403);
    assert.ok(
      lastAccepted - revokedAt < TERMINAL_RECHECK_MS,
      `accepted ${Math.round(lastAccepted - revokedAt)} ms after the revocation`,
    );
    kiosk.close();
  });
});
