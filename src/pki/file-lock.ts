import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';

export interface FileLockOptions {
  /** Give up after this long (ms). */
  timeoutMs?: number;
  /** A lock older than this is stale even if its process seems alive (pid reuse). */
  staleMs?: number;
}

/** Thrown when the lock stays taken past the time-out. */
export class LockTimeoutError extends Error {
  constructor(path: string) {
    super(`lock ${path} is held by another process`);
    this.name = 'LockTimeoutError';
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const olderThan = (path: string, ms: number): boolean => {
  try {
    return Date.now() - statSync(path).mtimeMs > ms;
  } catch {
    return false;
  }
};

const tryAcquire = (path: string): boolean => {
  try {
    const fd = openSync(path, 'wx', 0o600);
    writeSync(fd, `${process.pid} ${Date.now()}`);
    closeSync(fd);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
};

/** Removes the lock if its holder died (SIGKILL) or it is older than staleMs. */
const breakIfStale = (path: string, staleMs: number): void => {
  let text: string;
  try {
    text = readFileSync(path, 'latin1');
  } catch {
    return;
  }
  const [pidText, atText] = text.split(' ');
  const pid = Number(pidText);
  const at = Number(atText);
  // A lock without a pid is being written right now, or its writer crashed: stale once a little old.
  const stale =
    !Number.isInteger(pid) || pid <= 0 || !Number.isFinite(at)
      ? olderThan(path, 1000)
      : pid === process.pid
        ? false
        : !alive(pid) || Date.now() - at > staleMs;
  if (!stale) return;
  try {
    // Re-read right before unlinking to narrow the race with a process that just broke it too.
    if (readFileSync(path, 'latin1') === text) unlinkSync(path);
  } catch {
    // Someone else removed it first.
  }
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `fn` holding an exclusive lock file (O_EXCL), across processes; stale locks are broken. */
export const withFileLock = async <T>(path: string, fn: () => Promise<T> | T, opts: FileLockOptions = {}) => {
  const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
  const staleMs = opts.staleMs ?? 30_000;
  for (let wait = 2; !tryAcquire(path); wait = Math.min(wait * 2, 50)) {
    breakIfStale(path, staleMs);
    if (Date.now() > deadline) throw new LockTimeoutError(path);
    await sleep(wait);
  }
  try {
    return await fn();
  } finally {
    try {
      unlinkSync(path);
    } catch {
      // Already broken as stale by another process: nothing to release.
    }
  }
};
