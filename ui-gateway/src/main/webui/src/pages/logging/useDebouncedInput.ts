import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * The value of a text filter while it is typed: shown at once, handed to {@code commit} only after
 * {@code delay} ms without typing (or at once with {@code flush}, e.g. on Enter). When the committed
 * value changes from outside (filters cleared, a link followed), the input follows it.
 */
export function useDebouncedInput(
  committed: string,
  commit: (value: string) => void,
  delay = 400,
): [string, (value: string) => void, () => void] {
  const [value, setValue] = useState(committed);
  const pending = useRef(false);
  const commitRef = useRef(commit);
  commitRef.current = commit;
  const valueRef = useRef(value);
  valueRef.current = value;

  useEffect(() => {
    pending.current = false;
    // the committed value may be the typed one trimmed: keep what is typed then (a space before the next word)
    setValue((typed) => (typed.trim() === committed ? typed : committed));
  }, [committed]);

  useEffect(() => {
    if (!pending.current) return undefined;
    const timer = setTimeout(() => {
      pending.current = false;
      commitRef.current(valueRef.current);
    }, delay);
    return () => clearTimeout(timer);
  }, [value, delay]);

  const change = useCallback((next: string) => {
    pending.current = true;
    setValue(next);
  }, []);

  const flush = useCallback(() => {
    if (pending.current) {
      pending.current = false;
      commitRef.current(valueRef.current);
    }
  }, []);

  return [value, change, flush];
}
