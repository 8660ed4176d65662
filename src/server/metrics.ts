import client from 'prom-client';
import type { Db } from '../db/client.js';
import { jobRunCounts, outboxDepth } from '../db/metrics.js';
import { dbWorkByName } from '../db/op-count.js';
import { countOutboxTrouble } from '../db/outbox.js';
import { OUTBOX_OVERDUE_MS } from '../feishu/outbox.js';
import type { OutboxSender } from '../feishu/sender.js';
import { batchStatsOf } from './events/group-commit.js';

/**
 * Prometheus metrics of one bot: its own registry (tests run several bots in one process).
 * Counters of this instance are kept in memory; the outbox depth and job runs are read from the
 * database at scrape time, so they are the same whichever instance is scraped.
 */
export class Metrics {
  readonly registry = new client.Registry();
  readonly events: client.Counter<'type' | 'status'>;
  readonly answerSeconds: client.Histogram<'route'>;

  constructor(db: Db, sender: OutboxSender) {
    client.collectDefaultMetrics({ register: this.registry, prefix: 'bot_' });
    this.events = new client.Counter({
      name: 'bot_events_handled_total',
      help: 'Feishu events and card callbacks answered, by event type and HTTP status',
      labelNames: ['type', 'status'],
      registers: [this.registry],
    });
    this.answerSeconds = new client.Histogram({
      name: 'bot_answer_seconds',
      help: 'Time to answer a webhook (card callbacks must be answered within 3 s)',
      labelNames: ['route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5],
      registers: [this.registry],
    });
    new client.Gauge({
      name: 'bot_outbox_depth',
      help: 'Outbox messages not yet delivered, by status (all instances)',
      labelNames: ['status'],
      registers: [this.registry],
      async collect() {
        const depth = await outboxDepth(db);
        this.reset();
        for (const [status, n] of Object.entries(depth)) this.set({ status }, n);
      },
    });
    new client.Gauge({
      name: 'bot_outbox_overdue',
      help: 'Outbox messages still not delivered 10 minutes after they were written (all instances; /outbox lists them)',
      registers: [this.registry],
      async collect() {
        this.set((await countOutboxTrouble(db, new Date(Date.now() - OUTBOX_OVERDUE_MS))).pending);
      },
    });
    new client.Gauge({
      name: 'bot_outbox_sent',
      help: 'Messages this instance delivered since it started',
      registers: [this.registry],
      collect() {
        this.set(sender.stats.sent);
      },
    });
    new client.Gauge({
      name: 'bot_send_failures',
      help:
        'Outbox send outcomes of this instance since it started other than sent (retried: will be tried again; ' +
        'final: ended FAILED; dropped: a reminder past its day; lease_lost: another instance had taken the row over)',
      labelNames: ['kind'],
      registers: [this.registry],
      collect() {
        this.set({ kind: 'retried' }, sender.stats.retried);
        this.set({ kind: 'final' }, sender.stats.failed);
        this.set({ kind: 'dropped' }, sender.stats.dropped);
        this.set({ kind: 'lease_lost' }, sender.stats.leaseLost);
      },
    });
    new client.Gauge({
      name: 'bot_event_transactions',
      help:
        'Event transactions of this instance since it started: batches (several events in one commit), ' +
        'alone (one event), rolled_back (a batch undone by one failing handler, then run one by one)',
      labelNames: ['kind'],
      registers: [this.registry],
      collect() {
        const s = batchStatsOf(db);
        this.set({ kind: 'batch' }, s.batches);
        this.set({ kind: 'alone' }, s.alone);
        this.set({ kind: 'rolled_back' }, s.rolledBack);
      },
    });
    new client.Gauge({
      name: 'bot_events_in_batches',
      help: 'Events handled in batches of several (divided by the batch count: the average batch size)',
      registers: [this.registry],
      collect() {
        this.set(batchStatsOf(db).batchedEvents);
      },
    });
    new client.Gauge({
      name: 'bot_card_db_work',
      help:
        'Card actions of this instance since it started, by action: runs, the Prisma operations and the SQL ' +
        'statements their handlers made (divided by runs: the database work of one)',
      labelNames: ['action', 'kind'],
      registers: [this.registry],
      collect() {
        for (const [action, w] of dbWorkByName) {
          this.set({ action, kind: 'runs' }, w.runs);
          this.set({ action, kind: 'operations' }, w.operations);
          this.set({ action, kind: 'statements' }, w.statements);
        }
      },
    });
    new client.Gauge({
      name: 'bot_job_runs',
      help: 'Scheduled job slots run, by job and status (all instances)',
      labelNames: ['job', 'status'],
      registers: [this.registry],
      async collect() {
        const rows = await jobRunCounts(db);
        this.reset();
        for (const r of rows) this.set({ job: r.job, status: r.status }, r.count);
      },
    });
  }
}
