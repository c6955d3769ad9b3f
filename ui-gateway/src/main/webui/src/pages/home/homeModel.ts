/** Shapes of the answers the home page reads, as the Java records have them. */
import { ApiError } from '../../api/client';

/** core-service SystemStatus: GET /api/system/status. */
export interface SystemStatus {
  /** UP when every service is healthy and answered on the bus, else DEGRADED. */
  status: string;
  summary?: string;
  version?: string;
  installation?: { id: string; installedAt?: string } | null;
  checkedAt?: string;
  services?: ServiceStatus[];
}

export interface ServiceStatus {
  name: string;
  /** UP, DOWN or UNREACHABLE. */
  health: string;
  detail?: string;
  version?: string;
  instance?: string;
  checks?: Record<string, string>;
  /** Absent for services not on the bus (the gateway). */
  bus?: { reached: boolean; roundTripMillis?: number };
}

/** common ModuleStatus: GET /api/{cls,cte,cto,cre}/status. */
export interface ModuleStatus {
  module: string;
  enabled: boolean;
  service?: string;
  version?: string;
  instance?: string;
}

/** cls-service DeliveryStatistics.RouteView. */
export interface RouteView {
  mapping: string;
  destination: string;
  sent: number;
  bytesSent: number;
  retried: number;
  parked: number;
  filtered: number;
  muted: number;
  unmapped: number;
  replayed: number;
  discarded: number;
  eventsPerSecond: number;
  lagSeconds: number;
  backlogBatches: number;
  retryingBatches: number;
  lastDeliveredAt?: string;
  lastError?: string;
  lastErrorAt?: string;
}

/** cls-service DeliveryStatistics.DestinationView. */
export interface DestinationView {
  destination: string;
  sent: number;
  bytesSent: number;
  retried: number;
  parked: number;
  filtered: number;
  eventsPerSecond: number;
  /** -1 before the first delivery. */
  lagSeconds: number;
  backlogBatches: number;
  retryingBatches: number;
  lastDeliveredAt: string | null;
  lastError: string | null;
  routes: RouteView[];
}

/** GET /api/cls/statistics. */
export interface DeliveryStatisticsAnswer {
  at: string;
  destinations: DestinationView[];
}

/** tenant-service TenantModels.View: GET /api/tenants. */
export interface TenantView {
  name: string;
  tenantName: string;
  baseUrl?: string;
  hasV1Token: boolean;
  hasV2Token: boolean;
  api?: string;
  initialRangeDays: number;
  useSystemProxy: boolean;
  createdAt?: string;
  updatedAt?: string;
}

/** core-service IngestResource.Stream. */
export interface IngestStream {
  kind: string;
  subtype: string;
  neededBy: string[];
  /** starting, running, caught up, backoff, paused, waiting, stopped, idle. */
  state: string;
  recordsPulled: number;
  batchesPublished: number;
  pages: number;
  resentPages: number;
  resentRecords: number;
  unconfirmedRecords: number;
  lastPageAt?: string;
  highWaterMark?: number;
  lagSeconds?: number;
  backoffSeconds: number;
  lastError?: string;
  pulledBy?: string;
}

/** core-service IngestResource.Status: GET /api/tenants/{name}/ingest. */
export interface IngestStatus {
  tenant: string;
  api?: string;
  paused: boolean;
  pauseReason?: string;
  streams: IngestStream[];
}

export const SERVICE_NAMES: Record<string, string> = {
  'core-service': 'Platform core',
  'tenant-service': 'Tenants and users',
  'cls-service': 'Log Shipper',
  'cte-service': 'Threat Exchange',
  'cto-service': 'Ticket Orchestrator',
  'cre-service': 'Risk Exchange',
  'ui-gateway': 'Gateway',
};

export type ModuleKey = 'cls' | 'cte' | 'cto' | 'cre';

export const MODULES: { key: ModuleKey; name: string; path: string }[] = [
  { key: 'cls', name: 'Log Shipper', path: '/cls/delivery' },
  { key: 'cte', name: 'Threat Exchange', path: '/cte/configurations' },
  { key: 'cto', name: 'Ticket Orchestrator', path: '/cto/configurations' },
  { key: 'cre', name: 'Risk Exchange', path: '/cre/configurations' },
];

/** A module as the home page sees it: on, off in the settings, its service not running, or unknown. */
export interface ModuleState {
  state: 'on' | 'off' | 'not-running' | 'unknown';
  status?: ModuleStatus;
  error?: unknown;
}

/** Whether an error means the module's service does not answer (the gateway says 502/503/504, or no network). */
export function meansNotRunning(error: unknown): boolean {
  if (error instanceof ApiError) return error.status === 502 || error.status === 503 || error.status === 504;
  return !(error instanceof DOMException && error.name === 'AbortError');
}

/** Whether an error says the module is turned off (409 module-off). */
export function meansModuleOff(error: unknown): boolean {
  if (!(error instanceof ApiError) || error.status !== 409) return false;
  const type = (error.body as { type?: string } | undefined)?.type ?? '';
  return type.endsWith('/module-off') || error.title === 'Module turned off';
}

export function sum<T>(items: T[], value: (item: T) => number): number {
  return items.reduce((total, item) => total + (Number.isFinite(value(item)) ? value(item) : 0), 0);
}
