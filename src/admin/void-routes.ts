import { Type } from '@sinclair/typebox';
import { addVoid, municipalityOfSerial, readVoids, SERIAL_PATTERN } from '../verify/index.js';
import { runAction } from './action.js';
import type { AdminDeps } from './context.js';
import { type AdminResult, done, fail, invalid } from './errors.js';
import type { Action } from './permissions.js';
import type { Staff } from './staff.js';

// 交付番号の無効化: the town hall voids a certificate number printed in error, in the same store
// as `kofu certificate void` (DATA/center/voided.json); verification then says voided.

const VoidParams = Type.Object({ number: Type.String({ maxLength: 40 }) }, { additionalProperties: false });
const VoidBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export interface VoidAnswer {
  serial: string;
  voided: true;
  at: string;
  /** false when the number had been voided already (the first entry is kept). */
  newlyVoided: boolean;
}

/** Voids a 固有番号 of the staff member's own town. */
export const voidCertificate = (
  deps: AdminDeps,
  staff: Staff,
  serial: string,
  reason: string,
): Promise<AdminResult<VoidAnswer>> =>
  runAction(deps, staff, 'certificate.void', async ({ now }) => {
    if (!SERIAL_PATTERN.test(serial)) return invalid('serial', 'the 固有番号 as printed');
    // Another town's numbers are not this console's to void.
    if (municipalityOfSerial(serial) !== staff.municipalityCode)
      return fail('forbidden', { detail: 'other town' });
    const text = reason.trim();
    if (!text) return invalid('reason', 'empty');
    const newlyVoided = addVoid(deps.dataDir, {
      serial,
      at: now.toISOString(),
      by: `staff:${staff.id}`,
      reason: text,
    });
    const at = readVoids(deps.dataDir).get(serial)?.at ?? now.toISOString();
    // The reason may name a person: only the number is audited.
    return done({ value: { serial, voided: true as const, at, newlyVoided }, refs: { serial, newlyVoided } });
  });

type Route = (
  method: 'POST',
  url: string,
  action: Action,
  schema: Record<string, unknown>,
  handler: (
    request: { params: unknown; body: unknown },
    reply: unknown,
    s: Staff,
  ) => Promise<AdminResult<unknown>>,
) => unknown;

/** `POST /certificates/:number/void { reason }` (action certificate.void). */
export const registerVoidRoutes = (route: Route, deps: AdminDeps): void => {
  route(
    'POST',
    '/certificates/:number/void',
    'certificate.void',
    { params: VoidParams, body: VoidBody },
    (q, _r, s) =>
      voidCertificate(
        deps,
        s,
        (q.params as { number: string }).number,
        (q.body as { reason: string }).reason,
      ),
  );
};
