import { PageSection } from '@patternfly/react-core';
import { PageHeader } from '../../components/PageHeader';

export function ParkedPage() {
  return (
    <>
      <PageHeader title="Parked batches" />
      <PageSection>Not built yet.</PageSection>
    </>
  );
}
