// The script read out in the contact's language and the survey walked one question at a time: only the
// path the answers lead down is shown; an earlier answer can be changed, and the path follows.
import { useTranslation } from 'react-i18next';
import { walk, type Answer, type Answers, type Question, type Script } from '../../../../../src/modules/outreach/script.ts';
import { isAnswered, scaleValues, textIn } from './survey.ts';

export function answerLabel(q: Question, a: Answer | undefined, langs: string[]): string {
  if (!isAnswered(a)) return '—';
  const label = (v: string) => textIn(q.options?.find((o) => o.value === v)?.label, langs) ?? v;
  if (Array.isArray(a)) return a.map(label).join(', ');
  return typeof a === 'string' && q.options ? label(a) : String(a);
}

export function Survey({ script, langs, answers, step, showKeys, onAnswer, onStep }: {
  script: Script; langs: string[]; answers: Answers; step: number; showKeys: boolean;
  onAnswer: (q: Question, a: Answer | undefined, advance: boolean) => void; onStep: (step: number) => void;
}) {
  const { t } = useTranslation();
  const path = walk(script, answers);
  const current = path[step] as Question | undefined;
  const intro = textIn(script.intro, langs);
  const closing = textIn(script.closing, langs);
  return (
    <section className="agent-script" data-testid="agent-script">
      {intro ? <blockquote className="agent-say" data-testid="agent-intro"><span className="agent-say-label">{t('agent.say')}</span>{intro}</blockquote> : null}
      {path.length ? (
        <ol className="agent-answered" data-testid="agent-answered">
          {path.slice(0, step).map((q, i) => (
            <li key={q.id} data-testid={`agent-answered-${q.id}`}>
              <span className="agent-answered-q">{textIn(q.text, langs)}</span>
              <span className="agent-answered-a"><strong>{answerLabel(q, answers[q.id], langs)}</strong>
                <button type="button" className="linklike small" onClick={() => onStep(i)} data-testid={`agent-change-${q.id}`}>{t('agent.change')}</button></span>
            </li>))}
        </ol>) : null}
      {current ? (
        <QuestionBlock key={current.id} q={current} n={step + 1} langs={langs} answer={answers[current.id]} showKeys={showKeys}
          onAnswer={(a, advance) => onAnswer(current, a, advance)} onNext={() => onStep(step + 1)} />
      ) : path.length ? (
        <div className="agent-done" data-testid="agent-survey-done">
          <p className="notice notice-ok">{t('agent.surveyDone')}</p>
          {closing ? <blockquote className="agent-say" data-testid="agent-closing"><span className="agent-say-label">{t('agent.say')}</span>{closing}</blockquote> : null}
        </div>
      ) : closing ? <blockquote className="agent-say" data-testid="agent-closing"><span className="agent-say-label">{t('agent.say')}</span>{closing}</blockquote> : null}
    </section>
  );
}

function Key({ k, show }: { k: string | number; show: boolean }) {
  return show ? <kbd className="agent-kbd" aria-hidden="true">{k}</kbd> : null;
}

function QuestionBlock({ q, n, langs, answer, showKeys, onAnswer, onNext }: {
  q: Question; n: number; langs: string[]; answer: Answer | undefined; showKeys: boolean;
  onAnswer: (a: Answer | undefined, advance: boolean) => void; onNext: () => void;
}) {
  const { t } = useTranslation();
  const answered = isAnswered(answer);
  const chosen = (v: string) => (Array.isArray(answer) ? answer.includes(v) : answer === v);
  return (
    <section className="agent-question" role="group" aria-labelledby={`agent-q-${q.id}`} data-testid={`agent-question-${q.id}`} data-question={q.id}>
      <h3 className="agent-question-text" id={`agent-q-${q.id}`}>
        <span className="agent-question-n">{t('agent.questionN', { n })}</span>
        {textIn(q.text, langs)}{q.required ? <span className="agent-required"> *</span> : null}
      </h3>
      {q.kind === 'single' || q.kind === 'multi' ? (
        <div className={`agent-options${q.kind === 'multi' ? ' agent-options-multi' : ''}`}>
          {q.options!.map((o, i) => (
            <button key={o.value} type="button" className="btn agent-option" aria-pressed={chosen(o.value)} data-testid={`agent-option-${o.value}`}
              onClick={() => {
                if (q.kind === 'single') onAnswer(o.value, true);
                else {
                  const now = Array.isArray(answer) ? answer : [];
                  onAnswer(now.includes(o.value) ? now.filter((x) => x !== o.value) : [...now, o.value], false);
                }
              }}>
              <Key k={i + 1} show={showKeys && i < 9} />
              <span>{textIn(o.label, langs) ?? o.value}</span>
            </button>))}
        </div>
      ) : q.kind === 'scale' ? (
        <div className="agent-scale" role="group">
          {scaleValues(q).map((v) => (
            <button key={v} type="button" className="btn agent-option agent-scale-value" aria-pressed={answer === v} data-testid={`agent-scale-${v}`}
              onClick={() => onAnswer(v, true)}>{v}</button>))}
        </div>
      ) : (
        <textarea className="agent-text" rows={3} maxLength={2000} aria-label={textIn(q.text, langs) ?? q.id} value={typeof answer === 'string' ? answer : ''}
          onChange={(e) => onAnswer(e.target.value, false)} data-testid="agent-text-answer" />
      )}
      <div className="agent-question-actions">
        {q.kind === 'multi' || q.kind === 'text' || answered ? (
          <button type="button" className="btn btn-primary" onClick={onNext} disabled={q.required && !answered} data-testid="agent-next-question">{t('agent.nextQuestion')}</button>
        ) : null}
        {!q.required && !answered ? (
          <button type="button" className="btn" onClick={() => { onAnswer(undefined, false); onNext(); }} data-testid="agent-skip-question">{t('agent.skip')}</button>
        ) : null}
      </div>
    </section>
  );
}
