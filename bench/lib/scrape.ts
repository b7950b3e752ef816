import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';

// The center's own counters (GET /metrics), to set beside the driver's: both should agree.

export interface CenterCounters {
  certificatesIssued: number;
  requests: number;
  refusals: Record<string, number>;
}

const sumOf = (text: string, name: string): number =>
  text
    .split('\n')
    .filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `))
    .reduce((s, l) => s + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);

/** Scrapes /metrics; undefined when the center does not serve it. */
export const scrapeCenter = (url: string, terminalDir: string): Promise<CenterCounters | undefined> =>
  new Promise((resolve) => {
    const req = request(
      new URL('/metrics', url),
      { ca: readFileSync(join(terminalDir, 'ca.pem')), timeout: 10_000 },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          text += c;
        });
        res.on('end', () => {
          if (res.statusCode !== 200) return resolve(undefined);
          const refusals: Record<string, number> = {};
          for (const m of text.matchAll(/^kofu_refusals_total\{code="([A-Z_]+)"\} (\d+)$/gm))
            refusals[m[1]!] = Number(m[2]);
          resolve({
            certificatesIssued: sumOf(text, 'kofu_certificates_issued_total'),
            requests: sumOf(text, 'kofu_http_requests_total'),
            refusals,
          });
        });
      },
    );
    req.on('error', () => resolve(undefined));
    req.on('timeout', () => req.destroy());
    req.end();
  });
