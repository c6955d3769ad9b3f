import { PageSection } from '@patternfly/react-core';
import { PageHeader } from '../../components/PageHeader';

export function TenantsPage() {
  return (
    <>
      <PageHeader title="Netskope tenants" />
      <PageSection>Not built yet.</PageSection>
    </>
  );
}
