import { useCallback, useRef, useState, type ReactNode } from 'react';
import { Alert, AlertActionCloseButton, AlertGroup } from '@patternfly/react-core';

export type ToastVariant = 'success' | 'danger' | 'info' | 'warning';

interface Toast {
  key: number;
  title: string;
  variant: ToastVariant;
}

/**
 * Success (and other short) messages in the top-right corner that go away by themselves: after
 * {@code timeout} ms (by variant), at most {@code max} at a time (the oldest goes), all when no max.
 */
export function useToasts({ max = 4, timeout = () => 8000 }: { max?: number; timeout?: (variant: ToastVariant) => number } = {}): {
  toasts: ReactNode;
  notify: (title: string, variant?: ToastVariant) => void;
} {
  const [items, setItems] = useState<Toast[]>([]);
  const next = useRef(1);
  const notify = useCallback(
    (title: string, variant: ToastVariant = 'success') => {
      const key = next.current++;
      setItems((current) => [...(Number.isFinite(max) ? current.slice(-(max - 1)) : current), { key, title, variant }]);
    },
    [max],
  );
  const remove = (key: number) => setItems((current) => current.filter((t) => t.key !== key));
  const toasts = (
    <AlertGroup isToast isLiveRegion>
      {items.map((t) => (
        <Alert
          key={t.key}
          variant={t.variant}
          title={t.title}
          timeout={timeout(t.variant)}
          onTimeout={() => remove(t.key)}
          actionClose={<AlertActionCloseButton title={t.title} onClose={() => remove(t.key)} />}
        />
      ))}
    </AlertGroup>
  );
  return { toasts, notify };
}
