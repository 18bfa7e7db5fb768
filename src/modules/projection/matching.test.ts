import { describe, expect, it } from 'vitest';
import { matchSeats, nameSimilarity, seatKey } from './matching.ts';

const s = (state: string, number: number, name: string) => ({ state, number, name });

describe('seat matching across a reorganisation', () => {
  // Andhra Pradesh 2014 (undivided, 42 seats, a few shown) against Telangana and Andhra Pradesh 2019.
  const ap2014 = [s('Andhra Pradesh', 1, 'ADILABAD'), s('Andhra Pradesh', 17, 'KHAMMAM'), s('Andhra Pradesh', 18, 'ARUKU'), s('Andhra Pradesh', 42, 'CHITTOOR')];
  const y2019 = [s('Telangana', 1, 'ADILABAD'), s('Telangana', 17, 'KHAMMAM'), s('Andhra Pradesh', 1, 'ARUKU'), s('Andhra Pradesh', 25, 'CHITTOOR')];

  it('maps Telangana 1–17 to Andhra Pradesh 1–17 and Andhra Pradesh 1–25 to its old 18–42', () => {
    const m = matchSeats(ap2014, { year: 2014 }, y2019, { year: 2019 });
    expect(m.unmatched).toEqual([]);
    expect(m.pairs.map((p) => `${p.from.number}→${p.to.state} ${p.to.number}`)).toEqual(['1→Telangana 1', '17→Telangana 17', '18→Andhra Pradesh 1', '42→Andhra Pradesh 25']);
  });

  it('never pairs by number alone when names disagree: wrong pairs are reported', () => {
    // Without the reorganisation (same year frame), AP 1 would meet ADILABAD against ARUKU.
    const m = matchSeats([s('Andhra Pradesh', 1, 'ADILABAD')], { year: 2014 }, [s('Andhra Pradesh', 1, 'ARUKU')], { year: 2014 });
    expect(m.pairs).toEqual([]);
    expect(m.unmatched.map((u) => u.side)).toEqual(['to', 'from']);
    expect(m.unmatched[0].reason).toMatch(/names disagree/);
  });

  it('reports seats with no partner, with their names', () => {
    const m = matchSeats([s('Goa', 1, 'NORTH GOA')], { year: 2014 }, [s('Goa', 1, 'NORTH GOA'), s('Goa', 2, 'SOUTH GOA')], { year: 2019 });
    expect(m.pairs).toHaveLength(1);
    expect(m.unmatched).toEqual([{ side: 'to', state: 'Goa', number: 2, name: 'SOUTH GOA', reason: 'no seat in the earlier election maps here' }]);
  });

  it('follows Ladakh, the merged Dadra & Nagar Haveli and Daman & Diu, and refuses the redrawn J&K', () => {
    expect(seatKey('Ladakh', 1, { year: 2024 })).toBe(seatKey('Jammu & Kashmir', 4, { year: 2019 }));
    expect(seatKey('Dadra & Nagar Haveli and Daman & Diu', 2, { year: 2024 })).toBe(seatKey('Daman & Diu', 1, { year: 2019 }));
    expect(seatKey('Dadra and Nagar Haveli and Daman and Diu', 1, { year: 2024 })).toBe(seatKey('Dadra & Nagar Haveli', 1, { year: 2019 }));
    expect(seatKey('Jammu & Kashmir', 1, { year: 2024 })).not.toBe(seatKey('Jammu & Kashmir', 1, { year: 2019 }));
    expect(seatKey('Assam', 1, { year: 2024 })).not.toBe(seatKey('Assam', 1, { year: 2019 }));
    expect(seatKey('Orissa', 3, { year: 2009 })).toBe(seatKey('Odisha', 3, { year: 2014 }));
    expect(seatKey('Goa', 1, { year: 2004 })).not.toBe(seatKey('Goa', 1, { year: 2009 }));
  });

  it('accepts the spellings sources use for the same seat', () => {
    for (const [a, b] of [['FEROZPUR', 'FIROZPUR'], ['BURDWAN - DURGAPUR', 'BARDHAMAN DURGAPUR'], ['GAYA', 'GAYA (SC)'], ['JOYNAGAR', 'JAYNAGAR'], ['DADAR & NAGAR HAVELI', 'DADRA AND NAGAR HAVELI'], ['NORTH WEST  DELHI', 'NORTH WEST DELHI'], ['CHELVELLA', 'CHEVELLA']]) {
      expect(nameSimilarity(a, b), `${a} / ${b}`).toBeGreaterThanOrEqual(0.5);
    }
    for (const [a, b] of [['ADILABAD', 'ARUKU'], ['PEDDAPALLE', 'SRIKAKULAM'], ['NORTH GOA', 'SOUTH GOA']]) {
      expect(nameSimilarity(a, b), `${a} / ${b}`).toBeLessThan(0.5);
    }
  });
});
