import { firstOfNextMonth, latestFiscalYear } from './calendar-days.js';
import { type CertificateCode, certificateType } from './catalogue.js';
import type { EligibilityInput, HonsekiSnapshot, ResidentSnapshot } from './eligibility-input.js';
import { addDays, japanDate, japanInstant, type PlainDate } from './japan-time.js';
import { ok, type Refused, type Result, refuse } from './refusal.js';
import type { CertificateRequest } from './request.js';
import { validateRequest } from './request-validation.js';
import { firstOpenAtOrAfter, serviceAvailability } from './service-hours.js';

// The order of judgement (docs/rules.md); the first refusal wins:
//  0. the request's shape (INVALID_REQUEST): a malformed request cannot be judged at all;
//  1. hours: TAX_SWITCHOVER, TERMINAL_CLOSED, OUT_OF_HOURS, MAINTENANCE (serviceAvailability);
//  2. the card: CARD_ISSUED_TODAY (expiry and revocation are judged by the PKI before this);
//  3. routing and registration: NOT_RESIDENT (group A); NOT_IN_KOSEKI (no 戸籍),
//     HONSEKI_NOT_PARTICIPATING, REGISTRATION_REQUIRED / _PENDING / _INVALIDATED (group B);
//  4. the person: DECEASED, REMOVED, MOVED_OUT (group A), then ADDRESS_CHANGED_TODAY;
//  5. the certificate: ISSUANCE_RESTRICTED (住民票・記載事項 / 戸籍・附票), KOSEKI_PENDING,
//     SEAL_NOT_REGISTERED, TAX_NOT_DECLARED, TAX_NOT_YET_AVAILABLE;
//  6. the options: NOT_IN_HOUSEHOLD (chosen household members), NOT_IN_KOSEKI (chosen 戸籍 members).

type Step = Refused | undefined;

const TAX: ReadonlySet<CertificateCode> = new Set(['shotoku', 'kazei']);
const RESTRICTED_BY_JUMINHYO: ReadonlySet<CertificateCode> = new Set(['juminhyo', 'kisai']);

/** The first opening on the day after `date` (a card or an address change made today). */
const nextDayOpening = (input: EligibilityInput, request: CertificateRequest, date: PlainDate): string =>
  firstOpenAtOrAfter({
    cert: request.cert,
    terminal: input.terminal,
    at: japanInstant(addDays(date, 1)),
    calendar: input.calendar,
  });

const hours = (input: EligibilityInput, request: CertificateRequest): Step => {
  const a = serviceAvailability({
    cert: request.cert,
    terminal: input.terminal,
    at: input.now,
    calendar: input.calendar,
  });
  return a.available ? undefined : refuse(a.reason, { nextOpen: a.nextOpen });
};

const card = (input: EligibilityInput, request: CertificateRequest, today: PlainDate): Step =>
  // A notBefore after today is treated like today: never usable before the day after issue.
  input.card.issuedOn >= today
    ? refuse('CARD_ISSUED_TODAY', { nextOpen: nextDayOpening(input, request, input.card.issuedOn) })
    : undefined;

type Participating = Extract<HonsekiSnapshot, { kind: 'participating' }>;

const routing = (
  input: EligibilityInput,
  request: CertificateRequest,
): Refused | { resident: ResidentSnapshot } | { honseki: Participating } => {
  if (certificateType(request.cert).group === 'A') {
    return input.resident ? { resident: input.resident } : refuse('NOT_RESIDENT');
  }
  const h = input.honseki;
  if (!h || h.kind === 'none') return refuse('NOT_IN_KOSEKI', { detail: 'no 戸籍 known for the holder' });
  if (h.kind === 'not_participating') return refuse('HONSEKI_NOT_PARTICIPATING');
  if (h.residesHere) return { honseki: h };
  const reg = h.registration;
  if (!reg || reg.state === 'rejected') return refuse('REGISTRATION_REQUIRED');
  if (reg.state === 'pending') return refuse('REGISTRATION_PENDING');
  // Bound to the certificate's serial: a renewed certificate needs a new registration (seed).
  if (reg.state === 'invalidated' || reg.serial !== input.card.serial)
    return refuse('REGISTRATION_INVALIDATED');
  return { honseki: h };
};

const person = (input: EligibilityInput, request: CertificateRequest, today: PlainDate): Step => {
  const r = input.resident;
  if (certificateType(request.cert).group === 'A' && r) {
    if (r.status === 'deceased') return refuse('DECEASED');
    if (r.status === 'removed') return refuse('REMOVED');
    if (r.status === 'moving_out' || r.status === 'moved_out') return refuse('MOVED_OUT');
  }
  // The card's address data is rewritten on the day of a 転入/転居: usable from the next day (seed).
  if (r?.addressChangedOn !== undefined && r.addressChangedOn >= today)
    return refuse('ADDRESS_CHANGED_TODAY', { nextOpen: nextDayOpening(input, request, r.addressChangedOn) });
  return undefined;
};

const taxCertificate = (r: ResidentSnapshot, today: PlainDate): Step => {
  const year = latestFiscalYear(today);
  const declaration = r.taxDeclarations.find((d) => d.fiscalYear === year);
  if (!declaration) return refuse('TAX_NOT_DECLARED', { detail: `fiscal year ${year}` });
  const from = firstOfNextMonth(declaration.declaredOn);
  return today < from ? refuse('TAX_NOT_YET_AVAILABLE', { availableFrom: from }) : undefined;
};

const residentCertificate = (request: CertificateRequest, r: ResidentSnapshot, today: PlainDate): Step => {
  if (RESTRICTED_BY_JUMINHYO.has(request.cert) && r.juminhyoRestricted) return refuse('ISSUANCE_RESTRICTED');
  if (request.cert === 'inkan' && r.inkan?.state !== 'registered') return refuse('SEAL_NOT_REGISTERED');
  if (TAX.has(request.cert)) return taxCertificate(r, today);
  if (request.scope === 'members') {
    const household = new Set(r.householdMemberIds);
    if (!(request.members ?? []).every((m) => household.has(m))) return refuse('NOT_IN_HOUSEHOLD');
  }
  return undefined;
};

const kosekiCertificate = (request: CertificateRequest, h: Participating): Step => {
  if (h.restricted) return refuse('ISSUANCE_RESTRICTED');
  if (h.notificationPending) return refuse('KOSEKI_PENDING');
  if (request.kind === 'individual') {
    const members = new Set(h.memberIds);
    if (!(request.members ?? []).every((m) => members.has(m))) return refuse('NOT_IN_KOSEKI');
  }
  return undefined;
};

/** Judges whether the request may be issued now to this card holder; the first refusal in the documented order wins. */
export const checkEligibility = (input: EligibilityInput): Result<true> => {
  const valid = validateRequest(input.request);
  if (!valid.ok) return valid;
  const request = valid.value;
  const today = japanDate(input.now);
  const early = hours(input, request) ?? card(input, request, today);
  if (early) return early;
  const routed = routing(input, request);
  if ('ok' in routed) return routed;
  const situation = person(input, request, today);
  if (situation) return situation;
  const specific =
    'resident' in routed
      ? residentCertificate(request, routed.resident, today)
      : kosekiCertificate(request, routed.honseki);
  return specific ?? ok(true);
};
