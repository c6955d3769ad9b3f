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

export type { DestinationView, RouteView, DeliveryStatistics as DeliveryStatisticsAnswer } from '../../api/delivery';

export type { IngestStatus, IngestStream, TenantView } from '../../api/tenants';

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
