// The words of a notification in each language, for the outbox (the web app has the same texts in
// its i18n files and renders in-app notifications from kind + params itself).
import type { NotificationKind } from '../../db/schema-programmes.ts';

export interface NotificationParams {
  taskId?: number; title?: string; titleHi?: string | null; dueOn?: string; unitName?: string; unitNameHi?: string | null; count?: number | string;
  [key: string]: unknown;
}

export function notificationText(kind: NotificationKind, p: NotificationParams, locale: 'en' | 'hi'): { subject: string; body: string } {
  const title = locale === 'hi' ? p.titleHi || p.title : p.title;
  const unit = locale === 'hi' ? p.unitNameHi || p.unitName : p.unitName;
  if (locale === 'hi') {
    if (kind === 'task.assigned') return { subject: `नया कार्य: ${title}`, body: `${unit} को नया कार्य मिला है: "${title}"। अंतिम तिथि ${p.dueOn}।` };
    if (kind === 'task.escalated') return { subject: `पिछड़ रहे हैं: ${title}`, body: `${unit} के अंतर्गत ${p.count} इकाइयाँ "${title}" में अंतिम तिथि ${p.dueOn} के बाद भी लक्ष्य से पीछे हैं।` };
    return { subject: `अंतिम तिथि निकट: ${title}`, body: `"${title}" की अंतिम तिथि ${p.dueOn} है।` };
  }
  if (kind === 'task.assigned') return { subject: `New task: ${title}`, body: `${unit} has a new task: "${title}", due ${p.dueOn}.` };
  if (kind === 'task.escalated') return { subject: `Falling behind: ${title}`, body: `${p.count} units under ${unit} are short of their target on "${title}", which was due ${p.dueOn}.` };
  return { subject: `Due soon: ${title}`, body: `"${title}" is due ${p.dueOn}.` };
}
