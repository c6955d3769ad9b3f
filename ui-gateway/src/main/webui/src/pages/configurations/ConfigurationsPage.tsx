import { PageSection } from '@patternfly/react-core';
import { PageHeader } from '../../components/PageHeader';

export type ModuleId = 'cls' | 'cte' | 'cto' | 'cre';

export function ConfigurationsPage({ module }: { module: ModuleId }) {
  return (
    <>
      <PageHeader title={`Configurations of ${module}`} />
      <PageSection>Not built yet.</PageSection>
    </>
  );
}
