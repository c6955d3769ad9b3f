/** Single sign-on settings (tenant-service SsoModels) and how the page's form maps to them. */

/** SsoModels.View of tenant-service: never the client secret. */
/** What POST /api/auth/sso/test found (SsoModels.IssuerTest). */
export interface IssuerTest {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  jwksUri: string;
  signingKeys: number;
}

export interface SsoView {
  enabled: boolean;
  issuer?: string | null;
  clientId?: string | null;
  hasClientSecret: boolean;
  scopes?: string[] | null;
  groupsClaim?: string | null;
  usernameClaim?: string | null;
  roleMapping?: Record<string, string> | null;
  localLoginAllowed: boolean;
  callbackPath?: string | null;
}

export const CALLBACK_PATH = '/api/auth/sso/callback';

export interface MappingRow {
  key: number;
  group: string;
  role: string;
}

export interface SsoFormState {
  enabled: boolean;
  issuer: string;
  clientId: string;
  clientSecret: string;
  removeSecret: boolean;
  scopes: string;
  groupsClaim: string;
  usernameClaim: string;
  rows: MappingRow[];
  localLoginAllowed: boolean;
}

export function toForm(v: SsoView, nextKey: () => number): SsoFormState {
  return {
    enabled: v.enabled,
    issuer: v.issuer ?? '',
    clientId: v.clientId ?? '',
    clientSecret: '',
    removeSecret: false,
    scopes: (v.scopes ?? ['openid', 'profile', 'email']).join(' '),
    groupsClaim: v.groupsClaim ?? 'groups',
    usernameClaim: v.usernameClaim ?? 'preferred_username',
    rows: Object.entries(v.roleMapping ?? {}).map(([group, role]) => ({ key: nextKey(), group, role })),
    localLoginAllowed: v.localLoginAllowed,
  };
}

/** The form without the row keys, to tell whether anything changed. */
export function comparable(f: SsoFormState) {
  return JSON.stringify({ ...f, rows: f.rows.map((r) => [r.group, r.role]) });
}

/** The PUT body: a secret left empty is sent as null (the stored one stays), a removed one as "". */
export function toBody(f: SsoFormState) {
  const roleMapping: Record<string, string> = {};
  for (const r of f.rows) if (r.group.trim()) roleMapping[r.group.trim()] = r.role;
  return {
    enabled: f.enabled,
    issuer: f.issuer.trim(),
    clientId: f.clientId.trim(),
    clientSecret: f.removeSecret ? '' : f.clientSecret !== '' ? f.clientSecret : null,
    scopes: f.scopes.split(/[\s,]+/).filter(Boolean),
    groupsClaim: f.groupsClaim.trim(),
    usernameClaim: f.usernameClaim.trim(),
    roleMapping,
    localLoginAllowed: f.localLoginAllowed,
  };
}

/** Mapping problems the form can tell by itself: per row key. */
export function rowProblems(rows: MappingRow[]): Record<number, string> {
  const problems: Record<number, string> = {};
  const seen = new Set<string>();
  for (const r of rows) {
    const g = r.group.trim();
    if (!g) problems[r.key] = 'give the name of the IdP group, or remove the row';
    else if (seen.has(g)) problems[r.key] = 'this group is mapped twice';
    seen.add(g);
  }
  return problems;
}
