import { PageSection } from '@patternfly/react-core';
import { PageHeader } from '../../components/PageHeader';

export function SsoPage() {
  return (
    <>
      <PageHeader title="Single sign-on" />
      <PageSection>Not built yet.</PageSection>
    </>
  );
}
