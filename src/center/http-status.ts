import type { RefusalCode } from '../domain/refusal.js';

/** The one table from refusal code to HTTP status (eligibility refusals are 403). */
export const httpStatus = (code: RefusalCode): number => {
  switch (code) {
    case 'INVALID_REQUEST':
      return 400;
    case 'PIN_INCORRECT':
    case 'PIN_LOCKED':
    case 'CARD_UNKNOWN':
    case 'CARD_REVOKED':
    case 'CARD_EXPIRED':
      return 401;
    case 'PAYMENT_INSUFFICIENT':
      return 402;
    case 'SESSION_EXPIRED':
      return 410;
    case 'SERVICE_UNAVAILABLE':
      return 503;
    case 'OUT_OF_HOURS':
    case 'MAINTENANCE':
    case 'TERMINAL_CLOSED':
    case 'CARD_ISSUED_TODAY':
    case 'ADDRESS_CHANGED_TODAY':
    case 'MOVED_OUT':
    case 'DECEASED':
    case 'REMOVED':
    case 'ISSUANCE_RESTRICTED':
    case 'NOT_IN_HOUSEHOLD':
    case 'NOT_IN_KOSEKI':
    case 'SEAL_NOT_REGISTERED':
    case 'TAX_NOT_DECLARED':
    case 'TAX_SWITCHOVER':
    case 'TAX_NOT_YET_AVAILABLE':
    case 'KOSEKI_PENDING':
    case 'HONSEKI_NOT_PARTICIPATING':
    case 'REGISTRATION_REQUIRED':
    case 'REGISTRATION_PENDING':
    case 'REGISTRATION_INVALIDATED':
    case 'NOT_RESIDENT':
    case 'CHARACTER_NOT_SUPPORTED':
      return 403;
  }
};
