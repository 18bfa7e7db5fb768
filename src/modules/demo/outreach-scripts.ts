// The demo call centre's two campaign scripts and how a demo respondent answers them. Answers lean by
// assembly constituency (a hash of the AC number), so results by AC differ the way real ones do: some
// seats warm, some cold, each with its own top issue.
import { Goal, Script, walk, type Answers } from '../outreach/script.ts';
import { hashInts } from './random.ts';
import type { Random } from './random.ts';

const t = (hi: string, en: string) => ({ hi, en });
const yesNo = (yesNext?: string) => [
  { value: 'yes', label: t('हाँ', 'Yes'), ...(yesNext ? { next: yesNext } : {}) },
  { value: 'no', label: t('नहीं', 'No') },
];

/** A survey with branching: someone voting for another party is asked why, and the call ends there. */
export const SURVEY_SCRIPT: Script = Script.parse({
  intro: t('नमस्ते, मैं लखनऊ कॉल सेंटर से बोल रहा/रही हूँ। क्या आप दो मिनट में कुछ सवालों के जवाब देंगे?',
    'Hello, I am calling from the Lucknow call centre. Could you spare two minutes for a few questions?'),
  questions: [
    { id: 'vote_intent', kind: 'single', required: true, text: t('अगले चुनाव में आप किसे वोट देंगे?', 'Whom will you vote for in the coming election?'),
      options: [{ value: 'us', label: t('हमारी पार्टी', 'Our party') }, { value: 'undecided', label: t('अभी तय नहीं', 'Undecided') },
        { value: 'other', label: t('दूसरी पार्टी', 'Another party'), next: 'reason' }] },
    { id: 'issue', kind: 'single', text: t('आपके क्षेत्र में सबसे बड़ा मुद्दा क्या है?', 'What is the biggest issue where you live?'),
      options: [{ value: 'jobs', label: t('रोज़गार', 'Jobs') }, { value: 'prices', label: t('महँगाई', 'Prices') }, { value: 'water', label: t('पानी', 'Water') },
        { value: 'roads', label: t('सड़कें', 'Roads') }, { value: 'safety', label: t('सुरक्षा', 'Safety') }] },
    { id: 'leader_rating', kind: 'scale', min: 1, max: 5, next: 'volunteer',
      text: t('अपने क्षेत्र के जनप्रतिनिधि के काम को 1 से 5 तक कितने अंक देंगे?', 'From 1 to 5, how do you rate the work of your local representative?') },
    { id: 'reason', kind: 'text', next: 'end', text: t('आप ऐसा क्यों सोचते हैं?', 'Why do you feel that way?') },
    { id: 'volunteer', kind: 'single', text: t('क्या आप चुनाव में हमारे साथ काम करना चाहेंगे?', 'Would you like to volunteer with us in the election?'), options: yesNo() },
  ],
  closing: t('आपके समय के लिए धन्यवाद।', 'Thank you for your time.'),
});

/** A pledge call to gas-connection beneficiaries; the goal is a yes, and a no ends the call. */
export const PLEDGE_SCRIPT: Script = Script.parse({
  intro: t('नमस्ते, उज्ज्वला योजना के लाभार्थियों से हम एक छोटी सी बात करना चाहते हैं।', 'Hello, we are calling beneficiaries of the Ujjwala gas scheme for a short word.'),
  questions: [
    { id: 'pledge', kind: 'single', required: true, text: t('क्या आप मतदान के दिन वोट डालने का संकल्प लेंगे?', 'Will you pledge to vote on polling day?'),
      options: [{ value: 'yes', label: t('हाँ', 'Yes') }, { value: 'maybe', label: t('शायद', 'Maybe') }, { value: 'no', label: t('नहीं', 'No'), next: 'end' }] },
    { id: 'gas_refill', kind: 'single', text: t('आपने पिछली बार सिलेंडर कब भरवाया?', 'When did you last refill your gas cylinder?'),
      options: [{ value: 'this_month', label: t('इस महीने', 'This month') }, { value: 'within_3_months', label: t('तीन महीने के भीतर', 'Within three months') },
        { value: 'longer', label: t('तीन महीने से पहले', 'More than three months ago') }, { value: 'never', label: t('कभी नहीं', 'Never refilled') }] },
  ],
  closing: t('धन्यवाद। आपका वोट आपकी आवाज़ है।', 'Thank you. Your vote is your voice.'),
});
export const PLEDGE_GOAL: Goal = Goal.parse({ question: 'pledge', anyOf: ['yes'] });

const ISSUES = ['jobs', 'prices', 'water', 'roads', 'safety'];
const REASONS = ['The MLA was never seen after the election', 'Prices have gone up too much', 'My family always votes for them',
  'Their candidate is from our village', 'Nothing changed in our area', 'The road to our village is still broken'];

/** An AC's lean in [0, 1): how warm its voters are to the party, the same on every run. */
export function acLean(seed: number, acNo: number): number {
  return (hashInts(seed, 0x5e47, acNo) % 1000) / 1000;
}

/** Answers to the survey, along the path the script branches to. */
export function surveyAnswers(r: Random, seed: number, acNo: number): Answers {
  const lean = acLean(seed, acNo);
  const us = 0.22 + 0.4 * lean;
  const x = r.next();
  const intent = x < us ? 'us' : x < us + (1 - us) * 0.45 ? 'undecided' : 'other';
  const a: Answers = { vote_intent: intent };
  // Each seat has its own top issue, named by half the people there; the rest spread over all five.
  const top = ISSUES[hashInts(seed, 0x155e, acNo) % ISSUES.length];
  a.issue = r.next() < 0.5 ? top : r.pick(ISSUES);
  a.leader_rating = Math.max(1, Math.min(5, Math.round(r.normal(1.8 + 2.6 * lean + (intent === 'us' ? 0.6 : 0), 0.9))));
  a.reason = r.pick(REASONS);
  a.volunteer = intent === 'us' && r.next() < 0.3 ? 'yes' : 'no';
  return onPath(SURVEY_SCRIPT, a);
}

/** Answers to the pledge call: warmer seats pledge more. */
export function pledgeAnswers(r: Random, seed: number, acNo: number): Answers {
  const lean = acLean(seed, acNo);
  const x = r.next();
  const pledge = x < 0.4 + 0.35 * lean ? 'yes' : x < 0.85 ? 'maybe' : 'no';
  const refill = r.next() < 0.55 ? r.pick(['this_month', 'within_3_months']) : r.pick(['longer', 'never']);
  return onPath(PLEDGE_SCRIPT, { pledge, gas_refill: refill });
}

/** Keeps only the answers to questions the branching reaches, as the agent screen would have asked them. */
function onPath(script: Script, answers: Answers): Answers {
  return Object.fromEntries(walk(script, answers).filter((q) => answers[q.id] !== undefined).map((q) => [q.id, answers[q.id]]));
}
