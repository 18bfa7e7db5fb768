// The agent screen (issue 6): take the next contact, read the script in the contact's language, walk
// the survey, record the outcome with one tap (or a key on a desktop), and go on to the next. Phone
// first. Outcomes go through the outbox, so one entered offline is sent when the connection returns.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, PageHeading, ProblemNotice, QueryGate } from '../../../components/ui.tsx';
import { useSignedIn } from '../../../session.ts';
import { ApiProblem } from '../../../api.ts';
import { Script, walk, type Answer, type Answers, type Question } from '../../../../../src/modules/outreach/script.ts';
import { AGENT, agentApi, type ClaimedContact, type MyCentre, type Outcome } from './api.ts';
import { ContactCard } from './ContactCard.tsx';
import { deviceStorage, newIdempotencyKey } from './outbox.ts';
import { Outcomes, type Panel } from './Outcomes.tsx';
import { OutboxStatus } from './OutboxStatus.tsx';
import { Survey } from './Survey.tsx';
import { answerForDigit, answersOnPath, textIn } from './survey.ts';
import { countCall, shiftCount, shiftKey } from './times.ts';
import { useAgentKeys } from './useAgentKeys.ts';
import { useOnline, useOutbox } from './useOutbox.ts';
import './agent.css';

interface Held { contact: ClaimedContact; campaign: { id: number; name: string; maxAttempts: number } | null; script: Script | null }

/** Outcomes that carry the survey's answers; the others mean nobody was surveyed. */
const WITH_ANSWERS: Outcome[] = ['answered', 'call_back', 'needs_organiser'];
const heldKey = (userId: string) => `warroom.agent.current.${userId}`;

/** The contact this agent holds, kept so a reload mid-call finds it again (while the hold lasts). */
function loadHeld(userId: string): Held | null {
  try {
    const h = JSON.parse(deviceStorage().getItem(heldKey(userId)) ?? 'null') as Held | null;
    return h && Date.parse(h.contact.leaseUntil) > Date.now() ? h : null;
  } catch {
    return null;
  }
}

/** A keyboard is likely: a fine pointer that hovers, on a screen wider than a phone's. */
const desktop = () => typeof window.matchMedia === 'function' && window.matchMedia('(hover: hover) and (pointer: fine) and (min-width: 700px)').matches;

export default function AgentPage() {
  const { t } = useTranslation();
  const centres = useQuery({ queryKey: [AGENT, 'centres'], queryFn: agentApi.myCentres });
  return (
    <div className="agent-page">
      <PageHeading testId="agent">{t('agent.title')}</PageHeading>
      <QueryGate query={centres}>
        {() => centres.data!.items.length
          ? <AgentDesk centres={centres.data!.items} />
          : <EmptyState title={t('agent.noCentreTitle')} testId="agent-no-centre"><p>{t('agent.noCentreBody')}</p></EmptyState>}
      </QueryGate>
    </div>
  );
}

function AgentDesk({ centres }: { centres: MyCentre[] }) {
  const { t, i18n } = useTranslation();
  const userId = useSignedIn().user.id;
  const [centreId, setCentreId] = useState(() => (centres.find((c) => c.active) ?? centres[0]).centreId);
  const centre = centres.find((c) => c.centreId === centreId)!;
  const online = useOnline();
  const outbox = useOutbox(userId);
  const [held, setHeld] = useState<Held | null>(() => loadHeld(userId));
  const [answers, setAnswers] = useState<Answers>({});
  const [step, setStep] = useState(0);
  const [panel, setPanel] = useState<Panel>(null);
  const [keepGoing, setKeepGoing] = useState(true);
  const [sending, setSending] = useState(false);
  const [outcomeError, setOutcomeError] = useState<unknown>(null);
  const [last, setLast] = useState<{ kind: 'sent' | 'queued'; outcome: Outcome } | null>(null);
  const [reason, setReason] = useState<string | null>(null);
  const [shift, setShift] = useState(() => shiftCount(deviceStorage(), shiftKey(userId)));
  const [showKeys] = useState(desktop);

  const hold = (h: Held | null) => {
    setHeld(h);
    setAnswers({}); setStep(0); setPanel(null); setOutcomeError(null);
    if (h) deviceStorage().setItem(heldKey(userId), JSON.stringify(h));
    else deviceStorage().setItem(heldKey(userId), 'null');
  };

  const claim = useMutation({
    mutationFn: () => agentApi.claim(centreId),
    onMutate: () => { setReason(null); },
    onSuccess: (r) => {
      if (!r.contact) { setReason(r.reason ?? 'empty'); return; }
      const parsed = r.campaign ? Script.safeParse(r.campaign.script) : null;
      hold({ contact: r.contact, campaign: r.campaign ? { id: r.campaign.id, name: r.campaign.name, maxAttempts: r.campaign.maxAttempts } : null,
        script: parsed?.success ? parsed.data : null });
    },
  });
  const next = () => { if (!claim.isPending && !held && centre.active) claim.mutate(); };

  const langs = useMemo(() => (held ? [held.contact.language, i18n.language, 'hi', 'en'] : [i18n.language]), [held, i18n.language]);

  const record = async (outcome: Outcome, extra: { callbackAt?: string; note?: string } = {}) => {
    if (!held || sending) return;
    const body = {
      idempotencyKey: newIdempotencyKey(), campaignId: held.contact.campaignId, contactId: held.contact.contactId, outcome,
      callbackAt: extra.callbackAt ?? null, note: extra.note ?? null,
      answers: WITH_ANSWERS.includes(outcome) && held.script ? answersOnPath(held.script, answers) : {},
    };
    setSending(true);
    setOutcomeError(null);
    const r = await outbox.submit(body);
    setSending(false);
    if (r.kind === 'refused') { setOutcomeError(r.error); setPanel(null); return; }
    setShift(countCall(deviceStorage(), shiftKey(userId)));
    setLast({ kind: r.kind, outcome });
    hold(null);
    // Keep going only while the connection holds: offline, the next claim would fail anyway.
    if (r.kind === 'sent' && keepGoing) claim.mutate();
  };

  const answer = (q: Question, a: Answer | undefined, advance: boolean) => {
    const nextAnswers = { ...answers };
    if (a === undefined) delete nextAnswers[q.id]; else nextAnswers[q.id] = a;
    setAnswers(nextAnswers);
    if (advance && held?.script) setStep(walk(held.script, nextAnswers).findIndex((x) => x.id === q.id) + 1);
  };

  useAgentKeys({
    holding: !!held, blocked: !!panel || sending, onNext: next,
    onDigit: (d) => {
      const q = held?.script ? walk(held.script, answers)[step] : undefined;
      const a = q ? answerForDigit(q, d, answers[q.id]) : undefined;
      if (!q || a === undefined) return false;
      answer(q, a, q.kind !== 'multi');
      return true;
    },
    onOutcome: (o) => (o === 'call_back' || o === 'needs_organiser' ? setPanel(o) : void record(o)),
  });

  const problemFields = outcomeError instanceof ApiProblem ? outcomeError.errors : [];
  const questionText = (field: string) => {
    const id = field.startsWith('answers.') ? field.slice(8) : null;
    const q = id ? held?.script?.questions.find((x) => x.id === id) : undefined;
    return q ? textIn(q.text, langs) : field;
  };

  return (
    <div className="agent-desk">
      <div className="agent-bar">
        {centres.length > 1 ? (
          <label className="agent-centre">
            <span className="small">{t('agent.centre')}</span>
            <select value={centreId} onChange={(e) => setCentreId(Number(e.target.value))} disabled={!!held} data-testid="agent-centre">
              {centres.map((c) => <option key={c.centreId} value={c.centreId}>{c.active ? c.name : t('agent.centreInactive', { name: c.name })}</option>)}
            </select>
          </label>
        ) : <p className="agent-centre-name" data-testid="agent-centre-name">{centre.name}</p>}
        <p className="agent-shift" data-testid="agent-shift" data-count={shift}>{t('agent.shiftCalls', { count: shift })}</p>
        <label className="agent-keep">
          <input type="checkbox" checked={keepGoing} onChange={(e) => setKeepGoing(e.target.checked)} data-testid="agent-keep-going" />
          <span>{t('agent.keepGoing')}</span>
        </label>
      </div>
      <OutboxStatus online={online} pending={outbox.pending} refused={outbox.refused} lastSent={outbox.lastSent}
        onSendNow={() => void outbox.flush()} onDismiss={outbox.dismiss} />
      {/* The last outcome stays in view over the next contact, so the agent knows it was taken. */}
      {last ? (
        <p className={`notice agent-last ${last.kind === 'sent' ? 'notice-ok' : 'agent-pending'}`} role="status" data-testid="agent-last" data-kind={last.kind}>
          {last.kind === 'sent' ? t('agent.saved', { outcome: t(`agent.outcome.${last.outcome}`) }) : t('agent.savedOnPhone', { outcome: t(`agent.outcome.${last.outcome}`) })}
        </p>) : null}
      {held ? (
        <div className="agent-call">
          <ContactCard contact={held.contact} campaignName={held.campaign?.name ?? null} maxAttempts={held.campaign?.maxAttempts ?? null} onLeave={() => hold(null)} />
          {held.script ? (
            <Survey script={held.script} langs={langs} answers={answers} step={step} showKeys={showKeys} onAnswer={answer} onStep={setStep} />
          ) : null}
          {outcomeError ? (
            <div className="stack" data-testid="agent-outcome-error">
              <ProblemNotice error={outcomeError} />
              {problemFields.length ? <ul className="small">{problemFields.map((f) => <li key={f.field}>{questionText(f.field)}: {f.message}</li>)}</ul> : null}
            </div>) : null}
          <Outcomes panel={panel} setPanel={setPanel} disabled={sending} showKeys={showKeys} onOutcome={(o, extra) => void record(o, extra)} />
        </div>
      ) : (
        <IdleView reason={reason} active={centre.active} error={claim.error} finding={claim.isPending} showKeys={showKeys} onNext={next} />
      )}
    </div>
  );
}

/** Between contacts: why nothing was handed out, and the big button for the next one. */
function IdleView({ reason, active, error, finding, showKeys, onNext }: {
  reason: string | null; active: boolean; error: unknown; finding: boolean; showKeys: boolean; onNext: () => void;
}) {
  const { t } = useTranslation();
  const outside = reason === 'outside_hours';
  return (
    <div className="agent-idle">
      {reason ? (
        <div className="notice agent-reason" role="status" data-testid="agent-reason" data-reason={reason}>
          <strong>{outside ? t('agent.outsideHoursTitle') : t('agent.emptyTitle')}</strong>
          <p>{outside ? t('agent.outsideHoursBody') : t('agent.emptyBody')}</p>
        </div>) : null}
      {!active ? <p className="notice notice-error" data-testid="agent-inactive">{t('agent.inactive')}</p> : null}
      <ProblemNotice error={error} testId="agent-claim-error" />
      <button type="button" className="btn btn-primary agent-next" onClick={onNext} disabled={finding || !active} aria-keyshortcuts="N" data-testid="agent-next">
        {finding ? t('agent.finding') : t('agent.next')}
        {showKeys ? <kbd className="agent-kbd" aria-hidden="true">N</kbd> : null}
      </button>
      {showKeys ? <p className="small muted agent-keys-hint" data-testid="agent-keys-hint">{t('agent.keysHint')}</p> : null}
    </div>
  );
}
