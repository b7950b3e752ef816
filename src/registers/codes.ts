// Check digits of the national codes kept in the registers.

const digitsOf = (s: string): number[] => [...s].map(Number);

/** 全国地方公共団体コード: 5 digits + check digit (weights 6..2, mod 11). */
export const municipalityCheckDigit = (five: string): number => {
  const sum = digitsOf(five).reduce((acc, d, i) => acc + d * (6 - i), 0);
  return (11 - (sum % 11)) % 10;
};

export const isMunicipalityCode = (code: string): boolean =>
  /^\d{6}$/.test(code) && municipalityCheckDigit(code.slice(0, 5)) === Number(code[5]);

/** 個人番号: 11 digits + check digit as the 総務省令 defines it. */
export const kojinBangoCheckDigit = (eleven: string): number => {
  const d = digitsOf(eleven).reverse(); // P1 is the rightmost digit
  let sum = 0;
  for (let n = 1; n <= 11; n++) sum += (d[n - 1] ?? 0) * (n <= 6 ? n + 1 : n - 5);
  const r = sum % 11;
  return r <= 1 ? 0 : 11 - r;
};

export const isKojinBango = (s: string): boolean =>
  /^\d{12}$/.test(s) && kojinBangoCheckDigit(s.slice(0, 11)) === Number(s[11]);

/** 住民票コード: 10 digits + a mod-11 check digit (weights 2..7 from the right). */
export const juminhyoCodeCheckDigit = (ten: string): number => {
  const d = digitsOf(ten).reverse();
  const sum = d.reduce((acc, x, i) => acc + x * ((i % 6) + 2), 0);
  const r = sum % 11;
  return r <= 1 ? 0 : 11 - r;
};

export const isJuminhyoCode = (s: string): boolean =>
  /^\d{11}$/.test(s) && juminhyoCodeCheckDigit(s.slice(0, 10)) === Number(s[10]);

/** Luhn check digit over a digit string. */
export const luhnDigit = (digits: string): number => {
  let sum = 0;
  const d = digitsOf(digits).reverse();
  for (let i = 0; i < d.length; i++) {
    let x = d[i] ?? 0;
    if (i % 2 === 0) {
      x *= 2;
      if (x > 9) x -= 9;
    }
    sum += x;
  }
  return (10 - (sum % 10)) % 10;
};

/** 固有番号: municipality code, year, 8-digit sequence and a Luhn digit, e.g. 284815-2026-00000042-3. */
export const issuanceNumber = (municipalityCode: string, year: number, seq: number): string => {
  const body = `${municipalityCode}${String(year).padStart(4, '0')}${String(seq).padStart(8, '0')}`;
  return `${municipalityCode}-${String(year).padStart(4, '0')}-${String(seq).padStart(8, '0')}-${luhnDigit(body)}`;
};

export const isIssuanceNumber = (s: string): boolean => {
  const m = /^(\d{6})-(\d{4})-(\d{8})-(\d)$/.exec(s);
  return !!m && luhnDigit(`${m[1]}${m[2]}${m[3]}`) === Number(m[4]);
};
