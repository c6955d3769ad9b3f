import { PageSection } from '@patternfly/react-core';
import { PageHeader } from '../../components/PageHeader';

export function SiemMappingsPage() {
  return (
    <>
      <PageHeader title="SIEM mappings" />
      <PageSection>Not built yet.</PageSection>
    </>
  );
}
