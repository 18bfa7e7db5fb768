import ExcelJS from 'exceljs';
import type { SeatsOut } from './seats.schemas.ts';

// The seat table as people open it: CSV for anything, XLSX for Excel users (numbers stay numbers).
const COLUMNS: { header: string; value: (s: SeatsOut['items'][number]) => string | number | null; width?: number }[] = [
  { header: 'State', value: (s) => s.state }, { header: 'State name', value: (s) => s.stateName, width: 18 },
  { header: 'No', value: (s) => s.constituencyNo }, { header: 'Constituency', value: (s) => s.constituency, width: 22 },
  { header: 'Reserved', value: (s) => s.reservation }, { header: 'Winner', value: (s) => s.winnerParty },
  { header: 'Winner candidate', value: (s) => s.winnerCandidate, width: 24 }, { header: 'Runner-up', value: (s) => s.runnerUpParty },
  { header: 'Margin (votes)', value: (s) => s.marginVotes }, { header: 'Margin %', value: (s) => s.marginPct },
  { header: 'Party votes', value: (s) => s.partyVotes }, { header: 'Party %', value: (s) => s.partyShare },
  { header: 'Party position', value: (s) => s.partyPosition }, { header: 'Party lead (votes)', value: (s) => s.partyLead },
  { header: 'Classes', value: (s) => s.classes.join(' '), width: 30 },
];

export function seatsCsv(r: SeatsOut): string {
  const cell = (v: string | number | null) => {
    const s = v === null ? '' : String(v);
    const safe = /^[=+\-@]/.test(s) && typeof v === 'string' ? `'${s}` : s;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = [COLUMNS.map((c) => c.header).join(','), ...r.items.map((s) => COLUMNS.map((c) => cell(c.value(s))).join(','))];
  return `\ufeff${lines.join('\r\n')}\r\n`; // BOM so Excel reads Devanagari names as UTF-8
}

export async function seatsXlsx(r: SeatsOut): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Warroom';
  const sheet = book.addWorksheet(`${r.election.id} ${r.party}`.slice(0, 31));
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width ?? 12 }));
  for (const s of r.items) sheet.addRow(COLUMNS.map((c) => c.value(s)));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.autoFilter = { from: 'A1', to: { row: 1, column: COLUMNS.length } };
  return Buffer.from(await book.xlsx.writeBuffer());
}
