import { PageSection } from '@patternfly/react-core';
import { api } from '../../api/client';
import { usePoll } from '../../api/usePoll';
import { useAuth } from '../../auth/AuthContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { Loading } from './shared';
import { SettingsForm } from './GeneralSettingsForm';
import { SettingsView } from './GeneralSettingsView';
import type { PlatformSettings } from './generalSettingsModel';

/** Settings > General: modules on/off, proxy, outbound TLS, log level, retention and update check. */
export function GeneralSettingsPage() {
  const { can } = useAuth();
  const editable = can('super-admin');
  const settings = usePoll((signal) => api.get<PlatformSettings>('/api/settings', { signal }), 0);

  return (
    <>
      <PageHeader
        title="General"
        description="Settings of the whole suite. Every service applies a change at once, without a restart."
      />
      {settings.error && !settings.data ? (
        <PageSection>
          <ErrorAlert error={settings.error} title="The settings could not be loaded" onRetry={settings.reload} />
        </PageSection>
      ) : !settings.data ? (
        <PageSection>
          <Loading label="Loading settings" />
        </PageSection>
      ) : editable ? (
        <SettingsForm settings={settings.data} />
      ) : (
        <SettingsView settings={settings.data} />
      )}
    </>
  );
}
