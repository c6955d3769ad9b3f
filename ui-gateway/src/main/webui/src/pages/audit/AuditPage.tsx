import { PageSection } from '@patternfly/react-core';
import { PageHeader } from '../../components/PageHeader';

export function AuditPage() {
  return (
    <>
      <PageHeader title="Audit trail" />
      <PageSection>Not built yet.</PageSection>
    </>
  );
}
