// Indian states and union territories with their Election Commission codes (public facts), the
// abbreviations election ids use (AE-GJ-2022), and the highest PC and AC numbers in the 2008
// delimitation, so a file's unknown state or impossible seat number is caught at its line.

export interface StateInfo { code: string; name: string; abbr: string[]; kind: 'state' | 'ut'; maxPc: number; maxAc: number }

const S = (code: string, name: string, abbr: string, maxPc: number, maxAc: number, kind: 'state' | 'ut' = 'state'): StateInfo =>
  ({ code, name, abbr: abbr.split('/'), kind, maxPc, maxAc });

// Andhra Pradesh keeps its pre-2014 maxima (42 PCs, 294 ACs): 2009 and 2014 results number it whole.
export const STATES: readonly StateInfo[] = [
  S('S01', 'Andhra Pradesh', 'AP', 42, 294), S('S02', 'Arunachal Pradesh', 'AR', 2, 60), S('S03', 'Assam', 'AS', 14, 126),
  S('S04', 'Bihar', 'BR', 40, 243), S('S05', 'Goa', 'GA', 2, 40), S('S06', 'Gujarat', 'GJ', 26, 182),
  S('S07', 'Haryana', 'HR', 10, 90), S('S08', 'Himachal Pradesh', 'HP', 4, 68), S('S09', 'Jammu & Kashmir', 'JK', 6, 87),
  S('S10', 'Karnataka', 'KA', 28, 224), S('S11', 'Kerala', 'KL', 20, 140), S('S12', 'Madhya Pradesh', 'MP', 29, 230),
  S('S13', 'Maharashtra', 'MH', 48, 288), S('S14', 'Manipur', 'MN', 2, 60), S('S15', 'Meghalaya', 'ML', 2, 60),
  S('S16', 'Mizoram', 'MZ', 1, 40), S('S17', 'Nagaland', 'NL', 1, 60), S('S18', 'Odisha', 'OD/OR', 21, 147),
  S('S19', 'Punjab', 'PB', 13, 117), S('S20', 'Rajasthan', 'RJ', 25, 200), S('S21', 'Sikkim', 'SK', 1, 32),
  S('S22', 'Tamil Nadu', 'TN', 39, 234), S('S23', 'Tripura', 'TR', 2, 60), S('S24', 'Uttar Pradesh', 'UP', 80, 403),
  S('S25', 'West Bengal', 'WB', 42, 294), S('S26', 'Chhattisgarh', 'CG/CT', 11, 90), S('S27', 'Jharkhand', 'JH', 14, 81),
  S('S28', 'Uttarakhand', 'UK/UT', 5, 70), S('S29', 'Telangana', 'TG/TS', 17, 119),
  S('U01', 'Andaman & Nicobar Islands', 'AN', 1, 0, 'ut'), S('U02', 'Chandigarh', 'CH', 1, 0, 'ut'),
  S('U03', 'Dadra & Nagar Haveli', 'DN', 2, 0, 'ut'), S('U04', 'Daman & Diu', 'DD', 1, 0, 'ut'),
  S('U05', 'Delhi', 'DL', 7, 70, 'ut'), S('U06', 'Lakshadweep', 'LD', 1, 0, 'ut'), S('U07', 'Puducherry', 'PY', 1, 30, 'ut'),
  S('U08', 'Jammu & Kashmir', 'JK', 5, 90, 'ut'), S('U09', 'Ladakh', 'LA', 1, 0, 'ut'),
];

// Other spellings seen in public files (TCPD, Census-era names, boundary files) → ECI code.
const ALIASES: Record<string, string> = {
  ORISSA: 'S18', ANDAMANNICOBAR: 'U01', ANDAMANANDNICOBAR: 'U01', PONDICHERRY: 'U07', NCTOFDELHI: 'U05',
  UTTARANCHAL: 'S28', CHHATISGARH: 'S26', MADRAS: 'S22', MYSORE: 'S10', GOADAMANANDDIU: 'S05',
  DADRAANDNAGARHAVELIANDDAMANANDDIU: 'U03', DADRANAGARHAVELI: 'U03', DAMANDIU: 'U04', JAMMUKASHMIR: 'S09',
};

const byCode = new Map(STATES.map((s) => [s.code, s]));
const byKey = new Map<string, StateInfo>();
for (const s of [...STATES].reverse()) byKey.set(nameKey(s.name), s); // S09 wins J&K by name; see stateCodeFor
for (const [k, code] of Object.entries(ALIASES)) byKey.set(k, byCode.get(code)!);

function nameKey(name: string): string {
  return name.toUpperCase().replace(/&/g, 'AND').replace(/[^A-Z]/g, '');
}

export function stateByCode(code: string): StateInfo | undefined { return byCode.get(code.toUpperCase()); }

/**
 * The ECI code for a state's name, code or abbreviation. Jammu & Kashmir was the state S09 until
 * its reorganisation on 31 October 2019 and is the UT U08 after, so a name resolves by the year
 * (the Lok Sabha poll of April 2019 is S09, as the public files have it).
 */
export function stateCodeFor(text: string, year?: number): string | undefined {
  const t = text.trim();
  if (/^[SU]\d{2}$/i.test(t)) return byCode.has(t.toUpperCase()) ? t.toUpperCase() : undefined;
  const abbr = STATES.find((s) => s.abbr.includes(t.toUpperCase()));
  const found = abbr ?? byKey.get(nameKey(t));
  if (!found) return undefined;
  if ((found.code === 'S09' || found.code === 'U08') && year !== undefined) return year >= 2020 ? 'U08' : 'S09';
  return found.code;
}

/** The highest seat number of a state and house in the 2008 delimitation (undefined: not checked). */
export function maxSeat(code: string, house: 'LS' | 'AE'): number | undefined {
  const s = byCode.get(code);
  if (!s) return undefined;
  const max = house === 'LS' ? s.maxPc : s.maxAc;
  return max > 0 ? max : undefined;
}
