// A month of tours: a week grid on a wide screen, a list of the days that have tours on a phone
// (tours.css switches between them at 640 px, so a 360 px screen never scrolls sideways).
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { QueryGate } from '../../components/ui.tsx';
import { useLocalName } from '../../i18n/index.ts';
import { addDays, indiaDay, TOURS, toursApi, type Tour } from './api.ts';

const monthOf = (text: string | null) => (text && /^\d{4}-\d{2}$/.test(text) ? text : indiaDay().slice(0, 7));
function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}
const lastDay = (month: string) => addDays(`${shiftMonth(month, 1)}-01`, -1);

/** The month's days padded to whole weeks, Monday first. */
function weeks(month: string): (string | null)[][] {
  const first = `${month}-01`;
  const lead = (new Date(`${first}T00:00:00Z`).getUTCDay() + 6) % 7;
  const days: (string | null)[] = Array.from({ length: lead }, () => null);
  for (let d = first; d <= lastDay(month); d = addDays(d, 1)) days.push(d);
  while (days.length % 7) days.push(null);
  return Array.from({ length: days.length / 7 }, (_, i) => days.slice(i * 7, i * 7 + 7));
}

const onDay = (tours: Tour[], day: string) => tours.filter((x) => x.startsOn <= day && x.endsOn >= day);

export function TourCalendar() {
  const { t, i18n } = useTranslation();
  const local = useLocalName();
  const [params, setParams] = useSearchParams();
  const month = monthOf(params.get('month'));
  const q = { from: `${month}-01`, to: lastDay(month) };
  const tours = useQuery({ queryKey: [TOURS, 'list', q], queryFn: () => toursApi.list(q) });
  const locale = i18n.language === 'hi' ? 'hi-IN' : 'en-IN';
  const title = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
  const weekday = (i: number) => new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1 + i)));
  const dayLabel = (d: string) => new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`));
  const go = (n: number) => setParams({ view: 'calendar', month: shiftMonth(month, n) }, { replace: true });
  const today = indiaDay();
  return (
    <section className="tours-cal" data-testid="tours-calendar">
      <div className="tours-cal-head">
        <button type="button" className="btn org-tap" onClick={() => go(-1)} aria-label={t('tours.prevMonth')} data-testid="cal-prev">‹</button>
        <h2 className="tours-cal-title" data-testid="cal-title">{title}</h2>
        <button type="button" className="btn org-tap" onClick={() => go(1)} aria-label={t('tours.nextMonth')} data-testid="cal-next">›</button>
      </div>
      <QueryGate query={tours}>
        {() => {
          const items = tours.data!.items.filter((x) => x.status !== 'cancelled');
          const busy = weeks(month).flat().filter((d): d is string => !!d && onDay(items, d).length > 0);
          return (
            <>
              <table className="tours-cal-grid" aria-label={title}>
                <thead><tr>{Array.from({ length: 7 }, (_, i) => <th key={i} scope="col">{weekday(i)}</th>)}</tr></thead>
                <tbody>
                  {weeks(month).map((w, i) => (
                    <tr key={i}>
                      {w.map((d, j) => (
                        <td key={j} className={d === today ? 'is-today' : undefined}>
                          {d ? <span className="tours-cal-day">{Number(d.slice(8))}</span> : null}
                          {d ? onDay(items, d).map((x) => <Link key={x.id} to={`/tours/${x.id}`} className={`tours-chip${x.isCentral ? ' is-central' : ''}`}>{local(x.leaderName, x.leaderNameHi)}: {x.title}</Link>) : null}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
              <ol className="plain-list tours-cal-list" data-testid="cal-list">
                {busy.length === 0 ? <li className="empty-line">{t('tours.noneInMonth')}</li> : busy.map((d) => (
                  <li key={d} className={`card tours-cal-item${d === today ? ' is-today' : ''}`}>
                    <h3 className="tours-cal-date">{dayLabel(d)}</h3>
                    <ul className="plain-list">
                      {onDay(items, d).map((x) => (
                        <li key={x.id}><Link to={`/tours/${x.id}`} className={`tours-chip${x.isCentral ? ' is-central' : ''}`}>{local(x.leaderName, x.leaderNameHi)}: {x.title}</Link></li>
                      ))}
                    </ul>
                  </li>
                ))}
              </ol>
            </>
          );
        }}
      </QueryGate>
    </section>
  );
}
