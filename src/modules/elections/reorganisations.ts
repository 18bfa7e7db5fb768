// Results of Lok Sabha seats that a later state reorganisation moved, renumbered into today's frame at
// import, so a seat's history, strongholds and trend compare the same place across elections — the
// constituencies table has one row per (state, number, era) and must not hold Adilabad (Andhra
// Pradesh 1 in 2014) and Araku (Andhra Pradesh 1 since 2019) as one seat. Public facts: the Andhra
// Pradesh Reorganisation Act 2014 (Telangana from 2 June 2014, after that year's polls: its 17 PCs
// were Andhra Pradesh's 1–17, today's Andhra Pradesh 1–25 were its 18–42); the J&K Reorganisation
// Act 2019 (Ladakh, J&K's PC 4, a union territory from 31 October 2019); the Dadra and Nagar Haveli
// and Daman and Diu (Merger of UTs) Act 2019 (from 26 January 2020: Dadra & Nagar Haveli is PC 1 and
// Daman & Diu PC 2 of the merged territory, which keeps the code U03). Assembly seats are not moved:
// an assembly election is one state's, and none of these splits happened between two assembly polls
// that the public files number differently.

interface SeatMove { state: string; before: number; range: [number, number]; toState: string; offset: number; about: string }

const MOVES: SeatMove[] = [
  { state: 'S01', before: 2015, range: [1, 17], toState: 'S29', offset: 0, about: "Andhra Pradesh's PCs 1–17 are today's Telangana 1–17" },
  { state: 'S01', before: 2015, range: [18, 42], toState: 'S01', offset: -17, about: "Andhra Pradesh's PCs 18–42 are today's Andhra Pradesh 1–25" },
  { state: 'S09', before: 2020, range: [4, 4], toState: 'U09', offset: -3, about: "Jammu & Kashmir's PC 4 is today's Ladakh" },
  { state: 'U04', before: 2020, range: [1, 1], toState: 'U03', offset: 1, about: 'Daman & Diu is PC 2 of the merged Dadra & Nagar Haveli and Daman & Diu' },
];

/** Where a Lok Sabha seat of `year` sits in today's frame, and why it moved (undefined: it did not). */
export function currentSeat(house: 'LS' | 'AE', year: number, era: number, stateCode: string, no: number): { stateCode: string; no: number; about: string } | undefined {
  // Only seats of the 2008 delimitation: older eras number the undivided states differently.
  if (house !== 'LS' || era !== 2008) return undefined;
  const m = MOVES.find((x) => x.state === stateCode && year < x.before && no >= x.range[0] && no <= x.range[1]);
  return m ? { stateCode: m.toState, no: no + m.offset, about: m.about } : undefined;
}
