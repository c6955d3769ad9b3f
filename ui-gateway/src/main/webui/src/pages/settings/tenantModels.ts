/** Shapes of /api/tenants (tenant-service TenantModels) and /api/tenants/{name}/ingest (core-service IngestResource). */
import type { IngestStatus, IngestStream, TenantView } from '../../api/tenants';

export type { IngestStatus, IngestStream, TenantView };

/** TenantModels.Form: on update a token null stays as stored, "" is removed. */
export interface TenantForm {
  name: string;
  tenantName: string;
  v1Token: string | null;
  v2Token: string | null;
  initialRangeDays: number | null;
  useSystemProxy: boolean;
}

/** TenantModels.Check: one token's test; stage is ok, dns, connect, tls, timeout, auth, scope or http. */
export interface TenantCheck {
  token: string;
  ok: boolean;
  stage?: string | null;
  detail?: string | null;
}

export interface TenantTestResult {
  ok: boolean;
  baseUrl: string;
  checks: TenantCheck[];
}

/** The base URL tenant-service derives from what was typed (TenantUrls), for a preview; undefined when unclear. */
export function previewBaseUrl(tenantName: string): string | undefined {
  const given = tenantName.trim();
  if (!given) return undefined;
  if (given.includes('://')) {
    try {
      const url = new URL(given);
      return `${url.protocol}//${url.host.toLowerCase()}`;
    } catch {
      return undefined;
    }
  }
  const host = given.toLowerCase();
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(host)) return undefined;
  return `https://${host.endsWith('.goskope.com') ? host : `${host}.goskope.com`}`;
}

const STAGES: Record<string, string> = {
  ok: 'Works',
  dns: 'DNS lookup',
  connect: 'Connection',
  tls: 'TLS',
  timeout: 'Timeout',
  auth: 'Authentication',
  scope: 'Permission (scope)',
  http: 'HTTP',
};

export function stageName(stage: string | null | undefined): string {
  if (!stage) return '—';
  return STAGES[stage] ?? stage;
}
