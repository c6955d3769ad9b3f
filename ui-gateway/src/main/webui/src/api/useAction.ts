import { useCallback, useState } from 'react';

/**
 * An action the operator starts (save, delete, upload): {@code busy} while it runs, and the error it
 * failed with (cleared when it is run again) for an {@link ErrorAlert} or the fields it names.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async (action: () => Promise<unknown> | void) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
