import { execFile } from 'node:child_process';

// Pictures of printed pages for the demo's printer tray: poppler's pdftoppm renders one page
// of the printed PDF (the printer's own output, never the center's answer) to PNG.

/** PNG bytes of page `page` (1-based) of `file`, about `width` pixels wide; undefined if it cannot. */
export const renderPage = (file: string, page: number, width = 420): Promise<Buffer | undefined> =>
  new Promise((resolve) => {
    execFile(
      'pdftoppm',
      ['-png', '-f', String(page), '-l', String(page), '-scale-to', String(width), '-singlefile', file, '-'],
      { encoding: 'buffer', maxBuffer: 16 * 1024 * 1024, timeout: 20_000 },
      (err, stdout) => resolve(err || stdout.length === 0 ? undefined : stdout),
    );
  });
