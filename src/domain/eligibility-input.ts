import type { PlainDate } from './japan-time.js';
import type { CertificateRequest, TerminalKind } from './request.js';

// The snapshot that eligibility rules judge: built by the municipal issuing server from
// its registers inside the issuing transaction, judged by pure functions in domain.

/** A maintenance window, half-open [start, end), instants as ISO strings. */
export interface MaintenanceWindow {
  start: string;
  end: string;
  /** 'center' for the whole service, or a municipality code. */
  scope: string;
  note?: string;
}

/** Calendar settings that vary by municipality (SPEC §4). */
export interface CalendarSettings {
  /** Center-wide and the asked municipality's maintenance windows. */
  maintenance: MaintenanceWindow[];
  /** Last day (MM-DD, inclusive) of the June tax switch-over; from June 1. */
  taxSwitchoverEnd: string;
}

/** The card facts established by authentication (PKI). */
export interface CardFacts {
  serial: string;
  /** Japan date the user certificate was issued (notBefore). */
  issuedOn: PlainDate;
}

export type ResidentStatus = 'active' | 'moving_out' | 'moved_out' | 'deceased' | 'removed';

/** The holder's 住民基本台帳 record in the municipality asked (group A). */
export interface ResidentSnapshot {
  residentId: string;
  householdId: string;
  status: ResidentStatus;
  /** Japan date the last 転入/転居 was processed (usable from the next day). */
  addressChangedOn?: PlainDate;
  /** 支援措置 on the 住民票. */
  juminhyoRestricted: boolean;
  /** IDs of the current (not 消除) members of the holder's household, the holder included. */
  householdMemberIds: string[];
  /** 印鑑登録 state, undefined if never registered. */
  inkan?: { state: 'registered' | 'abolished' };
  /** Tax declarations by fiscal year: the latest declaration or amendment date of each. */
  taxDeclarations: { fiscalYear: number; declaredOn: PlainDate }[];
}

export type RegistrationState = 'pending' | 'approved' | 'rejected' | 'invalidated';

/** The holder's 戸籍 in the 本籍 municipality (group B). */
export type HonsekiSnapshot =
  /** No 戸籍 known for the holder (e.g. not a Japanese national). */
  | { kind: 'none' }
  | { kind: 'not_participating'; municipalityCode: string }
  | {
      kind: 'participating';
      municipalityCode: string;
      kosekiId: string;
      holderMemberId: string;
      /** IDs of the 戸籍's current members (not 除籍). */
      memberIds: string[];
      /** A 戸籍届出 accepted but not yet recorded. */
      notificationPending: boolean;
      /** 発行制限 on 戸籍 / 附票 for the holder. */
      restricted: boolean;
      /** The holder also lives in this municipality (no registration needed). */
      residesHere: boolean;
      /** The holder's newest 本籍地 registration, if any, with the serial it is bound to. */
      registration?: { state: RegistrationState; serial: string };
    };

export interface EligibilityInput {
  now: Date;
  terminal: TerminalKind;
  request: CertificateRequest;
  card: CardFacts;
  calendar: CalendarSettings;
  /** Group A: the record in the residence municipality; undefined if the holder does not live there. */
  resident?: ResidentSnapshot;
  /** Group B. */
  honseki?: HonsekiSnapshot;
}
