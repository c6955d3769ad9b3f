import { PageSection } from '@patternfly/react-core';
import { PageHeader } from '../../components/PageHeader';

export function PluginsPage() {
  return (
    <>
      <PageHeader title="Plugins" />
      <PageSection>Not built yet.</PageSection>
    </>
  );
}
