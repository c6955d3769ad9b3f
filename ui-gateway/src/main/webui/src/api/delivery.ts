/** cls-service DeliveryStatistics: GET /api/cls/statistics, read by the Log Shipper's delivery page and the home page. */

/**
 * What a destination took: `sent` records a receiver acknowledged (RELP, HTTP), `written` records handed
 * to a transport that acknowledges nothing (TCP, TLS, UDP), `resent` records written again after a
 * connection was lost (duplicates at the receiver at most).
 */
export interface Delivered {
  sent: number;
  written?: number;
  resent?: number;
}

/** Records delivered, acknowledged or not. */
export function delivered(d: Delivered): number {
  return d.sent + (d.written ?? 0);
}

/** Figures of one route (a SIEM mapping × a destination); null fields are left out by the API. */
export interface RouteView extends Delivered {
  mapping: string;
  destination: string;
  bytesSent: number;
  retried: number;
  parked: number;
  filtered: number;
  muted: number;
  unmapped: number;
  replayed: number;
  discarded: number;
  eventsPerSecond: number;
  /** -1 before the first delivery. */
  lagSeconds: number;
  backlogBatches: number;
  retryingBatches: number;
  lastDeliveredAt?: string | null;
  lastError?: string | null;
  lastErrorAt?: string | null;
}

/** Figures of one destination, summed over its routes. */
export interface DestinationView extends Delivered {
  destination: string;
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
export interface DeliveryStatistics {
  at: string;
  destinations: DestinationView[];
}
