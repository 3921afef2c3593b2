"use client";

import { useEffect, useRef, useState } from "react";
import { extendTimer, formatRemaining, pauseTimer, readTimer, remainingMs, resetTimer, resumeTimer, startTimer, timerPhase } from "@/lib/session/timer";
import { useSession } from "../../_lib/session/context";
import { useDocValue, useNow } from "../../_lib/session/useDocValue";

const PRESETS_MIN = [1, 3, 5, 10, 15];

/** A soft two-note chime; a page that was never interacted with may refuse audio, the flash still shows. */
function chime(): void {
  try {
    const context = new AudioContext();
    [660, 880].forEach((frequency, index) => {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      const start = context.currentTime + index * 0.25;
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.15, start + 0.03);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.6);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(start);
      oscillator.stop(start + 0.65);
    });
    setTimeout(() => void context.close(), 1500);
  } catch {
    // No audio available: the flash is the signal.
  }
}

/** The shared timer: everyone sees the same countdown, derived from the anchor in the document. */
export function TimerControl() {
  const { doc, origin, readOnly, user } = useSession();
  const timer = useDocValue(doc, "timer", readTimer);
  const [open, setOpen] = useState(false);
  const now = useNow(timer.startedAt !== null, 200);
  const phase = timerPhase(timer, now);
  const remaining = remainingMs(timer, now);
  const endKey = timer.startedAt !== null ? timer.startedAt + timer.durationMs : null;
  const seenRunning = useRef<number | null>(null);
  const [flashing, setFlashing] = useState(false);

  useEffect(() => {
    // Chime only for an end this page watched happen, not for a timer that ended before it opened.
    if (phase === "running" && endKey !== null) seenRunning.current = endKey;
    if (phase === "finished" && endKey !== null && seenRunning.current === endKey) {
      seenRunning.current = null;
      chime();
      setFlashing(true);
      const stop = setTimeout(() => setFlashing(false), 4000);
      return () => clearTimeout(stop);
    }
  }, [phase, endKey]);

  const start = (minutes: number) => {
    startTimer(doc, { durationMs: minutes * 60_000, by: user.name, now: Date.now() }, origin);
    setOpen(false);
  };

  return (
    <div className="relative flex items-center gap-1" data-testid="timer" data-phase={phase}>
      {phase === "idle" ? (
        <button
          type="button"
          data-testid="timer-open"
          disabled={readOnly}
          onClick={() => setOpen((value) => !value)}
          className="flex items-center gap-1.5 rounded-md px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-100 disabled:opacity-50"
        >
          <svg width="13" height="13" viewBox="0 0 16 16" aria-hidden>
            <circle cx="8" cy="9" r="5.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
            <path d="M8 6v3l2 1.5M6.5 1.5h3" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
          </svg>
          Timer
        </button>
      ) : (
        <span
          data-testid="timer-remaining"
          data-remaining-ms={remaining}
          data-ends-at={endKey ?? undefined}
          title={timer.startedBy ? `Started by ${timer.startedBy}` : undefined}
          className={`rounded-md px-2 py-1 font-mono text-sm font-semibold tabular-nums ${
            phase === "finished" ? (flashing ? "animate-pulse bg-rose-600 text-white" : "bg-rose-50 text-rose-700") : phase === "paused" ? "bg-amber-50 text-amber-800" : remaining < 30_000 ? "bg-rose-50 text-rose-700" : "bg-slate-100 text-slate-900"
          }`}
        >
          {phase === "finished" ? "Time's up" : formatRemaining(remaining)}
        </span>
      )}
      {!readOnly && phase !== "idle" && (
        <>
          {phase === "running" && (
            <button type="button" data-testid="timer-pause" onClick={() => pauseTimer(doc, Date.now(), origin)} className="rounded px-1.5 py-1 text-xs text-slate-600 hover:bg-slate-100" aria-label="Pause timer">
              ❚❚
            </button>
          )}
          {phase === "paused" && (
            <button type="button" data-testid="timer-resume" onClick={() => resumeTimer(doc, Date.now(), origin)} className="rounded px-1.5 py-1 text-xs text-slate-600 hover:bg-slate-100" aria-label="Resume timer">
              ▶
            </button>
          )}
          {phase !== "finished" && (
            <button type="button" onClick={() => extendTimer(doc, 60_000, Date.now(), origin)} className="rounded px-1.5 py-1 text-xs text-slate-600 hover:bg-slate-100" aria-label="Add a minute">
              +1m
            </button>
          )}
          <button type="button" data-testid="timer-reset" onClick={() => resetTimer(doc, origin)} className="rounded px-1.5 py-1 text-xs text-slate-600 hover:bg-slate-100" aria-label="Clear timer">
            ✕
          </button>
        </>
      )}
      {open && phase === "idle" && (
        <div className="absolute left-0 top-9 z-30 flex gap-1 rounded-lg bg-white p-1.5 shadow-lg ring-1 ring-slate-200">
          {PRESETS_MIN.map((minutes) => (
            <button
              type="button"
              key={minutes}
              data-testid={`timer-start-${minutes}`}
              onClick={() => start(minutes)}
              className="rounded-md px-2 py-1 text-xs font-medium text-slate-700 hover:bg-indigo-50 hover:text-indigo-700"
            >
              {minutes} min
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
