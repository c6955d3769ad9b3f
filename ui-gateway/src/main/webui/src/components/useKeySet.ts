import { useCallback, useState } from 'react';

/**
 * A set of keys kept in state (the rows shown expanded, the rows busy, say): {@code toggle} adds a
 * key or takes it out, {@code add} and {@code remove} do one of them.
 */
export function useKeySet<K = string>(initial?: () => Iterable<K>) {
  const [keys, setKeys] = useState<ReadonlySet<K>>(() => new Set(initial?.()));
  const change = useCallback(
    (key: K, put: (has: boolean) => boolean) =>
      setKeys((current) => {
        const next = new Set(current);
        if (put(next.has(key))) next.add(key);
        else next.delete(key);
        return next;
      }),
    [],
  );
  const toggle = useCallback((key: K) => change(key, (has) => !has), [change]);
  const add = useCallback((key: K) => change(key, () => true), [change]);
  const remove = useCallback((key: K) => change(key, () => false), [change]);
  return { keys, toggle, add, remove };
}
