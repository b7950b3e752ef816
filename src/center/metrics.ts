import type { FastifyInstance, FastifyPluginAsync } from 'fastify';

// Operations: counters and latency histograms of the center in the Prometheus text format
// (version 0.0.4), written by hand. Counts only: no IDs, serials or personal data in labels.

export type Labels = Record<string, string>;

/** Latency buckets in seconds: a kiosk step is ms; a slow render or a stuck lock is seconds. */
export const LATENCY_BUCKETS = [
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
] as const;

interface Histogram {
  counts: number[];
  sum: number;
  count: number;
}

interface Family {
  help: string;
  type: 'counter' | 'histogram' | 'gauge';
  counters: Map<string, number>;
  histograms: Map<string, Histogram>;
  labels: Map<string, Labels>;
}

/** Escapes a label value: backslash, double quote and line feed (text format 0.0.4). */
export const escapeLabelValue = (v: string): string =>
  v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

const escapeHelp = (v: string): string => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');

const labelText = (labels: Labels, extra?: [string, string]): string => {
  const parts = Object.keys(labels)
    .sort()
    .map((k) => `${k}="${escapeLabelValue(labels[k] ?? '')}"`);
  if (extra) parts.push(`${extra[0]}="${escapeLabelValue(extra[1])}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
};

const keyOf = (labels: Labels): string => labelText(labels);

const formatNumber = (n: number): string => {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Number.POSITIVE_INFINITY) return '+Inf';
  if (n === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(n);
};

/** A metrics registry: counters, gauges and histograms with labels, rendered as Prometheus text. */
export class MetricsRegistry {
  private readonly families = new Map<string, Family>();

  constructor(private readonly buckets: readonly number[] = LATENCY_BUCKETS) {}

  private family(name: string, type: Family['type'], help: string): Family {
    if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name)) throw new Error(`bad metric name ${name}`);
    let f = this.families.get(name);
    if (!f) {
      f = { help, type, counters: new Map(), histograms: new Map(), labels: new Map() };
      this.families.set(name, f);
    } else if (f.type !== type) throw new Error(`metric ${name} is a ${f.type}`);
    return f;
  }

  /** Adds `by` (default 1) to a counter. */
  inc(name: string, help: string, labels: Labels = {}, by = 1): void {
    const f = this.family(name, 'counter', help);
    const k = keyOf(labels);
    f.labels.set(k, labels);
    f.counters.set(k, (f.counters.get(k) ?? 0) + by);
  }

  /** Sets a gauge (or a counter kept elsewhere, such as the process's CPU seconds). */
  set(
    name: string,
    help: string,
    value: number,
    labels: Labels = {},
    type: 'gauge' | 'counter' = 'gauge',
  ): void {
    const f = this.family(name, type, help);
    const k = keyOf(labels);
    f.labels.set(k, labels);
    f.counters.set(k, value);
  }

  /** Records one observation (e.g. seconds) in a histogram. */
  observe(name: string, help: string, value: number, labels: Labels = {}): void {
    const f = this.family(name, 'histogram', help);
    const k = keyOf(labels);
    let h = f.histograms.get(k);
    if (!h) {
      h = { counts: this.buckets.map(() => 0), sum: 0, count: 0 };
      f.histograms.set(k, h);
      f.labels.set(k, labels);
    }
    // Buckets are cumulative in the text format; store per-bucket and add up on render.
    const i = this.buckets.findIndex((b) => value <= b);
    if (i >= 0) h.counts[i] = (h.counts[i] ?? 0) + 1;
    h.sum += value;
    h.count += 1;
  }

  /** The current value of a counter or gauge (0 if never set). */
  value(name: string, labels: Labels = {}): number {
    return this.families.get(name)?.counters.get(keyOf(labels)) ?? 0;
  }

  /** Everything in the Prometheus text exposition format, families sorted by name. */
  render(): string {
    const out: string[] = [];
    for (const name of [...this.families.keys()].sort()) {
      const f = this.families.get(name)!;
      out.push(`# HELP ${name} ${escapeHelp(f.help)}`, `# TYPE ${name} ${f.type}`);
      if (f.type !== 'histogram') {
        for (const k of [...f.counters.keys()].sort())
          out.push(`${name}${k} ${formatNumber(f.counters.get(k)!)}`);
        continue;
      }
      for (const k of [...f.histograms.keys()].sort()) {
        const h = f.histograms.get(k)!;
        const labels = f.labels.get(k)!;
        let cumulative = 0;
        for (const [i, b] of this.buckets.entries()) {
          cumulative += h.counts[i] ?? 0;
          out.push(`${name}_bucket${labelText(labels, ['le', formatNumber(b)])} ${cumulative}`);
        }
        out.push(`${name}_bucket${labelText(labels, ['le', '+Inf'])} ${h.count}`);
        out.push(`${name}_sum${k} ${formatNumber(h.sum)}`);
        out.push(`${name}_count${k} ${h.count}`);
      }
    }
    return `${out.join('\n')}\n`;
  }
}

const REQUESTS = 'kofu_http_requests_total';
const DURATION = 'kofu_http_request_duration_seconds';
const REFUSALS = 'kofu_refusals_total';
const ISSUANCES = 'kofu_certificates_issued_total';
const ISSUE_ROUTE = '/v1/orders/:orderId/issue';
const REMEMBERED_ORDERS = 10_000;

/** The code of a refusal body (`{"ok":false,"error":{"code":…}}`), read without a full parse. */
export const refusalCodeOf = (payload: unknown): string | undefined => {
  if (typeof payload !== 'string' || payload.length > 8192) return undefined;
  return /"error"\s*:\s*\{[^}]*?"code"\s*:\s*"([A-Z_]{1,40})"/.exec(payload)?.[1];
};

interface IssuedBody {
  orderId?: unknown;
  state?: unknown;
  documents?: { kind?: unknown; cert?: unknown }[];
}

/** Certificate counts by type in an issue answer, or undefined if it is not a completed issue. */
export const issuedTypesOf = (payload: unknown): { orderId: string; types: string[] } | undefined => {
  if (typeof payload !== 'string') return undefined;
  try {
    const body = JSON.parse(payload) as IssuedBody;
    if (body.state !== 'issued' || typeof body.orderId !== 'string' || !Array.isArray(body.documents))
      return undefined;
    const types = body.documents
      .filter((d) => d.kind === 'certificate' && typeof d.cert === 'string')
      .map((d) => d.cert as string);
    return { orderId: body.orderId, types };
  } catch {
    return undefined;
  }
};

export interface MetricsOptions {
  registry?: MetricsRegistry;
  /** Path of the scrape endpoint (default /metrics). */
  path?: string;
  /** Process figures sampled at each scrape (default: this process). */
  process?: () => { rssBytes: number; heapUsedBytes: number; cpuSeconds: number; startSeconds: number };
}

const thisProcess = () => {
  const m = process.memoryUsage();
  const cpu = process.cpuUsage();
  return {
    rssBytes: m.rss,
    heapUsedBytes: m.heapUsed,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    startSeconds: Math.round(Date.now() / 1000 - process.uptime()),
  };
};

const plugin: FastifyPluginAsync<MetricsOptions> = async (app: FastifyInstance, opts) => {
  const registry = opts.registry ?? new MetricsRegistry();
  const path = opts.path ?? '/metrics';
  const sample = opts.process ?? thisProcess;
  // Idempotent re-calls of issue return the same documents: count each order once.
  const counted = new Set<string>();

  app.addHook('onSend', async (request, reply, payload) => {
    const route = request.routeOptions.url ?? 'unmatched';
    if (reply.statusCode >= 400) {
      const code = refusalCodeOf(payload);
      if (code) registry.inc(REFUSALS, 'Refusals answered, by code (SPEC §11).', { code });
    } else if (reply.statusCode === 200 && route === ISSUE_ROUTE) {
      const issued = issuedTypesOf(payload);
      if (issued && !counted.has(issued.orderId)) {
        counted.add(issued.orderId);
        if (counted.size > REMEMBERED_ORDERS) counted.delete(counted.values().next().value!);
        for (const type of issued.types)
          registry.inc(ISSUANCES, 'Certificates issued (one per copy), by type.', { type });
      }
    }
    return payload;
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    if (route === path) return;
    const labels = { method: request.method, route };
    registry.inc(REQUESTS, 'HTTP requests answered, by method, route and status.', {
      ...labels,
      status: String(reply.statusCode),
    });
    registry.observe(
      DURATION,
      'Time from request to response, by method and route.',
      reply.elapsedTime / 1000,
      labels,
    );
  });

  app.get(path, { schema: { hide: true } }, async (_request, reply) => {
    const p = sample();
    registry.set('process_resident_memory_bytes', 'Resident set size in bytes.', p.rssBytes);
    registry.set('nodejs_heap_used_bytes', 'V8 heap in use, bytes.', p.heapUsedBytes);
    registry.set(
      'process_cpu_seconds_total',
      'User and system CPU time, seconds.',
      p.cpuSeconds,
      {},
      'counter',
    );
    registry.set('process_start_time_seconds', 'Start of the process, Unix seconds.', p.startSeconds);
    return reply
      .header('cache-control', 'no-store')
      .type('text/plain; version=0.0.4; charset=utf-8')
      .send(registry.render());
  });
};

// Not encapsulated (what fastify-plugin does): the hooks see every route of the server.
(plugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;

/** Fastify plugin: GET /metrics plus hooks counting requests, refusals, issuances and latencies. */
export const metricsRoutes = plugin;
