import { PageSection } from '@patternfly/react-core';
import { PageHeader } from '../../components/PageHeader';

export function MappingFilesPage() {
  return (
    <>
      <PageHeader title="Mapping files" />
      <PageSection>Not built yet.</PageSection>
    </>
  );
}
