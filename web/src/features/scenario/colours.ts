// Colours for blocs and alliances: the well-known alliances by convention, parties as the seats map has them.
import { partyColour } from '../seats/colours.ts';

const ALLIANCES: Record<string, string> = {
  NDA: '#f97d09', UPA: '#19aaed', INDIA: '#19aaed', MGB: '#d6336c', LEFT: '#cc0d0d', OTH: '#9aa5b1',
};

export function blocColour(name: string, known?: ReadonlyMap<string, string>): string {
  return ALLIANCES[name] ?? partyColour(name, known);
}

/** +2.5, −1, 0: a swing as people write it (a real minus sign). */
export function signed(points: number, format: (n: number) => string): string {
  if (points === 0) return '0';
  return points > 0 ? `+${format(points)}` : `−${format(-points)}`;
}
