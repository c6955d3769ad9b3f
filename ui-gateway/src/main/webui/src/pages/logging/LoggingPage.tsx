import { PageSection } from '@patternfly/react-core';
import { PageHeader } from '../../components/PageHeader';

export function LoggingPage() {
  return (
    <>
      <PageHeader title="Logging" />
      <PageSection>Not built yet.</PageSection>
    </>
  );
}
