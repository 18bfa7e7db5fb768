// `warroom import boundaries FILE`: GeoJSON or TopoJSON polygons of PCs or ACs, matched to the seats
// already in the database by state and number. What does not match is reported, not fatal: public
// boundary files carry water and outline polygons (Gujarat's ac_no 0) and seats of other eras.
import path from 'node:path';
import { sql } from 'kysely';
import { feature as topoFeature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import type { Executor } from '../../db/open.ts';
import { readText } from './csv.ts';
import { createProblems, createWarnings, ImportRejected, type Problems, type Warnings } from './problems.ts';
import { stateByCode, stateCodeFor } from './states.ts';
import { recordImport, type ImportInput, type ImportSummary } from './summary.ts';

type Geometry = { type: string; coordinates?: unknown; geometries?: Geometry[] };
interface Feature { properties: Record<string, unknown> | null; geometry: Geometry | null }
interface Match { stateCodes: string[]; house: 'LS' | 'AE'; no: number; label: string }

export async function importBoundaries(db: Executor, input: ImportInput): Promise<ImportSummary> {
  const started = performance.now();
  const fileName = input.fileName ?? path.basename(input.file);
  const problems = createProblems(fileName);
  const { format, features } = parseFeatures(await readText(input.file), problems);
  const warnings = createWarnings();
  const matches = features.map((f, i) => describe(f, i + 1, input.state, problems, warnings));
  if (problems.count) throw new ImportRejected(problems.lines());
  return db.transaction().execute(async (tx) => {
    const seats = await knownSeats(tx, matches);
    const polygons = new Map<string, number[][][][]>();
    matches.forEach((m, i) => {
      if (!m) return;
      const code = m!.stateCodes.find((c) => seats.has(`${c}/${m!.house}/${m!.no}`));
      if (!code) { warnings.add(`feature ${i + 1} (${m!.label}): no such ${m!.house === 'LS' ? 'PC' : 'AC'} in the database`); return; }
      const key = `${code}/${m!.house}/${m!.no}`;
      polygons.set(key, [...(polygons.get(key) ?? []), ...polygonsOf(features[i].geometry!)]);
    });
    await writeBoundaries(tx, polygons, fileName);
    warnMissing(seats, polygons, matches, warnings);
    const importId = await recordImport(tx, { kind: 'boundaries', fileName, format, elections: [], rows: polygons.size, warnings: warnings.list(), importedBy: input.importedBy });
    return { kind: 'boundaries', file: fileName, format, rows: polygons.size, elections: [], matched: polygons.size, features: features.length,
      warnings: warnings.list(), seconds: (performance.now() - started) / 1000, importId } satisfies ImportSummary;
  });
}

function parseFeatures(text: string, problems: Problems): { format: string; features: Feature[] } {
  let doc: { type?: string; features?: Feature[]; objects?: Record<string, unknown> };
  try { doc = JSON.parse(text); } catch (err) { problems.add(1, 'file', `not JSON: ${(err as Error).message}`); return { format: 'unknown', features: [] }; }
  if (doc.type === 'Topology' && doc.objects) {
    const topo = doc as unknown as Topology;
    const features = Object.keys(topo.objects).flatMap((k) => {
      const fc = topoFeature(topo, topo.objects[k]) as unknown as { features?: Feature[] } & Feature;
      return fc.features ?? [fc];
    });
    return { format: 'topojson', features };
  }
  if (doc.type === 'FeatureCollection' && Array.isArray(doc.features)) return { format: 'geojson', features: doc.features };
  if (doc.type === 'Feature') return { format: 'geojson', features: [doc as unknown as Feature] };
  problems.add(1, 'type', `unknown format: expected a GeoJSON FeatureCollection or a TopoJSON Topology, not '${doc.type}'`);
  return { format: 'unknown', features: [] };
}

/** Property names differ by source: datameet (st_name, pc_no), TCPD (State_Name, Constituency_No), HT (ST_NAME, AC_NO). */
function describe(f: Feature, n: number, fallbackState: string | undefined, problems: Problems, warnings: Warnings): Match | undefined {
  const props = Object.fromEntries(Object.entries(f.properties ?? {}).map(([k, v]) => [k.toLowerCase(), v == null ? '' : String(v).trim()]));
  if (!f.geometry || !['Polygon', 'MultiPolygon', 'GeometryCollection'].includes(f.geometry.type)) {
    problems.add(n, 'geometry', `feature ${n}: expected a Polygon or MultiPolygon, not ${f.geometry?.type ?? 'nothing'}`);
    return undefined;
  }
  const acNo = props.ac_no ?? props.ac_code ?? props.assembly_no;
  const isAc = acNo !== undefined || /^(AE|AC)$/i.test(props.election_type ?? '');
  const noText = isAc ? acNo ?? props.constituency_no : props.pc_no ?? props.pc_code ?? props.constituency_no;
  const stateText = (props.st_name || props.state_name || props.state || fallbackState || '').replace(/_/g, ' ');
  const code = stateCodeFor(stateText) ?? (/^[SU]\d\d$/.test(props.st_code ?? '') ? props.st_code : undefined);
  const label = `${stateText || '?'} ${isAc ? 'AC' : 'PC'} ${noText ?? '?'}`;
  // Outline and water polygons carry no state or number: reported as unmatched, not fatal.
  if (!code) { warnings.add(`feature ${n} (${label}): unknown state '${stateText}' (pass --state for files without one)`); return undefined; }
  if (noText === undefined || !/^\d+$/.test(noText)) { warnings.add(`feature ${n} (${label}): no seat number`); return undefined; }
  // J&K's seats sit under S09 or U08 depending on the election that introduced them.
  const stateCodes = code === 'S09' || code === 'U08' ? ['S09', 'U08'] : [code];
  return { stateCodes, house: isAc ? 'AE' : 'LS', no: Number(noText), label };
}

async function knownSeats(db: Executor, matches: (Match | undefined)[]): Promise<Map<string, string>> {
  const states = [...new Set(matches.flatMap((m) => m?.stateCodes ?? []))];
  const houses = [...new Set(matches.flatMap((m) => m?.house ?? []))];
  const rows = await db.selectFrom('constituencies').select(['state_code', 'house', 'no', 'name'])
    .where('era', '=', 2008).where('state_code', 'in', states.length ? states : ['']).where('house', 'in', houses.length ? houses : ['LS']).execute();
  return new Map(rows.map((r) => [`${r.state_code}/${r.house}/${r.no}`, r.name]));
}

function polygonsOf(g: Geometry): number[][][][] {
  if (g.type === 'Polygon') return [g.coordinates as number[][][]];
  if (g.type === 'MultiPolygon') return g.coordinates as number[][][][];
  return (g.geometries ?? []).flatMap(polygonsOf);
}

async function writeBoundaries(db: Executor, polygons: Map<string, number[][][][]>, source: string): Promise<void> {
  const entries = [...polygons];
  for (let i = 0; i < entries.length; i += 200) {
    const chunk = entries.slice(i, i + 200).map(([key, polys]) => {
      const [state, house, no] = key.split('/');
      const geometry = polys.length === 1 ? { type: 'Polygon', coordinates: polys[0] } : { type: 'MultiPolygon', coordinates: polys };
      return { state, house, no: Number(no), geometry: JSON.stringify(geometry) };
    });
    await sql`insert into boundaries (state_code, house, era, no, geometry, source)
      select t.s, t.h, 2008, t.n, t.g::jsonb, ${source} from unnest(${chunk.map((c) => c.state)}::text[], ${chunk.map((c) => c.house)}::text[],
        ${chunk.map((c) => c.no)}::int[], ${chunk.map((c) => c.geometry)}::text[]) t(s, h, n, g)
      on conflict (state_code, house, era, no) do update set geometry = excluded.geometry, source = excluded.source`.execute(db);
  }
}

/** Seats of the states the file covers that got no polygon: the map will show holes there. */
function warnMissing(seats: Map<string, string>, polygons: Map<string, unknown>, matches: (Match | undefined)[], warnings: Warnings): void {
  const covered = new Set(matches.flatMap((m) => m?.stateCodes.map((c) => `${c}/${m.house}`) ?? []));
  const missing = [...seats].filter(([key]) => !polygons.has(key) && covered.has(key.split('/').slice(0, 2).join('/')));
  const byState = new Map<string, string[]>();
  for (const [key, name] of missing) {
    const [state, house, no] = key.split('/');
    byState.set(`${state}/${house}`, [...(byState.get(`${state}/${house}`) ?? []), `${no} ${name}`]);
  }
  for (const [k, list] of byState) {
    const [state, house] = k.split('/');
    warnings.add(`${stateByCode(state)?.name ?? state}: ${list.length} ${house === 'LS' ? 'PC' : 'AC'}(s) have no polygon: ${list.slice(0, 10).join(', ')}${list.length > 10 ? ', …' : ''}`);
  }
}
