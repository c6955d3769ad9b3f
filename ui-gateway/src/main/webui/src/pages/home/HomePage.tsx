import { PageSection } from '@patternfly/react-core';
import { PageHeader } from '../../components/PageHeader';

export function HomePage() {
  return (
    <>
      <PageHeader title="Home" />
      <PageSection>Not built yet.</PageSection>
    </>
  );
}
