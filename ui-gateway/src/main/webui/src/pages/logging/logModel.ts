/** Shapes of /api/logs (core-service LogView and LogPage) and what the console says about them. */

export type LogLevel = 'debug' | 'info' | 'warning' | 'error';

export const LEVELS: LogLevel[] = ['debug', 'info', 'warning', 'error'];

/** One entry; lists leave details and resolution out (hasDetails says whether there are any). */
export interface LogView {
  id: string;
  time: string;
  level: LogLevel;
  module?: string;
  plugin?: string;
  configuration?: string;
  message: string;
  errorCode?: string;
  details?: string;
  resolution?: string;
  hasDetails?: boolean;
  requestId?: string;
  service?: string;
}

/** One page, newest first; nextBefore is the cursor of the next (older) page while more is true. */
export interface LogPage {
  entries: LogView[];
  more: boolean;
  nextBefore?: string;
}

export const LEVEL_NAMES: Record<LogLevel, string> = {
  debug: 'Debug',
  info: 'Info',
  warning: 'Warning',
  error: 'Error',
};

/** The modules entries belong to (LogEntry.module): the service name without "-service". */
export const MODULES: { value: string; label: string }[] = [
  { value: 'core', label: 'Platform core' },
  { value: 'tenant', label: 'Tenants and users' },
  { value: 'cls', label: 'Log Shipper' },
  { value: 'cte', label: 'Threat Exchange' },
  { value: 'cto', label: 'Ticket Orchestrator' },
  { value: 'cre', label: 'Risk Exchange' },
  { value: 'ui-gateway', label: 'Gateway' },
];

export function moduleLabel(module: string | undefined | null): string {
  if (!module) return '—';
  return MODULES.find((m) => m.value === module)?.label ?? module;
}

/** Log ids are numbers in arrival order, sent as strings. */
export function idNumber(id: string | undefined): number {
  const n = Number(id);
  return Number.isFinite(n) ? n : 0;
}

/** A log time, short: month, day and time to the second (the year only when it is not this year). */
export function shortTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(undefined, {
    year: d.getFullYear() === new Date().getFullYear() ? undefined : 'numeric',
    month: 'short',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
}
