/** Shapes of /api/tenants (tenant-service TenantModels.View) and /api/tenants/{name}/ingest (core-service IngestResource). */

/** TenantModels.View: which tokens are set, never the tokens. */
export interface TenantView {
  name: string;
  tenantName: string;
  baseUrl?: string;
  hasV1Token: boolean;
  hasV2Token: boolean;
  /** v2 when a v2 token is set, otherwise v1. */
  api: string;
  initialRangeDays: number;
  useSystemProxy: boolean;
  createdAt?: string | null;
  updatedAt?: string | null;
}

/** IngestResource.Stream. */
export interface IngestStream {
  kind: string;
  subtype?: string | null;
  neededBy?: string[] | null;
  state: string;
  recordsPulled: number;
  batchesPublished: number;
  pages: number;
  resentPages: number;
  resentRecords: number;
  unconfirmedRecords: number;
  /** Elements of the tenant's pages that were no records, kept aside (GET …/ingest/malformed). */
  malformedElements?: number;
  /** Pages whose answer always ended early and were taken as they came. */
  cutPages?: number;
  lastPageAt?: string | null;
  highWaterMark?: number | null;
  lagSeconds?: number | null;
  backoffSeconds: number;
  lastError?: string | null;
  pulledBy?: string | null;
}

/** IngestResource.Status. */
export interface IngestStatus {
  tenant: string;
  api?: string | null;
  paused: boolean;
  pauseReason?: string | null;
  streams: IngestStream[];
}
