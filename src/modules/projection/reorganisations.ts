// Public facts about boundaries, as data: which seats of which elections can be compared, and how
// seats renumbered by a state reorganisation map onto the frame they came from. Sources: the
// Delimitation Order 2008; the Andhra Pradesh Reorganisation Act 2014 (Telangana from 2 June 2014, after
// that year's polls); the J&K Reorganisation Act 2019 (Ladakh a union territory from 31 October 2019);
// the Dadra and Nagar Haveli and Daman and Diu (Merger of UTs) Act 2019 (from 26 January 2020); the J&K
// delimitation of 2022 and the Assam delimitation of 2023 (both redrew every seat).

export type House = 'LS' | 'AE';

/** Spellings of a state or union territory used by sources, folded to one name. */
export const STATE_ALIASES: Record<string, string> = {
  'orissa': 'Odisha',
  'andaman & nicobar': 'Andaman & Nicobar Islands',
  'andaman and nicobar islands': 'Andaman & Nicobar Islands',
  'jammu and kashmir': 'Jammu & Kashmir',
  'dadra and nagar haveli': 'Dadra & Nagar Haveli',
  'dadra and nagar haveli and daman and diu': 'Dadra & Nagar Haveli and Daman & Diu',
  'daman and diu': 'Daman & Diu',
  'nct of delhi': 'Delhi',
  'pondicherry': 'Puducherry',
  'uttaranchal': 'Uttarakhand',
  'chattisgarh': 'Chhattisgarh',
};

/** A delimitation era for a state: seats compare only within one era. `from` is the first election year. */
export const ERAS: { state?: string; from: number; era: string }[] = [
  { from: 0, era: '1976' },
  { from: 2008, era: '2008' },
  { state: 'Jammu & Kashmir', from: 2023, era: 'JK-2022' },
  { state: 'Assam', from: 2024, era: 'AS-2023' },
];

/**
 * Seats of a state created by a reorganisation, mapped onto the state they were part of when the era's
 * seats were drawn: `number + offset` in `toState`, for elections from `from` on.
 */
export const SEAT_MAPS: { house: House; state: string; from: number; toState: string; offset: number; numbers?: [number, number] }[] = [
  // Telangana's 17 seats were Andhra Pradesh's 1–17; today's Andhra Pradesh 1–25 were its 18–42.
  { house: 'LS', state: 'Telangana', from: 2015, toState: 'Andhra Pradesh', offset: 0 },
  { house: 'LS', state: 'Andhra Pradesh', from: 2015, toState: 'Andhra Pradesh', offset: 17 },
  // Assembly: Telangana's 119 were 1–119 of the undivided assembly; Andhra Pradesh's 175 were 120–294.
  { house: 'AE', state: 'Telangana', from: 2015, toState: 'Andhra Pradesh', offset: 0 },
  { house: 'AE', state: 'Andhra Pradesh', from: 2015, toState: 'Andhra Pradesh', offset: 119 },
  // Ladakh was Jammu & Kashmir's seat 4 until 2019.
  { house: 'LS', state: 'Ladakh', from: 2020, toState: 'Jammu & Kashmir', offset: 3 },
  // The merged union territory numbers Dadra & Nagar Haveli 1 and Daman & Diu 2.
  { house: 'LS', state: 'Dadra & Nagar Haveli and Daman & Diu', from: 2020, toState: 'Dadra & Nagar Haveli', offset: 0, numbers: [1, 1] },
  { house: 'LS', state: 'Dadra & Nagar Haveli and Daman & Diu', from: 2020, toState: 'Daman & Diu', offset: -1, numbers: [2, 2] },
];
