import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { Bullseye, EmptyState, EmptyStateBody, PageSection, Spinner } from '@patternfly/react-core';
import { AuthProvider, useAuth, type Role } from './auth/AuthContext';
import { LoginPage } from './auth/LoginPage';
import { FirstLoginPage } from './auth/FirstLoginPage';
import { AppShell } from './layout/AppShell';
import { roleOfPath } from './layout/navigation';

// Each page is its own chunk, loaded when first opened: the first page after sign-in loads only
// what it needs.
const HomePage = lazy(() => import('./pages/home/HomePage').then((m) => ({ default: m.HomePage })));
const LoggingPage = lazy(() => import('./pages/logging/LoggingPage').then((m) => ({ default: m.LoggingPage })));
const AuditPage = lazy(() => import('./pages/audit/AuditPage').then((m) => ({ default: m.AuditPage })));
const GeneralSettingsPage = lazy(() => import('./pages/settings/GeneralSettingsPage').then((m) => ({ default: m.GeneralSettingsPage })));
const UsersPage = lazy(() => import('./pages/settings/UsersPage').then((m) => ({ default: m.UsersPage })));
const SsoPage = lazy(() => import('./pages/settings/SsoPage').then((m) => ({ default: m.SsoPage })));
const TenantsPage = lazy(() => import('./pages/settings/TenantsPage').then((m) => ({ default: m.TenantsPage })));
const PluginsPage = lazy(() => import('./pages/settings/PluginsPage').then((m) => ({ default: m.PluginsPage })));
const DeliveryPage = lazy(() => import('./pages/cls/DeliveryPage').then((m) => ({ default: m.DeliveryPage })));
const MappingFilesPage = lazy(() => import('./pages/cls/MappingFilesPage').then((m) => ({ default: m.MappingFilesPage })));
const SiemMappingsPage = lazy(() => import('./pages/cls/SiemMappingsPage').then((m) => ({ default: m.SiemMappingsPage })));
const ParkedPage = lazy(() => import('./pages/cls/ParkedPage').then((m) => ({ default: m.ParkedPage })));
const ConfigurationsPage = lazy(() => import('./pages/configurations/ConfigurationsPage').then((m) => ({ default: m.ConfigurationsPage })));
const AccountPage = lazy(() => import('./pages/account/AccountPage').then((m) => ({ default: m.AccountPage })));

function Loading() {
  return (
    <Bullseye style={{ minHeight: '60vh' }}>
      <Spinner aria-label="Loading" />
    </Bullseye>
  );
}

/** Signed-in pages: without a session → the sign-in page, which brings the user back here after. */
function RequireSession({ children }: { children: ReactNode }) {
  const { me, can } = useAuth();
  const location = useLocation();
  if (me === undefined) return <Loading />;
  const here = location.pathname + location.search + location.hash;
  if (me === null) return <Navigate to={`/login?next=${encodeURIComponent(here)}`} replace />;
  if (me.pending.length > 0) return <Navigate to={`/first-login?next=${encodeURIComponent(here)}`} replace />;
  const role: Role | undefined = roleOfPath(location.pathname);
  return (
    <AppShell>
      {role && !can(role) ? (
        <PageSection>
          <EmptyState titleText="Not available to your role" headingLevel="h1">
            <EmptyStateBody>This page needs the {role} role. Ask a super-admin if you need it.</EmptyStateBody>
          </EmptyState>
        </PageSection>
      ) : (
        <Suspense fallback={<Loading />}>{children}</Suspense>
      )}
    </AppShell>
  );
}

function SignedOutOnly({ children }: { children: ReactNode }) {
  const { me } = useAuth();
  const location = useLocation();
  if (me === undefined) return <Loading />;
  if (me && me.pending.length === 0) {
    const next = new URLSearchParams(location.search).get('next');
    return <Navigate to={next && next.startsWith('/') && !next.startsWith('//') ? next : '/'} replace />;
  }
  return <>{children}</>;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<SignedOutOnly><LoginPage /></SignedOutOnly>} />
      <Route path="/first-login" element={<FirstLoginPage />} />
      <Route path="/" element={<RequireSession><HomePage /></RequireSession>} />
      <Route path="/account" element={<RequireSession><AccountPage /></RequireSession>} />
      <Route path="/logging" element={<RequireSession><LoggingPage /></RequireSession>} />
      <Route path="/audit" element={<RequireSession><AuditPage /></RequireSession>} />
      <Route path="/settings" element={<Navigate to="/settings/general" replace />} />
      <Route path="/settings/general" element={<RequireSession><GeneralSettingsPage /></RequireSession>} />
      <Route path="/settings/users" element={<RequireSession><UsersPage /></RequireSession>} />
      <Route path="/settings/sso" element={<RequireSession><SsoPage /></RequireSession>} />
      <Route path="/settings/tenants" element={<RequireSession><TenantsPage /></RequireSession>} />
      <Route path="/settings/plugins" element={<RequireSession><PluginsPage /></RequireSession>} />
      <Route path="/cls" element={<Navigate to="/cls/delivery" replace />} />
      <Route path="/cls/delivery" element={<RequireSession><DeliveryPage /></RequireSession>} />
      <Route path="/cls/configurations" element={<RequireSession><ConfigurationsPage module="cls" /></RequireSession>} />
      <Route path="/cls/mapping-files" element={<RequireSession><MappingFilesPage /></RequireSession>} />
      <Route path="/cls/siem-mappings" element={<RequireSession><SiemMappingsPage /></RequireSession>} />
      <Route path="/cls/parked" element={<RequireSession><ParkedPage /></RequireSession>} />
      <Route path="/cte/configurations" element={<RequireSession><ConfigurationsPage module="cte" /></RequireSession>} />
      <Route path="/cto/configurations" element={<RequireSession><ConfigurationsPage module="cto" /></RequireSession>} />
      <Route path="/cre/configurations" element={<RequireSession><ConfigurationsPage module="cre" /></RequireSession>} />
      <Route
        path="*"
        element={
          <RequireSession>
            <PageSection>
              <EmptyState titleText="No such page" headingLevel="h1">
                <EmptyStateBody>There is nothing at this address. Use the navigation on the left.</EmptyStateBody>
              </EmptyState>
            </PageSection>
          </RequireSession>
        }
      />
    </Routes>
  );
}

export function App() {
  return (
    <BrowserRouter>
      <AuthProvider>
        <AppRoutes />
      </AuthProvider>
    </BrowserRouter>
  );
}
