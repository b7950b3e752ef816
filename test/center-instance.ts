// A center process for the multi-instance and crash tests: prints its URL, serves until killed.
// Env: KOFU_DATA, KOFU_NOW (ISO), KOFU_PG_URL and KOFU_PG_SCHEMA (optional).
import { offsetClock, parseJapanIso } from '../src/domain/japan-time.js';
import { startServer } from '../src/server/start-server.js';

const env = process.env;
const server = await startServer({
  dataDir: env.KOFU_DATA!,
  port: Number(env.KOFU_PORT ?? 0),
  clock: offsetClock(parseJapanIso(env.KOFU_NOW!)!),
  ...(env.KOFU_PG_URL ? { databaseUrl: env.KOFU_PG_URL } : {}),
  ...(env.KOFU_PG_SCHEMA ? { databaseSchema: env.KOFU_PG_SCHEMA } : {}),
  sweepMs: 0,
  ...(env.KOFU_SETTINGS ? { settings: JSON.parse(env.KOFU_SETTINGS) } : {}),
});
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
