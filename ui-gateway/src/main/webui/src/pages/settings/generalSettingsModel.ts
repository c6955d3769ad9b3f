/** The platform settings (core-service PlatformSettings) and how the General page's form maps to them. */
import { rangeProblem, wholeNumber } from './shared';

/** PlatformSettings of core-service, as GET /api/settings shows them (nulls left out). */
export interface PlatformSettings {
  modules: Modules;
  proxy: {
    enabled: boolean;
    scheme?: string | null;
    host?: string | null;
    port?: number | null;
    username?: string | null;
    /** "********" when one is stored. */
    password?: string | null;
  };
  tls: { verify: boolean; extraCaCertificates?: string | null };
  logLevel?: string | null;
  retention: Retention;
  updateCheck: { enabled: boolean; feedUrl: string; intervalHours: number };
  updatedAt?: string | null;
  updatedBy?: string | null;
}

export interface Modules {
  cte: boolean;
  cto: boolean;
  cre: boolean;
  cls: boolean;
}

export interface Retention {
  logsDays: number;
  alertsDays: number;
  eventsDays: number;
  ticketsDays: number;
  notificationsDays: number;
  parkedDays: number;
}

export const MODULES: { key: keyof Modules; name: string; about: string }[] = [
  { key: 'cls', name: 'Log Shipper (CLS)', about: 'Alerts, events and web transactions from Netskope to SIEMs.' },
  { key: 'cte', name: 'Threat Exchange (CTE)', about: 'Indicators shared between Netskope and security products.' },
  { key: 'cto', name: 'Ticket Orchestrator (CTO)', about: 'Tickets and notifications from Netskope alerts.' },
  { key: 'cre', name: 'Risk Exchange (CRE)', about: 'Risk scores of users, devices and applications, and actions on them.' },
];

export const RETENTION: { key: keyof Retention; label: string; about: string }[] = [
  { key: 'logsDays', label: 'Platform logs', about: 'The Logging page.' },
  { key: 'alertsDays', label: 'Alerts', about: 'Netskope alerts pulled for the modules.' },
  { key: 'eventsDays', label: 'Events', about: 'Netskope events pulled for the modules.' },
  { key: 'ticketsDays', label: 'Tickets', about: 'Ticket Orchestrator tickets and their history.' },
  { key: 'notificationsDays', label: 'Notifications', about: 'Resolved notifications of the bell.' },
  { key: 'parkedDays', label: 'Parked batches', about: 'Batches a destination refused, kept for a retry.' },
];

export const LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR'];

/** What the form edits: numbers as the text typed, the proxy password as a new value or an instruction. */
export interface FormState {
  modules: Modules;
  proxyEnabled: boolean;
  proxyHost: string;
  proxyPort: string;
  proxyUsername: string;
  proxyPassword: string;
  proxyPasswordSet: boolean;
  removeProxyPassword: boolean;
  tlsVerify: boolean;
  extraCa: string;
  logLevel: string;
  retention: Record<keyof Retention, string>;
  updateEnabled: boolean;
  feedUrl: string;
  intervalHours: string;
}

export function toForm(s: PlatformSettings): FormState {
  const retention = {} as Record<keyof Retention, string>;
  for (const r of RETENTION) retention[r.key] = String(s.retention?.[r.key] ?? '');
  return {
    modules: { cte: !!s.modules?.cte, cto: !!s.modules?.cto, cre: !!s.modules?.cre, cls: !!s.modules?.cls },
    proxyEnabled: !!s.proxy?.enabled,
    proxyHost: s.proxy?.host ?? '',
    proxyPort: s.proxy?.port == null ? '' : String(s.proxy.port),
    proxyUsername: s.proxy?.username ?? '',
    proxyPassword: '',
    proxyPasswordSet: !!s.proxy?.password,
    removeProxyPassword: false,
    tlsVerify: s.tls?.verify ?? true,
    extraCa: s.tls?.extraCaCertificates ?? '',
    logLevel: s.logLevel ? s.logLevel.toUpperCase() : '',
    retention,
    updateEnabled: !!s.updateCheck?.enabled,
    feedUrl: s.updateCheck?.feedUrl ?? '',
    intervalHours: s.updateCheck ? String(s.updateCheck.intervalHours) : '',
  };
}

/** The PUT body: a password left empty is sent as null (keep the stored one), a removed one as "". */
export function toBody(f: FormState) {
  const retention = {} as Record<keyof Retention, number>;
  for (const r of RETENTION) retention[r.key] = wholeNumber(f.retention[r.key]) ?? 0;
  return {
    modules: f.modules,
    proxy: {
      enabled: f.proxyEnabled,
      scheme: 'http',
      host: f.proxyHost.trim() || null,
      port: f.proxyPort.trim() === '' ? null : (wholeNumber(f.proxyPort) ?? 0),
      username: f.proxyUsername.trim() || null,
      password: f.removeProxyPassword ? '' : f.proxyPassword !== '' ? f.proxyPassword : null,
    },
    tls: { verify: f.tlsVerify, extraCaCertificates: f.extraCa.trim() ? f.extraCa : null },
    logLevel: f.logLevel || null,
    retention,
    updateCheck: { enabled: f.updateEnabled, feedUrl: f.feedUrl.trim(), intervalHours: wholeNumber(f.intervalHours) ?? 0 },
  };
}

/** Problems the form can tell before asking the API (the API checks everything again). */
export function localProblems(f: FormState): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const r of RETENTION) {
    const p = rangeProblem(f.retention[r.key], 1, 3650, 'days');
    if (p) problems[`retention.${r.key}`] = p;
  }
  const interval = rangeProblem(f.intervalHours, 1, 168, 'hours');
  if (interval) problems['updateCheck.intervalHours'] = interval;
  if (f.proxyEnabled && f.proxyHost.trim() === '') problems['proxy.host'] = 'is required when the proxy is on';
  if (f.proxyEnabled || f.proxyPort.trim() !== '') {
    const port = rangeProblem(f.proxyPort, 1, 65535);
    if (port) problems['proxy.port'] = port;
  }
  return problems;
}
