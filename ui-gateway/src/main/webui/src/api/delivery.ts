/** cls-service DeliveryStatistics: GET /api/cls/statistics, read by the Log Shipper's delivery page and the home page. */

/** Figures of one route (a SIEM mapping × a destination); null fields are left out by the API. */
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
  /** -1 before the first delivery. */
  lagSeconds: number;
  backlogBatches: number;
  retryingBatches: number;
  lastDeliveredAt?: string | null;
  lastError?: string | null;
  lastErrorAt?: string | null;
}

/** Figures of one destination, summed over its routes. */
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
export interface DeliveryStatistics {
  at: string;
  destinations: DestinationView[];
}
