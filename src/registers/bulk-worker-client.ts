import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

type Batch = [string, unknown[]];

// The worker's code, as a plain script: it runs the compiled multi-row INSERTs it is sent, one
// transaction per message, on its own connection to the same file. (A script rather than a
// module file, so that source runs under tsx and the compiled build start it the same way.)
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 10000');
db.pragma('synchronous = OFF');
db.pragma('foreign_keys = OFF');
const statements = new Map();
const run = db.transaction((batches) => {
  for (const [sql, params] of batches) {
    let stmt = statements.get(sql);
    if (!stmt) { stmt = db.prepare(sql); statements.set(sql, stmt); }
    stmt.run(...params);
  }
});
parentPort.on('message', (msg) => {
  if (msg.type === 'close') { db.close(); parentPort.close(); return; }
  try { run(msg.batches); parentPort.postMessage({ type: 'ack', id: msg.id }); }
  catch (e) { parentPort.postMessage({ type: 'error', id: msg.id, message: String(e && e.message || e) }); }
});
`;

/**
 * Sends compiled INSERT batches to a worker thread that writes them to the SQLite file, so
 * that generating rows and writing them overlap. At most `depth` chunks are in flight.
 */
export class SqliteWorkerExecutor {
  private readonly worker: Worker;
  private nextId = 0;
  private inFlight = 0;
  private failure: Error | undefined;
  private waiters: (() => void)[] = [];

  constructor(
    file: string,
    private readonly depth = 2,
  ) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver } });
    this.worker.on('message', (m: { type: string; message?: string }) => {
      if (m.type === 'ack') this.inFlight--;
      else if (m.type === 'error') {
        this.inFlight--;
        this.failure ??= new Error(`bulk load failed: ${m.message}`);
      }
      this.wake();
    });
    this.worker.on('error', (e) => {
      this.failure ??= e;
      this.wake();
    });
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  private async waitUntil(done: () => boolean): Promise<void> {
    while (!done() && !this.failure) await new Promise<void>((r) => this.waiters.push(r));
    if (this.failure) throw this.failure;
  }

  /** Queues one chunk (one transaction in the worker); waits while too many are in flight. */
  async submit(batches: Batch[]): Promise<void> {
    await this.waitUntil(() => this.inFlight < this.depth);
    this.inFlight++;
    this.worker.postMessage({ type: 'batches', id: this.nextId++, batches });
  }

  /** Waits for every queued chunk, then closes the worker's connection. */
  async close(): Promise<void> {
    try {
      await this.waitUntil(() => this.inFlight === 0);
    } finally {
      const closed = new Promise<void>((r) => this.worker.once('exit', () => r()));
      this.worker.postMessage({ type: 'close' });
      setTimeout(() => void this.worker.terminate(), 5000).unref();
      await closed;
    }
  }
}
