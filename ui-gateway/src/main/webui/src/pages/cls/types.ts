/**
 * The Log Shipper's API shapes, as cls-service writes them (records of DeliveryStatistics,
 * ParkedBatches, MappingFiles, SiemMappingModels and HistoricalPulls), and the lists the model accepts.
 */

export type { DestinationView, RouteView, DeliveryStatistics as Statistics } from '../../api/delivery';
/** GET /api/tenants and GET /api/cls/configurations. */
export type { TenantView } from '../../api/tenants';
export type { ConfigurationView } from '../../api/configurations';
import { ALERT_SUBTYPES, EVENT_TYPES, type TenantSource } from '../../api/netskope';

export { ALERT_SUBTYPES, EVENT_TYPES };

/** A parked batch as listed (ParkedBatches.Summary; absent fields are null). */
export interface ParkedSummary {
  id: string;
  mapping: string;
  destination: string;
  tenant?: string | null;
  kind?: string | null;
  subtype?: string | null;
  records: number;
  reason?: string | null;
  attempts: number;
  parkedAt: string;
}

export interface ParkedDetail {
  summary: ParkedSummary;
  /** The records as the tenant sent them, or the raw text of an unreadable message. */
  records: unknown;
}

export interface ParkedPage {
  items: ParkedSummary[];
  total: number;
  nextBefore: string | null;
}

/** Answer of replay/discard, one or many. */
export interface BulkResult {
  records: number;
  batches: number;
}

/** A line of GET /api/cls/mapping-files. */
export interface MappingFileSummary {
  name: string;
  description: string;
  format: 'CEF' | 'LEEF' | 'JSON';
  readOnly: boolean;
  updatedAt: string | null;
}

export type SiemSource = TenantSource;

export interface SiemRetry {
  strategy: 'limited' | 'infinite';
  maxAttempts?: number | null;
}

export interface SiemMute {
  until: string;
  rule?: unknown;
  reason?: string | null;
}

export interface SiemMapping {
  name: string;
  source: SiemSource;
  rule?: unknown;
  mappingFile: string;
  destinations: string[];
  enabled?: boolean;
  retry?: SiemRetry;
  mute?: SiemMute | null;
  createdAt?: string;
  updatedAt?: string;
}

export interface StreamProgress {
  kind: string;
  subtype: string;
  records: number;
  done: boolean;
  error?: string;
}

export interface HistoricalJob {
  id: string;
  mapping: string;
  tenant: string;
  from: string;
  to: string;
  status: string;
  records: number;
  streams: StreamProgress[];
  error?: string;
  requestedAt: string;
  requestedBy?: string;
}

/** Subtypes of a mapping file's data type ('*' = any subtype without its own entry). */
export const DATA_TYPES: Record<'alerts' | 'events', readonly string[]> = {
  alerts: ALERT_SUBTYPES,
  events: EVENT_TYPES,
};

export const TRANSFORMATIONS = ['String', 'Integer', 'Floating Point', 'IP Address', 'MAC Address'] as const;

export const CEF_HEADER_KEYS = ['deviceVendor', 'deviceProduct', 'deviceVersion', 'deviceEventClassId', 'name', 'severity'] as const;
export const LEEF_HEADER_KEYS = ['vendor', 'product', 'version', 'eventId'] as const;

export const CEF_HEADER_LABELS: Record<string, string> = {
  deviceVendor: 'Device vendor',
  deviceProduct: 'Device product',
  deviceVersion: 'Device version',
  deviceEventClassId: 'Device event class ID',
  name: 'Name',
  severity: 'Severity',
  vendor: 'Vendor',
  product: 'Product',
  version: 'Version',
  eventId: 'Event ID',
};
