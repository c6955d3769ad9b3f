import type { ReactNode } from 'react';

const DANGER = 'var(--pf-t--global--text--color--status--danger--default)';

/** Text in the colour of errors. */
export function DangerText({ children }: { children: ReactNode }) {
  return <span style={{ color: DANGER }}>{children}</span>;
}

/** The last error of something in a table cell, or a dash when there is none. */
export function LastError({ error }: { error: string | null | undefined }) {
  return error ? <DangerText>{error}</DangerText> : <>—</>;
}
