/**
 * Open-loop pacing: `rate` sends per second spread round-robin over `actors`, whatever the replies
 * do. When the event loop falls behind, the missing sends go out at once so the offered load holds;
 * each send stamps its own real time, so a late tick never hides as latency.
 */
export function startPacer(rate: number, actors: number, send: (actor: number) => void): () => number {
  const startedAt = performance.now();
  let sent = 0;
  const timer = setInterval(() => {
    const due = Math.floor(((performance.now() - startedAt) / 1000) * rate);
    while (sent < due) {
      send(sent % actors);
      sent++;
    }
  }, 2);
  return () => {
    clearInterval(timer);
    return sent;
  };
}
