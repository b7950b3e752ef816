// ISO 7816-4 short APDUs of the JPKI application, as the OpenSC card-jpki.c driver sends them.

/** AID of the JPKI application (DF name). */
export const JPKI_AID = Uint8Array.from(Buffer.from('D392F000260100000001', 'hex'));

/** File IDs inside the JPKI AP (user-authentication side). */
export const EF = {
  /** User-authentication certificate. */
  USER_CERTIFICATE: 0x000a,
  /** The CA certificate of the user-authentication certificate. */
  CA_CERTIFICATE: 0x000b,
  /** User-authentication private key. */
  USER_KEY: 0x0017,
  /** User-authentication PIN. */
  USER_PIN: 0x0018,
} as const;

/** Status words the virtual card answers with. */
export const SW = {
  OK: 0x9000,
  /** 63Cx: wrong PIN (or no PIN sent), x tries left. */
  PIN_TRIES: 0x63c0,
  MEMORY_FAILURE: 0x6581,
  WRONG_LENGTH: 0x6700,
  INCOMPATIBLE_FILE: 0x6981,
  SECURITY_NOT_SATISFIED: 0x6982,
  AUTH_BLOCKED: 0x6983,
  CONDITIONS_NOT_SATISFIED: 0x6985,
  NO_CURRENT_EF: 0x6986,
  FILE_NOT_FOUND: 0x6a82,
  INCORRECT_P1P2: 0x6a86,
  WRONG_PARAMETERS: 0x6b00,
  INS_NOT_SUPPORTED: 0x6d00,
  CLA_NOT_SUPPORTED: 0x6e00,
  NO_DIAGNOSIS: 0x6f00,
} as const;

/** A parsed command APDU. */
export interface CommandApdu {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  /** Command data (empty when there is no Lc). */
  data: Uint8Array;
  /** Expected response length (Le 00 = 256); undefined when absent. */
  le?: number;
}

/** Parses a short APDU (cases 1–4); undefined when its length bytes do not add up (→ 6700). */
export const parseCommandApdu = (bytes: Uint8Array): CommandApdu | undefined => {
  if (!(bytes instanceof Uint8Array) || bytes.length < 4) return undefined;
  const [cla, ins, p1, p2] = [bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!];
  if (bytes.length === 4) return { cla, ins, p1, p2, data: new Uint8Array(0) };
  const b4 = bytes[4]!;
  if (bytes.length === 5) return { cla, ins, p1, p2, data: new Uint8Array(0), le: b4 || 256 };
  // Lc = 0 would start an extended APDU, which the card does not support.
  if (b4 === 0) return undefined;
  const data = bytes.slice(5, 5 + b4);
  if (bytes.length === 5 + b4) return { cla, ins, p1, p2, data };
  if (bytes.length === 6 + b4) return { cla, ins, p1, p2, data, le: bytes[5 + b4]! || 256 };
  return undefined;
};

/** A response APDU: data followed by SW1 SW2. */
export const response = (sw: number, data: Uint8Array = new Uint8Array(0)): Uint8Array => {
  const out = new Uint8Array(data.length + 2);
  out.set(data, 0);
  out[data.length] = sw >> 8;
  out[data.length + 1] = sw & 0xff;
  return out;
};

/** Splits a response into its data and status word; undefined if shorter than 2 bytes. */
export const splitResponse = (bytes: Uint8Array): { data: Uint8Array; sw: number } | undefined =>
  bytes.length < 2
    ? undefined
    : {
        data: bytes.subarray(0, bytes.length - 2),
        sw: (bytes[bytes.length - 2]! << 8) | bytes[bytes.length - 1]!,
      };

const cmd = (head: number[], data?: Uint8Array, le?: number): Uint8Array =>
  Uint8Array.from([
    ...head,
    ...(data ? [data.length, ...data] : []),
    ...(le === undefined ? [] : [le & 0xff]),
  ]);

/** Builders of the commands the kiosk sends. */
export const APDU = {
  /** SELECT by DF name: 00 A4 04 0C 0A D392F000260100000001. */
  selectJpkiAp: (): Uint8Array => cmd([0x00, 0xa4, 0x04, 0x0c], JPKI_AID),
  /** SELECT EF by file ID: 00 A4 02 0C 02 <fid>. */
  selectEf: (fid: number): Uint8Array => cmd([0x00, 0xa4, 0x02, 0x0c], Uint8Array.of(fid >> 8, fid & 0xff)),
  /** VERIFY with the PIN as ASCII digits: 00 20 00 80 04 <pin>; without a PIN it asks the tries left. */
  verify: (pin?: string): Uint8Array =>
    pin === undefined
      ? cmd([0x00, 0x20, 0x00, 0x80])
      : cmd([0x00, 0x20, 0x00, 0x80], Buffer.from(pin, 'latin1')),
  /** READ BINARY: 00 B0 <offset hi> <offset lo> <Le> (Le 0 = 256). */
  readBinary: (offset: number, le: number): Uint8Array =>
    cmd([0x00, 0xb0, (offset >> 8) & 0x7f, offset & 0xff], undefined, le),
  /** COMPUTE DIGITAL SIGNATURE: 80 2A 00 80 <Lc> <DigestInfo> 00. */
  computeSignature: (digestInfo: Uint8Array): Uint8Array => cmd([0x80, 0x2a, 0x00, 0x80], digestInfo, 0),
};

/** DER prefix of a SHA-256 DigestInfo (RFC 8017 §9.2 note 1). */
export const SHA256_DIGEST_INFO_PREFIX = Uint8Array.from(
  Buffer.from('3031300d060960864801650304020105000420', 'hex'),
);
