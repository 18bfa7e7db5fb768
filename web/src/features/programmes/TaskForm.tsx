// A new task or drive: owner unit (one the user holds), who does it (every unit of a level below),
// what counts, the target and how it splits, dates. The server cascades the target to every unit.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { Field, PageHeading, ProblemNotice, fieldError } from '../../components/ui.tsx';
import { useLocalName } from '../../i18n/index.ts';
import { useSignedIn } from '../../session.ts';
import { addDays, indiaDay } from '../../../../src/shared/time.ts';
import { METRICS, PROG, SPLIT_RULES, progApi, type TaskInput, type TaskKind, type TaskMetric, type SplitRule } from './api.ts';

const inWeeks = (n: number) => addDays(indiaDay(), n * 7);

export default function TaskForm() {
  const { t } = useTranslation();
  const session = useSignedIn();
  const local = useLocalName();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const config = useQuery({ queryKey: ['org', 'config'], queryFn: progApi.levels, staleTime: 5 * 60_000 });
  const levels = config.data?.levels ?? [];
  const [f, setF] = useState({
    kind: 'task' as TaskKind, ownerUnitId: String(session.grants[0]?.unitId ?? ''), title: '', titleHi: '', description: '',
    metric: 'reported' as TaskMetric, unitLabel: '', unitLabelHi: '', courseCode: '', target: '', splitRule: 'booths' as SplitRule,
    assigneeLevel: 'booth', evidenceRequired: false, startsOn: '', dueOn: inWeeks(4),
  });
  const set = (patch: Partial<typeof f>) => setF({ ...f, ...patch });
  const owner = session.grants.find((g) => String(g.unitId) === f.ownerUnitId);
  const ownerDepth = levels.find((l) => l.level === owner?.unitLevel)?.depth ?? -1;
  const below = levels.filter((l) => l.depth > ownerDepth);
  const save = useMutation({
    mutationFn: () => {
      const input: TaskInput = {
        kind: f.kind, ownerUnitId: f.ownerUnitId, title: f.title, titleHi: f.titleHi || null, description: f.description || null,
        metric: f.kind === 'drive' ? 'completion' : f.metric, unitLabel: f.unitLabel || null, unitLabelHi: f.unitLabelHi || null,
        courseCode: f.kind === 'task' && f.metric === 'trainees_completed' ? f.courseCode.trim() || null : null,
        target: f.target === '' || f.metric === 'completion' || f.kind === 'drive' ? null : Number(f.target),
        splitRule: f.splitRule, assigneeLevel: f.assigneeLevel, evidenceRequired: f.evidenceRequired, startsOn: f.startsOn || null, dueOn: f.dueOn,
      };
      return progApi.create(input);
    },
    onSuccess: (task) => { void qc.invalidateQueries({ queryKey: [PROG] }); navigate(`/programmes/tasks/${task.id}`); },
  });
  const err = (field: string) => fieldError(save.error, field);
  const submit = (e: FormEvent) => { e.preventDefault(); save.mutate(); };
  const needsTarget = f.kind === 'task' && f.metric !== 'completion';
  return (
    <>
      <PageHeading testId="task-new">{t('prog.newTask')}</PageHeading>
      <form className="form-grid" onSubmit={submit} data-testid="task-form">
        <Field label={t('prog.f.kind')}>
          {(p) => <select {...p} value={f.kind} onChange={(e) => set({ kind: e.target.value as TaskKind })} data-testid="tf-kind">
            <option value="task">{t('prog.kind.task')}</option><option value="drive">{t('prog.kind.drive')}</option></select>}
        </Field>
        <Field label={t('prog.f.owner')} error={err('ownerUnitId')}>
          {(p) => <select {...p} value={f.ownerUnitId} onChange={(e) => set({ ownerUnitId: e.target.value })} data-testid="tf-owner">
            {session.grants.map((g) => <option key={String(g.id)} value={String(g.unitId)}>{g.unitName} · {g.roleName}</option>)}</select>}
        </Field>
        <Field label={t('prog.f.title')} error={err('title')}>
          {(p) => <input {...p} required maxLength={200} value={f.title} onChange={(e) => set({ title: e.target.value })} data-testid="tf-title" />}
        </Field>
        <Field label={t('prog.f.titleHi')} error={err('titleHi')}>
          {(p) => <input {...p} lang="hi" maxLength={200} value={f.titleHi} onChange={(e) => set({ titleHi: e.target.value })} data-testid="tf-title-hi" />}
        </Field>
        {f.kind === 'task' ? (
          <Field label={t('prog.f.metric')} error={err('metric')}>
            {(p) => <select {...p} value={f.metric} onChange={(e) => set({ metric: e.target.value as TaskMetric })} data-testid="tf-metric">
              {METRICS.map((m) => <option key={m} value={m}>{t(`prog.metric.${m}`)}</option>)}</select>}
          </Field>
        ) : null}
        {f.kind === 'task' && f.metric === 'reported' ? (<>
          <Field label={t('prog.f.unitLabel')} hint={t('prog.f.unitLabelHint')} error={err('unitLabel')}>
            {(p) => <input {...p} maxLength={60} value={f.unitLabel} onChange={(e) => set({ unitLabel: e.target.value })} data-testid="tf-unit-label" />}
          </Field>
          <Field label={t('prog.f.unitLabelHi')} error={err('unitLabelHi')}>
            {(p) => <input {...p} lang="hi" maxLength={60} value={f.unitLabelHi} onChange={(e) => set({ unitLabelHi: e.target.value })} />}
          </Field>
        </>) : null}
        {f.kind === 'task' && f.metric === 'trainees_completed' ? (
          <Field label={t('prog.f.course')} hint={t('prog.f.courseHint')} error={err('courseCode')}>
            {(p) => <input {...p} maxLength={40} pattern="[a-z0-9_]{2,40}" autoCapitalize="off" value={f.courseCode} onChange={(e) => set({ courseCode: e.target.value })} data-testid="tf-course" />}
          </Field>
        ) : null}
        {needsTarget ? (
          <Field label={t('prog.f.target')} hint={f.metric === 'booths_formed' ? t('prog.f.targetBooths') : undefined} error={err('target')}>
            {(p) => <input {...p} type="number" min={0} inputMode="numeric" value={f.target} onChange={(e) => set({ target: e.target.value })} data-testid="tf-target" />}
          </Field>
        ) : null}
        <Field label={t('prog.f.assignees')} hint={t('prog.f.assigneesHint')} error={err('assigneeLevel')}>
          {(p) => <select {...p} value={f.assigneeLevel} onChange={(e) => set({ assigneeLevel: e.target.value })} data-testid="tf-level">
            {below.map((l) => <option key={l.level} value={l.level}>{t('prog.f.everyUnit', { level: local(l.name, l.nameHi) })}</option>)}</select>}
        </Field>
        {needsTarget ? (
          <Field label={t('prog.f.split')} error={err('splitRule')}>
            {(p) => <select {...p} value={f.splitRule} onChange={(e) => set({ splitRule: e.target.value as SplitRule })} data-testid="tf-split">
              {SPLIT_RULES.map((r) => <option key={r} value={r}>{t(`prog.split.${r}`)}</option>)}</select>}
          </Field>
        ) : null}
        <Field label={f.kind === 'drive' ? t('prog.f.windowFrom') : t('prog.f.startsOn')} error={err('startsOn')}>
          {(p) => <input {...p} type="date" value={f.startsOn} onChange={(e) => set({ startsOn: e.target.value })} data-testid="tf-starts" />}
        </Field>
        <Field label={f.kind === 'drive' ? t('prog.f.windowTo') : t('prog.f.dueOn')} error={err('dueOn')}>
          {(p) => <input {...p} type="date" required value={f.dueOn} onChange={(e) => set({ dueOn: e.target.value })} data-testid="tf-due" />}
        </Field>
        <Field label={f.kind === 'drive' ? t('prog.f.activity') : t('prog.f.description')} error={err('description')}>
          {(p) => <textarea {...p} rows={3} maxLength={4000} value={f.description} onChange={(e) => set({ description: e.target.value })} data-testid="tf-description" />}
        </Field>
        <label className="check"><input type="checkbox" checked={f.evidenceRequired} onChange={(e) => set({ evidenceRequired: e.target.checked })} data-testid="tf-evidence" /> {t('prog.f.evidenceRequired')}</label>
        <ProblemNotice error={save.error} testId="task-form-error" />
        <div className="form-actions"><button type="submit" className="btn btn-primary" disabled={save.isPending} data-testid="tf-save">{save.isPending ? t('prog.creating') : t('prog.create')}</button></div>
      </form>
    </>
  );
}
