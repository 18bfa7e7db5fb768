// Where an upload stands in the import lists (importState): this server's live progress, the row, or
// a job whose server stopped, which is reported failed with a message saying nothing was written.
import { describe, expect, it } from 'vitest';
import { importState, type ImportRowState } from './upload-queue.ts';

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);
const row = (over: Partial<ImportRowState<string>>): ImportRowState<string> => ({ status: 'running', started_at: ago(10), finished_at: null, message: null,
  phase: 'checking', done: 40, total: 100, job_status: 'running', job_updated_at: ago(0), ...over });

describe('importState', () => {
  it('shows live progress on the server that runs the job', () => {
    expect(importState(row({ job_updated_at: ago(30) }), { status: 'running', phase: 'writing', done: 90, total: 100 }))
      .toMatchObject({ status: 'running', progress: { phase: 'writing', done: 90, total: 100 }, message: null });
  });
  it('shows the job row\'s progress from another server while its heartbeat is fresh', () => {
    expect(importState(row({}), undefined)).toMatchObject({ status: 'running', progress: { phase: 'checking', done: 40, total: 100 } });
  });
  it('reports a job whose heartbeat stopped as failed, with nothing written', () => {
    const s = importState(row({ job_updated_at: ago(5) }), undefined);
    expect(s).toMatchObject({ status: 'failed', progress: null });
    expect(s.message).toMatch(/Nothing was written/);
  });
  it('leaves a fresh queued upload and a finished one as they are', () => {
    expect(importState(row({ status: 'queued', started_at: ago(0), job_status: null, job_updated_at: null }), undefined)).toMatchObject({ status: 'queued', progress: { phase: 'checking' } });
    const done = importState(row({ status: 'done', finished_at: ago(1), job_status: 'done', job_updated_at: ago(9), message: 'ok' }), undefined);
    expect(done).toMatchObject({ status: 'done', progress: null, message: 'ok' });
    expect(done.finishedAt).toMatch(/^\d{4}-/);
  });
});
