import { PageSection } from '@patternfly/react-core';
import { PageHeader } from '../../components/PageHeader';

export function GeneralSettingsPage() {
  return (
    <>
      <PageHeader title="General" />
      <PageSection>Not built yet.</PageSection>
    </>
  );
}
