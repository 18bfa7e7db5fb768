// The check-in desk. A USB or phone barcode scanner "types" the credential and presses Enter into the
// field, which keeps focus for the next delegate; where the browser has BarcodeDetector (Chrome on
// Android), the camera can read the QR code itself — feature-detected, no extra library.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, fieldError, ProblemNotice } from '../../components/ui.tsx';
import { useLocalName } from '../../i18n/index.ts';
import { EVENTS, eventsApi, type CheckinResult, type Event } from './api.ts';

interface Detector { detect(source: CanvasImageSource): Promise<{ rawValue: string }[]> }
type DetectorCtor = new (o: { formats: string[] }) => Detector;
const detectorCtor = (): DetectorCtor | undefined => (window as unknown as { BarcodeDetector?: DetectorCtor }).BarcodeDetector;

function Camera({ onCode, onStop }: { onCode: (code: string) => void; onStop: () => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState(false);
  // The latest handler, so a re-render of the desk does not restart the camera.
  const handler = useRef(onCode);
  handler.current = onCode;
  useEffect(() => {
    const Ctor = detectorCtor();
    let stream: MediaStream | null = null;
    let timer = 0;
    let last = '';
    (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
        if (!video.current) return;
        video.current.srcObject = stream;
        await video.current.play();
        const detector = new Ctor!({ formats: ['qr_code'] });
        // A few reads a second is plenty at a desk, and spares a phone's battery.
        timer = window.setInterval(async () => {
          const codes = await detector.detect(video.current!).catch(() => []);
          const code = codes[0]?.rawValue;
          if (code && code !== last) { last = code; handler.current(code); }
        }, 300);
      } catch { setError(true); }
    })();
    return () => { window.clearInterval(timer); stream?.getTracks().forEach((tr) => tr.stop()); };
  }, []);
  return (
    <div className="ev-camera">
      {error ? <p className="notice notice-error">{t('events.desk.cameraError')}</p> : <video ref={video} muted playsInline className="ev-video" />}
      <button type="button" className="btn btn-small" onClick={onStop}>{t('events.desk.stopCamera')}</button>
    </div>
  );
}

export function CheckinDesk({ event }: { event: Event }) {
  const { t, i18n } = useTranslation();
  const local = useLocalName();
  const qc = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [token, setToken] = useState('');
  const [camera, setCamera] = useState(false);
  const [last, setLast] = useState<CheckinResult | null>(null);
  const checkIn = useMutation({
    mutationFn: (code: string) => eventsApi.checkIn(event.id, code),
    onSuccess: async (r) => { setLast(r); setToken(''); await qc.invalidateQueries({ queryKey: [EVENTS] }); },
    onSettled: () => input.current?.focus(),
  });
  const submit = (e: FormEvent) => { e.preventDefault(); if (token.trim()) checkIn.mutate(token); };
  const time = (iso: string) => new Date(iso).toLocaleTimeString(i18n.language === 'hi' ? 'hi-IN' : 'en-IN', { hour: '2-digit', minute: '2-digit' });
  return (
    <section className="ev-desk card" data-testid="checkin-desk">
      <h2>{t('events.desk.title')}</h2>
      <p className="muted">{t('events.desk.intro')}</p>
      <form onSubmit={submit} className="ev-desk-form">
        <Field label={t('events.desk.token')} error={fieldError(checkIn.error, 'token')}>
          {(p) => <input {...p} ref={input} value={token} onChange={(e) => setToken(e.target.value)} autoFocus autoComplete="off" autoCapitalize="none" spellCheck={false} data-testid="desk-token" />}
        </Field>
        <button type="submit" className="btn btn-primary org-tap" disabled={checkIn.isPending || !token.trim()} data-testid="desk-submit">{t('events.desk.checkIn')}</button>
      </form>
      {detectorCtor() && !camera ? <button type="button" className="btn org-tap" onClick={() => setCamera(true)} data-testid="desk-camera">{t('events.desk.camera')}</button> : null}
      {camera ? <Camera onCode={(c) => checkIn.mutate(c)} onStop={() => setCamera(false)} /> : null}
      {checkIn.error ? <ProblemNotice error={checkIn.error} testId="desk-problem" /> : last ? (
        <p className={`notice ${last.alreadyCheckedIn ? 'notice-warn' : 'notice-ok'} ev-desk-result`} role="status" data-testid="desk-result">
          {last.alreadyCheckedIn
            ? t('events.desk.already', { name: local(last.name, last.nameHi), time: time(last.checkedInAt) })
            : t('events.desk.done', { name: local(last.name, last.nameHi), time: time(last.checkedInAt) })}
        </p>
      ) : null}
    </section>
  );
}
