import { PageSection } from '@patternfly/react-core';
import { PageHeader } from '../../components/PageHeader';

export function DeliveryPage() {
  return (
    <>
      <PageHeader title="Delivery" />
      <PageSection>Not built yet.</PageSection>
    </>
  );
}
