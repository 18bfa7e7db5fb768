// Table types of the tours tables (db/migrations/0016_tours.sql), merged into DB in schema.ts.
import type { ColumnType, Generated } from 'kysely';

type TimestampDefault = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableJson = ColumnType<unknown, string | null | undefined, string | null>;
type JsonDefault = ColumnType<unknown, string | undefined, string>;

export type TourStatus = 'planned' | 'done' | 'cancelled';

export interface ToursTable {
  tenant_id: string; id: Generated<number>; leader_person_id: number | null; leader_name: string; leader_name_hi: string | null;
  unit_id: number; unit_path: string; title: string; starts_on: string; ends_on: string; status: Generated<TourStatus>;
  stay: string | null; notes: string | null; created_by: string | null; created_at: TimestampDefault; updated_at: TimestampDefault;
}

export interface TourVisitsTable {
  tenant_id: string; id: Generated<number>; tour_id: number; tour_unit_path: string; unit_id: number; unit_path: string;
  state_code: string | null; house: 'LS' | 'AE' | null; constituency_no: number | null; visit_on: string;
  meetings: JsonDefault; ground_report: NullableJson;
  created_by: string | null; created_at: TimestampDefault; updated_at: TimestampDefault;
}

export interface ToursTables {
  tours: ToursTable;
  tour_visits: TourVisitsTable;
}
