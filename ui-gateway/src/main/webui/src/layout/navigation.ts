import type { Role } from '../auth/AuthContext';

export interface NavItem {
  path: string;
  label: string;
  /** The least role that may open the page; the item is not offered below it. */
  role: Role;
}

export interface NavGroup {
  label: string;
  items: NavItem[];
}

/** Every page of the console and who may open it (the API enforces the same roles). */
export const NAVIGATION: (NavItem | NavGroup)[] = [
  { path: '/', label: 'Home', role: 'read-only' },
  {
    label: 'Log Shipper',
    items: [
      { path: '/cls/delivery', label: 'Delivery', role: 'read-only' },
      { path: '/cls/configurations', label: 'Destinations', role: 'read-only' },
      { path: '/cls/siem-mappings', label: 'SIEM mappings', role: 'read-only' },
      { path: '/cls/mapping-files', label: 'Mapping files', role: 'read-only' },
      { path: '/cls/parked', label: 'Parked batches', role: 'read-only' },
    ],
  },
  {
    label: 'Other modules',
    items: [
      { path: '/cte/configurations', label: 'Threat Exchange', role: 'read-only' },
      { path: '/cto/configurations', label: 'Ticket Orchestrator', role: 'read-only' },
      { path: '/cre/configurations', label: 'Risk Exchange', role: 'read-only' },
    ],
  },
  { path: '/logging', label: 'Logging', role: 'read-only' },
  { path: '/audit', label: 'Audit trail', role: 'admin' },
  {
    label: 'Settings',
    items: [
      { path: '/settings/general', label: 'General', role: 'read-only' },
      { path: '/settings/tenants', label: 'Netskope tenants', role: 'read-only' },
      { path: '/settings/plugins', label: 'Plugins', role: 'read-only' },
      { path: '/settings/users', label: 'Users and API tokens', role: 'super-admin' },
      { path: '/settings/sso', label: 'Single sign-on', role: 'super-admin' },
    ],
  },
];

export function isGroup(entry: NavItem | NavGroup): entry is NavGroup {
  return (entry as NavGroup).items !== undefined;
}

/** The navigation as the user with these roles sees it: what they cannot open is left out. */
export function navigationFor(can: (role: Role) => boolean): (NavItem | NavGroup)[] {
  const result: (NavItem | NavGroup)[] = [];
  for (const entry of NAVIGATION) {
    if (isGroup(entry)) {
      const items = entry.items.filter((i) => can(i.role));
      if (items.length > 0) result.push({ ...entry, items });
    } else if (can(entry.role)) {
      result.push(entry);
    }
  }
  return result;
}

/** The least role of the page at this path (the longest matching path), or undefined if unknown. */
export function roleOfPath(path: string): Role | undefined {
  let best: NavItem | undefined;
  for (const entry of NAVIGATION) {
    for (const item of isGroup(entry) ? entry.items : [entry]) {
      const matches = item.path === '/' ? path === '/' : path === item.path || path.startsWith(item.path + '/');
      if (matches && (!best || item.path.length > best.path.length)) best = item;
    }
  }
  return best?.role;
}
