import { PageSection } from '@patternfly/react-core';
import { PageHeader } from '../../components/PageHeader';

export function UsersPage() {
  return (
    <>
      <PageHeader title="Users and API tokens" />
      <PageSection>Not built yet.</PageSection>
    </>
  );
}
