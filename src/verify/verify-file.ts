import type { KeyObject } from 'node:crypto';
import { readImage } from './scan.js';
import { type Verification, type VerifyOptions, verifyPdf, verifyScans } from './verify-document.js';

// One entry point for whatever the verifier was handed: a PDF, or PNG scans of back sides.

const isPdf = (b: Uint8Array): boolean => Buffer.from(b.subarray(0, 5)).toString('latin1') === '%PDF-';

/** Verifies a PDF, or one or more PNG or JPEG scans (either side) (one per sheet), offline. */
export const verifyFiles = (
  files: Uint8Array[],
  keys: ReadonlyMap<string, KeyObject>,
  o: VerifyOptions = {},
): Verification => {
  const first = files[0];
  if (first && files.length === 1 && isPdf(first)) return verifyPdf(first, keys, o);
  const images = files.map(readImage);
  const unreadable = images.indexOf(undefined);
  if (files.length === 0 || unreadable >= 0) {
    const v = verifyScans([], keys);
    v.problems.push(
      files.length === 0 ? 'no file' : `file ${unreadable + 1} is neither a PDF nor a PNG or JPEG image`,
    );
    return v;
  }
  return verifyScans(
    images.filter((i) => i !== undefined),
    keys,
    o,
  );
};

/** Asks the center whether a certificate number was voided; undefined when it cannot say. */
export const askVoided = async (center: string, serial: string): Promise<boolean | undefined> => {
  try {
    const url = new URL(`/verify/api/status/${encodeURIComponent(serial)}`, center);
    const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    if (!res.ok) return undefined;
    const body = (await res.json()) as { voided?: unknown };
    return typeof body.voided === 'boolean' ? body.voided : undefined;
  } catch {
    return undefined;
  }
};

/** Adds the online answer: a valid certificate whose number was voided becomes voided. */
export const withVoidCheck = (v: Verification, voided: boolean | undefined): Verification => {
  if (voided === undefined) return { ...v, problems: [...v.problems, 'the center could not be asked'] };
  const checks = { ...v.checks, voided: true };
  if (!voided) return { ...v, checks };
  return {
    ...v,
    checks,
    outcome: v.outcome === 'valid' ? 'voided' : v.outcome,
    problems: [...v.problems, 'the number was voided by the town hall'],
  };
};
