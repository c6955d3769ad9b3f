import { useCallback, useEffect, useRef, useState } from 'react';

export interface Polled<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Fetch again now. */
  reload: () => void;
}

/**
 * Loads with {@code load} at once and again every {@code everyMs} (not at all when 0) while the page
 * is visible; the data stays in place while a later load runs, so nothing jumps.
 */
export function usePoll<T>(load: (signal: AbortSignal) => Promise<T>, everyMs: number, deps: unknown[] = []): Polled<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const run = async () => {
      if (document.visibilityState !== 'hidden') {
        try {
          const value = await loadRef.current(controller.signal);
          if (!stopped) {
            setData(value);
            setError(undefined);
          }
        } catch (e) {
          if (!stopped && !(e instanceof DOMException && e.name === 'AbortError')) setError(e);
        } finally {
          if (!stopped) setLoading(false);
        }
      }
      if (!stopped && everyMs > 0) timer = setTimeout(run, everyMs);
    };
    run();
    return () => {
      stopped = true;
      controller.abort();
      if (timer) clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [everyMs, tick, ...deps]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}
