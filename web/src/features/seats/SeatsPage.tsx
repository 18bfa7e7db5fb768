// Seat strategy: for an election and a party, which seats it holds, which are strongholds,
// battlegrounds, never won or lost narrowly; a table to sort and export, and a map. Everything the
// view shows is in the address, so a link shows someone else the same seats.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useEffect, useId, useMemo, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api, type Election, type Reservation, type Seats } from '../../api.ts';
import { EmptyState, Field, Loading, PageHeading, ProblemNotice, QueryGate } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { useLocalName } from '../../i18n/index.ts';
import { useWinProbability } from '../scenario/winProbability.ts';
import { useOrgSeatLayer } from '../organisation/seatLayer.ts';
import { can, useSignedIn } from '../../session.ts';
import { usePartyInfo } from './parties.ts';
import { PAGE_SIZE, Pager, SeatTable } from './SeatTable.tsx';
import {
  DEFAULTS, findSeats, readView, rememberedParty, rememberParty, seatKey, seatsQuery, sortSeats, SORT_KEYS, toggleClass,
  writeView, type ClassFilter, type SeatView, type Tab,
} from './seatView.ts';

const SeatMap = lazy(() => import('./SeatMap.tsx'));

/** Changes the view in the address: a patch, or a function of the view as the address has it now. */
type Update = (patch: Partial<SeatView> | ((current: SeatView) => Partial<SeatView>), replace?: boolean) => void;

const TILE_CLASSES: ClassFilter[] = ['held', 'not-held', 'stronghold', 'battleground', 'never-won', 'lost-close'];

/** The party that won most seats, from any seats answer (winners do not depend on the party asked about). */
function topWinner(seats: Seats | undefined): string | null {
  if (!seats) return null;
  const n = new Map<string, number>();
  for (const s of seats.items) if (s.winnerParty) n.set(s.winnerParty, (n.get(s.winnerParty) ?? 0) + 1);
  return [...n.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
}

export default function SeatsPage() {
  const { t } = useTranslation();
  const elections = useQuery({ queryKey: ['elections'], queryFn: api.elections, staleTime: 5 * 60_000 });
  return (
    <>
      <PageHeading testId="seats">{t('nav.seats')}</PageHeading>
      <QueryGate query={elections}>
        {() => (elections.data!.items.length ? <SeatsBody elections={elections.data!.items} /> : (
          <EmptyState title={t('seats.noElections')} testId="seats-empty"><p>{t('seats.noElectionsBody')}</p></EmptyState>
        ))}
      </QueryGate>
    </>
  );
}

function SeatsBody({ elections }: { elections: Election[] }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const v = useMemo(() => readView(params), [params]);
  const parties = usePartyInfo();
  const electionId = v.election ?? elections[0].id;
  const election = elections.find((e) => e.id === electionId) ?? null;

  // The party: the address, else this device's last choice for the election, else the party that
  // won most seats (from the home summary, or failing that from one look at the seats).
  const remembered = rememberedParty(electionId);
  const homeTop = parties.inElection(electionId).find((p) => p.seats > 0)?.code ?? null;
  const needProbe = !v.party && !remembered && !homeTop && !parties.pending;
  const probeQuery = { election: electionId, party: '-' };
  const probe = useQuery({ queryKey: ['seats', probeQuery], queryFn: () => api.seats(probeQuery), enabled: needProbe });
  const party = v.party ?? remembered ?? homeTop ?? topWinner(probe.data);

  useEffect(() => {
    if ((!v.election || !v.party) && party) setParams(writeView({ ...v, election: electionId, party }), { replace: true });
  }, [v, electionId, party, setParams]);

  if (!party) {
    if (probe.error) return <ProblemNotice error={probe.error} />;
    return <Loading />;
  }
  return <SeatsView view={{ ...v, election: electionId, party }} election={election} elections={elections} setParams={setParams} />;
}

function SeatsView({ view: v, election, elections, setParams }: {
  view: SeatView & { election: string; party: string };
  election: Election | null;
  elections: Election[];
  setParams: ReturnType<typeof useSearchParams>[1];
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const parties = usePartyInfo();
  const multiState = election ? election.stateCode === null : false;
  const house = election?.house ?? 'AE';

  // From the address as it is now, not as this render saw it: a click can come before the last
  // change has rendered (the router renders in a transition), and must not undo it.
  const update: Update = (patch, replace = false) => {
    const now = readView(new URLSearchParams(window.location.search));
    const current = { ...now, election: now.election ?? v.election, party: now.party ?? v.party };
    setParams(writeView({ ...current, page: 1, ...(typeof patch === 'function' ? patch(current) : patch) }), { replace });
  };

  const q = seatsQuery(v);
  const qBase = seatsQuery(v, false);
  const filtered = useQuery({ queryKey: ['seats', q], queryFn: () => api.seats(q), placeholderData: keepPreviousData });
  const base = useQuery({
    queryKey: ['seats', qBase], queryFn: () => api.seats(qBase), placeholderData: keepPreviousData,
    enabled: multiState || v.tab === 'map',
  });

  const years = useMemo(() => new Map(elections.map((e) => [e.id, e.year])), [elections]);
  const items = filtered.data?.items;
  const shown = useMemo(() => sortSeats(findSeats(items ?? [], v.find), v.sort, v.desc), [items, v.find, v.sort, v.desc]);
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const page = Math.min(v.page, pages);
  const rows = shown.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const states = useMemo(() => {
    const m = new Map<string, string>();
    for (const s of base.data?.items ?? []) m.set(s.state, s.stateName);
    return [...m.entries()].sort((a, b) => a[1].localeCompare(b[1]));
  }, [base.data]);

  const counts = filtered.data?.counts ?? {};
  const total = counts.seats ?? 0;
  const comparedWith = filtered.data?.comparedWith ?? [];
  const noVotes = !!items && items.length > 0 && items.every((s) => s.partyVotes === 0);
  const stale = filtered.isPlaceholderData || filtered.isFetching;
  const colour = parties.colour;
  const local = useLocalName();
  const partyName = useCallback((code: string) => {
    const n = parties.names.get(code);
    return n ? local(n.name, n.nameHi) : null;
  }, [parties.names, local]);

  // The projection's win probability per seat, for the map's "win probability" colouring.
  const winProbability = useWinProbability(v.election, v.party, v.tab === 'map');
  // The organisation layer: booths with a committee per seat (organisation module).
  const orgLayer = useOrgSeatLayer(v.election, v.party, v.state, v.tab === 'map' && can(useSignedIn(), 'org.read'));

  const tileCount = (c: ClassFilter) => (c === 'not-held' ? total - (counts.held ?? 0) : counts[c] ?? 0);
  const tileLabel = (c: ClassFilter) => {
    switch (c) {
      case 'lost-close': return t('seats.tile.lost-close', { votes: fmt.number(v.closeVotes) });
      case 'battleground': return t('seats.tile.battleground', { pct: fmt.number(v.battlegroundPct) });
      case 'stronghold': return t('seats.tile.stronghold', { count: v.strongholdRuns, n: fmt.number(v.strongholdRuns) });
      default: return t(`seats.tile.${c}`);
    }
  };

  const filtersOn = v.classes.length > 0 || !!v.reserved || !!v.state || !!v.find.trim();
  const mapSeats = useMemo(() => {
    const all = base.data?.items ?? [];
    return v.state ? all.filter((s) => s.state === v.state) : all;
  }, [base.data, v.state]);
  const highlight = useMemo(
    () => (v.classes.length || v.reserved || v.find.trim() ? new Set(findSeats(items ?? [], v.find).map((s) => seatKey(s.state, s.constituencyNo))) : null),
    [items, v.classes.length, v.reserved, v.find],
  );

  return (
    <div className="seats-page">
      <p className="muted intro">{t('seats.intro')}</p>
      <SeatFilters v={v} elections={elections} multiState={multiState} states={states} update={update} />

      {filtered.error ? <ProblemNotice error={filtered.error} /> : null}
      {filtered.isPending ? <Loading /> : null}
      {filtered.data ? (
        <>
          <section className="section" aria-labelledby="classes-h">
            <h2 id="classes-h" className="summary-h">
              {t('seats.summaryTitle', { party: v.party, election: election?.name ?? v.election })}
              <span className="swatch swatch-lg" style={{ background: colour(v.party) }} aria-hidden="true" />
            </h2>
            <p className="muted small" data-testid="compared-with">
              {t('seats.comparedWith', { list: comparedWith.map((id) => years.get(id) ?? id).join(', ') })}
              {comparedWith.length < v.strongholdRuns ? ` ${t('seats.tooFewForStronghold', { count: v.strongholdRuns, n: fmt.number(v.strongholdRuns) })}` : ''}
            </p>
            {noVotes ? <p className="notice" role="status" data-testid="party-no-votes">{t('seats.partyNoVotes', { party: v.party })}</p> : null}
            <div className="tiles class-tiles" role="group" aria-label={t('seats.classFilter')}>
              <div className="tile" data-testid="tile-seats">
                <span className="tile-value">{fmt.number(total)}</span>
                <span className="tile-label">{t('seats.tile.seats')}</span>
              </div>
              {TILE_CLASSES.map((c) => (
                <button
                  key={c}
                  type="button"
                  className={`tile tile-btn tile-${c}`}
                  aria-pressed={v.classes.includes(c)}
                  onClick={() => update((cur) => ({ classes: toggleClass(cur.classes, c) }))}
                  data-testid={`tile-${c}`}
                >
                  <span className="tile-value">{fmt.number(tileCount(c))}</span>
                  <span className="tile-label">{tileLabel(c)}</span>
                </button>
              ))}
            </div>
            <p className="muted small tiles-hint">{t('seats.tilesHint')}</p>
          </section>

          <Tabs tab={v.tab} onTab={(tab) => update((cur) => ({ tab, page: cur.page }), true)}>
            <div className="results-bar">
              <p className="result-count" role="status" data-testid="result-count">
                {filtersOn
                  ? t('seats.countFiltered', { count: shown.length, n: fmt.number(shown.length), total: fmt.number(total) })
                  : t('seats.countAll', { count: total, n: fmt.number(total) })}
              </p>
              <div className="export-links">
                <span className="muted small">{t('seats.export')}</span>
                <a className="btn btn-small" href={api.seatsExportUrl(q, 'csv')} download data-testid="export-csv">CSV</a>
                <a className="btn btn-small" href={api.seatsExportUrl(q, 'xlsx')} download data-testid="export-xlsx">XLSX</a>
              </div>
            </div>
            {v.tab === 'table' ? (
              <div id="seats-panel-table" role="tabpanel" aria-labelledby="seats-tab-table" aria-busy={stale} className={stale ? 'is-stale' : ''}>
                <SortBar v={v} update={update} />
                {shown.length === 0 ? <p className="empty-line" data-testid="seats-none">{t('seats.none')}</p> : (
                  <>
                    <div className="table-scroll">
                      <SeatTable
                        seats={rows} house={house} election={v.election} party={v.party} sort={v.sort} desc={v.desc}
                        onSort={(sort) => update((cur) => ({ sort, desc: cur.sort === sort ? !cur.desc : false }))} multiState={multiState} colour={colour}
                        years={years} closeVotes={v.closeVotes}
                      />
                    </div>
                    <Pager page={page} pages={pages} total={shown.length} onPage={(p) => update({ page: p })} />
                  </>
                )}
              </div>
            ) : (
              <div id="seats-panel-map" role="tabpanel" aria-labelledby="seats-tab-map">
                {base.error ? <ProblemNotice error={base.error} /> : null}
                {base.data ? (
                  <Suspense fallback={<Loading />}>
                    <SeatMap
                      seats={mapSeats} highlight={highlight} house={house} stateCode={election?.stateCode ?? v.state}
                      election={v.election} party={v.party} colourBy={v.colour}
                      onColourBy={(colour) => update((cur) => ({ colour, page: cur.page }), true)} partyColour={colour} partyName={partyName}
                      value={winProbability.value} layer={orgLayer}
                    />
                    {v.colour === 'value' && winProbability.note ? <p className="muted small" data-testid="map-value-note">{winProbability.note}</p> : null}
                  </Suspense>
                ) : base.isPending ? <Loading /> : null}
              </div>
            )}
          </Tabs>
        </>
      ) : null}
    </div>
  );
}

function Tabs({ tab, onTab, children }: { tab: Tab; onTab: (t: Tab) => void; children: React.ReactNode }) {
  const { t } = useTranslation();
  const tabs: Tab[] = ['table', 'map'];
  const onKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight' && e.key !== 'Home' && e.key !== 'End') return;
    e.preventDefault();
    const i = tabs.indexOf(tab);
    const next = e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : (i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length;
    onTab(tabs[next]);
    requestAnimationFrame(() => document.getElementById(`seats-tab-${tabs[next]}`)?.focus());
  };
  return (
    <section className="section" aria-label={t('seats.results')}>
      <div className="tabs" role="tablist" aria-label={t('seats.viewAs')}>
        {tabs.map((k) => (
          <button
            key={k}
            id={`seats-tab-${k}`}
            type="button"
            role="tab"
            className="tab"
            aria-selected={tab === k}
            aria-controls={`seats-panel-${k}`}
            tabIndex={tab === k ? 0 : -1}
            onClick={() => onTab(k)}
            onKeyDown={onKey}
            data-testid={`tab-${k}`}
          >
            {k === 'table' ? t('seats.tabTable') : t('seats.tabMap')}
          </button>
        ))}
      </div>
      {children}
    </section>
  );
}

function SortBar({ v, update }: { v: SeatView; update: Update }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="sort-bar">
      <label htmlFor={id}>{t('seats.sortBy')}</label>
      <select id={id} value={v.sort} onChange={(e) => update({ sort: e.target.value as SeatView['sort'] })} data-testid="seats-sort">
        {SORT_KEYS.map((k) => <option key={k} value={k}>{t(`seats.sort.${k}`, { party: v.party ?? '' })}</option>)}
      </select>
      <button type="button" className="btn btn-small" onClick={() => update((cur) => ({ desc: !cur.desc }))} data-testid="seats-sort-dir"
        aria-label={v.desc ? t('seats.sortDescLabel') : t('seats.sortAscLabel')}>
        <span aria-hidden="true">{v.desc ? '▼' : '▲'}</span> {v.desc ? t('seats.desc') : t('seats.asc')}
      </button>
    </div>
  );
}

function SeatFilters({ v, elections, multiState, states, update }: {
  v: SeatView & { election: string; party: string };
  elections: Election[];
  multiState: boolean;
  states: [string, string][];
  update: Update;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const local = useLocalName();
  const parties = usePartyInfo();
  const options = parties.inElection(v.election);
  const listId = useId();
  const [party, setParty] = useState(v.party);
  const [find, setFind] = useState(v.find);
  const [thresholds, setThresholds] = useState({ closeVotes: String(v.closeVotes), battlegroundPct: String(v.battlegroundPct), strongholdRuns: String(v.strongholdRuns) });
  useEffect(() => setParty(v.party), [v.party]);
  useEffect(() => setFind(v.find), [v.find]);
  useEffect(() => setThresholds({ closeVotes: String(v.closeVotes), battlegroundPct: String(v.battlegroundPct), strongholdRuns: String(v.strongholdRuns) }),
    [v.closeVotes, v.battlegroundPct, v.strongholdRuns]);

  const commitParty = (raw: string) => {
    const code = raw.trim().toUpperCase();
    if (!code || code === v.party) { setParty(v.party); return; }
    rememberParty(v.election, code);
    update({ party: code });
  };
  const applyThresholds = (e?: FormEvent) => {
    e?.preventDefault();
    const n = (s: string, min: number, max: number, int: boolean, fallback: number) => {
      const x = Number(s);
      return Number.isFinite(x) && x >= min && x <= max && (!int || Number.isInteger(x)) && s.trim() !== '' ? x : fallback;
    };
    const next = {
      closeVotes: n(thresholds.closeVotes, 1, 10_000_000, true, v.closeVotes),
      battlegroundPct: n(thresholds.battlegroundPct, 0.1, 100, false, v.battlegroundPct),
      strongholdRuns: n(thresholds.strongholdRuns, 1, 10, true, v.strongholdRuns),
    };
    if (next.closeVotes !== v.closeVotes || next.battlegroundPct !== v.battlegroundPct || next.strongholdRuns !== v.strongholdRuns) update(next);
    else setThresholds({ closeVotes: String(v.closeVotes), battlegroundPct: String(v.battlegroundPct), strongholdRuns: String(v.strongholdRuns) });
  };
  const partyName = parties.names.get(v.party);
  const customised = v.closeVotes !== DEFAULTS.closeVotes || v.battlegroundPct !== DEFAULTS.battlegroundPct || v.strongholdRuns !== DEFAULTS.strongholdRuns;

  return (
    <div className="card seat-filters" role="search" aria-label={t('seats.filters')} data-testid="seat-filters">
      <div className="filters-grid">
        <Field label={t('seats.election')}>
          {(p) => (
            <select {...p} value={v.election} onChange={(e) => update({ election: e.target.value, party: rememberedParty(e.target.value) ?? null, state: null })} data-testid="seats-election">
              {elections.some((e) => e.id === v.election) ? null : <option value={v.election}>{v.election}</option>}
              {elections.map((e) => <option key={e.id} value={e.id}>{e.name}</option>)}
            </select>
          )}
        </Field>
        <Field label={t('seats.party')} hint={partyName ? local(partyName.name, partyName.nameHi) : t('seats.partyHint')}>
          {(p) => (
            <>
              <input
                {...p}
                type="text"
                list={listId}
                value={party}
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                onChange={(e) => {
                  setParty(e.target.value);
                  // Picking from the list commits at once; typing waits for Enter or leaving the field.
                  if ((e.nativeEvent as InputEvent).inputType === undefined || (e.nativeEvent as InputEvent).inputType === 'insertReplacementText') {
                    if (options.some((o) => o.code === e.target.value)) commitParty(e.target.value);
                  }
                }}
                onBlur={(e) => commitParty(e.target.value)}
                onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); commitParty(e.currentTarget.value); } }}
                data-testid="seats-party"
              />
              <datalist id={listId}>
                {options.map((o) => (
                  <option key={o.code} value={o.code}>{`${local(o.name, o.nameHi)} · ${t('home.seatsWon', { count: o.seats, seats: fmt.number(o.seats) })}`}</option>
                ))}
              </datalist>
            </>
          )}
        </Field>
        {multiState ? (
          <Field label={t('seats.state')}>
            {(p) => (
              <select {...p} value={v.state ?? ''} onChange={(e) => update({ state: e.target.value || null })} data-testid="seats-state">
                <option value="">{t('seats.allStates')}</option>
                {states.map(([code, name]) => <option key={code} value={code}>{name}</option>)}
              </select>
            )}
          </Field>
        ) : null}
        <Field label={t('seats.reserved')}>
          {(p) => (
            <select {...p} value={v.reserved ?? ''} onChange={(e) => update({ reserved: (e.target.value || null) as Reservation | null })} data-testid="seats-reserved">
              <option value="">{t('seats.reservation.all')}</option>
              <option value="GEN">{t('seats.reservation.GEN')}</option>
              <option value="SC">{t('seats.reservation.SC')}</option>
              <option value="ST">{t('seats.reservation.ST')}</option>
            </select>
          )}
        </Field>
        <Field label={t('seats.find')}>
          {(p) => (
            <input {...p} type="search" value={find} placeholder={t('seats.findPlaceholder')}
              onChange={(e) => { setFind(e.target.value); update({ find: e.target.value }, true); }} data-testid="seats-find" />
          )}
        </Field>
      </div>
      <details className="thresholds" open={customised || undefined}>
        <summary>{t('seats.thresholds')}</summary>
        <form className="filters-grid" onSubmit={applyThresholds} data-testid="seats-thresholds">
          <Field label={t('seats.closeVotes')} hint={t('seats.closeVotesHint')}>
            {(p) => <input {...p} type="number" inputMode="numeric" min={1} step={1} value={thresholds.closeVotes}
              onChange={(e) => setThresholds({ ...thresholds, closeVotes: e.target.value })} onBlur={() => applyThresholds()} data-testid="seats-close-votes" />}
          </Field>
          <Field label={t('seats.battlegroundPct')} hint={t('seats.battlegroundPctHint')}>
            {(p) => <input {...p} type="number" inputMode="decimal" min={0.1} max={100} step="any" value={thresholds.battlegroundPct}
              onChange={(e) => setThresholds({ ...thresholds, battlegroundPct: e.target.value })} onBlur={() => applyThresholds()} data-testid="seats-bg-pct" />}
          </Field>
          <Field label={t('seats.strongholdRuns')} hint={t('seats.strongholdRunsHint')}>
            {(p) => <input {...p} type="number" inputMode="numeric" min={1} max={10} step={1} value={thresholds.strongholdRuns}
              onChange={(e) => setThresholds({ ...thresholds, strongholdRuns: e.target.value })} onBlur={() => applyThresholds()} data-testid="seats-stronghold-runs" />}
          </Field>
          <div className="form-actions">
            <button type="submit" className="btn">{t('seats.apply')}</button>
          </div>
        </form>
      </details>
    </div>
  );
}
