import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Pictures of printed pages for the demo's printer tray: poppler's pdftoppm renders one page
// of the printed PDF (the printer's own output, never the center's answer) to PNG.

/** PNG bytes of page `page` (1-based) of `file`, about `width` pixels wide; undefined if it cannot. */
export const renderPage = (file: string, page: number, width = 420): Promise<Buffer | undefined> =>
  new Promise((resolve) => {
    const dir = mkdtempSync(join(tmpdir(), 'kofu-tray-'));
    const out = join(dir, 'page');
    execFile(
      'pdftoppm',
      ['-png', '-f', String(page), '-l', String(page), '-scale-to', String(width), '-singlefile', file, out],
      { timeout: 20_000 },
      (err) => {
        let png: Buffer | undefined;
        try {
          png = err ? undefined : readFileSync(`${out}.png`);
        } catch {
          png = undefined;
        }
        rmSync(dir, { recursive: true, force: true });
        resolve(png);
      },
    );
  });
