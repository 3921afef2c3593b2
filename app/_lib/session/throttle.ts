/** Calls `send` at most once per `intervalMs`, always delivering the latest value last. */
export function throttleLatest<T>(send: (value: T) => void, intervalMs: number): { push: (value: T) => void; cancel: () => void } {
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending: { value: T } | null = null;
  const flush = () => {
    timer = null;
    last = Date.now();
    if (pending) send(pending.value);
    pending = null;
  };
  return {
    push(value: T) {
      pending = { value };
      const wait = intervalMs - (Date.now() - last);
      if (wait <= 0 && !timer) flush();
      else if (!timer) timer = setTimeout(flush, Math.max(0, wait));
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
      pending = null;
    },
  };
}
