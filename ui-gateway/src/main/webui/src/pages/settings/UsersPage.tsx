import { EmptyState, EmptyStateBody, PageSection, Tab, Tabs, TabTitleText } from '@patternfly/react-core';
import { useSearchParams } from 'react-router-dom';
import { useAuth } from '../../auth/AuthContext';
import { PageHeader } from '../../components/PageHeader';
import { UsersTab } from './UsersTab';
import { ApiTokensTab } from './ApiTokensTab';

type TabKey = 'users' | 'api-tokens';

/** Settings > Users and API tokens (super-admin): local users, and API tokens for automation. */
export function UsersPage() {
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const tab: TabKey = params.get('tab') === 'api-tokens' ? 'api-tokens' : 'users';

  const select = (key: TabKey) => {
    const next = new URLSearchParams(params);
    if (key === 'users') next.delete('tab');
    else next.set('tab', key);
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader
        title="Users and API tokens"
        description="Local users who sign in to the console, and API tokens that scripts exchange for access tokens."
      />
      {!can('super-admin') ? (
        <PageSection>
          <EmptyState titleText="Only the super-admin manages users and API tokens" headingLevel="h2">
            <EmptyStateBody>Ask the super-admin for an account or a token.</EmptyStateBody>
          </EmptyState>
        </PageSection>
      ) : (
        <PageSection>
          <Tabs
            activeKey={tab}
            onSelect={(_e, key) => select(key as TabKey)}
            aria-label="Users and API tokens"
            mountOnEnter
            unmountOnExit
          >
            <Tab eventKey="users" title={<TabTitleText>Users</TabTitleText>}>
              <div style={{ paddingTop: 16 }}>
                <UsersTab />
              </div>
            </Tab>
            <Tab eventKey="api-tokens" title={<TabTitleText>API tokens</TabTitleText>}>
              <div style={{ paddingTop: 16 }}>
                <ApiTokensTab />
              </div>
            </Tab>
          </Tabs>
        </PageSection>
      )}
    </>
  );
}
