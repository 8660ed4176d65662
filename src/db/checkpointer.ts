import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Copies the SQLite write-ahead log back into the database file from a worker thread.
 *
 * SQLite's automatic checkpoint runs inside the COMMIT that crosses its threshold, on the thread
 * that committed, and it waits for the disk (two fsyncs). With better-sqlite3 that thread is the
 * event loop, so every few hundred events one request waited for the disk and everyone behind it
 * waited too (measured: about 40 % more events per second without it; `npm run bench`). Here a
 * second connection in a worker thread runs PASSIVE checkpoints, which never block the writer.
 *
 * Under a steady stream of commits a PASSIVE checkpoint is never quite done when the next commit
 * comes, so the log is never started afresh and would grow. Once it holds RESTART_FRAMES, the worker
 * runs a RESTART checkpoint: the earlier PASSIVE ones have copied nearly everything, so it holds the
 * writer back only for the last frames and a sync, a few milliseconds, and the log starts again at
 * its beginning. The main connection keeps a far-off automatic checkpoint as a backstop.
 */
export interface Checkpointer {
  stop(): Promise<void>;
}

/** How often the worker checkpoints (one with nothing to copy only reads the shared index). */
const EVERY_MS = 100;
/** 4,096 pages of 4 KB: 16 MB of log. */
const RESTART_FRAMES = 4096;

// CommonJS run by the worker (eval), so it needs no TypeScript loader in tests or under tsx.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: 0 });
db.pragma('busy_timeout = 0');
const tick = () => {
  try {
    // PASSIVE copies what it can without waiting for the writer or the readers.
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    if (r && r.log >= workerData.restartFrames) {
      db.pragma('busy_timeout = 2000');
      try {
        db.pragma('wal_checkpoint(RESTART)');
      } finally {
        db.pragma('busy_timeout = 0');
      }
    }
  } catch (e) {
    parentPort.postMessage({ error: String((e && e.message) || e) });
  }
};
const timer = setInterval(tick, workerData.everyMs);
parentPort.on('message', (m) => {
  if (m === 'stop') { clearInterval(timer); tick(); db.close(); parentPort.postMessage('stopped'); }
});
`;

export function startCheckpointer(file: string, onError: (message: string) => void): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { file, driver, everyMs: EVERY_MS, restartFrames: RESTART_FRAMES },
  });
  worker.unref();
  worker.on('message', (m: unknown) => {
    if (m && typeof m === 'object' && 'error' in m) onError(String((m as { error: unknown }).error));
  });
  worker.on('error', (e) => onError(e.message));
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => resolve();
        worker.once('exit', done);
        // Not `once`: an error report may come before the answer to 'stop'.
        worker.on('message', (m) => {
          if (m === 'stopped') void worker.terminate().then(done, done);
        });
        worker.postMessage('stop');
        // A worker stuck on the disk must not hold up shutdown.
        setTimeout(() => void worker.terminate().then(done, done), 2_000).unref();
      }),
  };
}
