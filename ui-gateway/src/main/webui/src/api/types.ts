/** Shapes of API answers shared by several pages. */

export type Severity = 'info' | 'warning' | 'error';

export interface Notification {
  key: string;
  severity: Severity;
  banner: boolean;
  source: string;
  message: string;
  count: number;
  firstAt: string;
  lastAt: string;
  resolvedAt: string | null;
}
