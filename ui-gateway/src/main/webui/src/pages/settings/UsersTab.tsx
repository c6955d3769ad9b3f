import { useMemo, useState } from 'react';
import {
  Button,
  Content,
  EmptyState,
  EmptyStateActions,
  EmptyStateBody,
  EmptyStateFooter,
  Flex,
  Label,
  LabelGroup,
  SearchInput,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { api } from '../../api/client';
import { usePoll } from '../../api/usePoll';
import { useAuth } from '../../auth/AuthContext';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RowAction } from '../../components/RowAction';
import { formatTime } from '../../components/format';
import { Day, Loading, RoleLabel, useToasts } from './shared';
import { TemporaryPassword, UserForm, type UserView } from './UserForm';

/** The built-in super-admin: always enabled, always super-admin, never deleted. */
const BUILT_IN_ADMIN = 'admin';

type Dialog =
  | { kind: 'create' }
  | { kind: 'edit'; user: UserView }
  | { kind: 'disable'; user: UserView }
  | { kind: 'delete'; user: UserView }
  | { kind: 'password'; username: string; password: string; created: boolean; role: string };

export function UsersTab() {
  const { me } = useAuth();
  const users = usePoll((signal) => api.get<UserView[]>('/api/users', { signal }), 0);
  const [filter, setFilter] = useState('');
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [rowError, setRowError] = useState<unknown>(null);
  const { toasts, notify } = useToasts();

  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    const all = [...(users.data ?? [])].sort((a, b) => a.username.localeCompare(b.username));
    return q ? all.filter((u) => u.username.toLowerCase().includes(q) || u.role.includes(q)) : all;
  }, [users.data, filter]);

  const enable = async (user: UserView, what: 'enabled' | 'cleared') => {
    setRowError(null);
    try {
      await api.put<UserView>(`/api/users/${encodeURIComponent(user.username)}`, { enabled: true });
      notify(what === 'enabled' ? `${user.username} can sign in again.` : `The failed sign-ins of ${user.username} are forgotten.`);
      users.reload();
    } catch (e) {
      setRowError(e);
    }
  };

  const toolbar = (
    <Toolbar>
      <ToolbarContent>
        <ToolbarItem>
          <SearchInput
            aria-label="Filter users"
            placeholder="Filter by username or role"
            value={filter}
            onChange={(_e, v) => setFilter(v)}
            onClear={() => setFilter('')}
          />
        </ToolbarItem>
        <ToolbarItem>
          <Button variant="primary" onClick={() => setDialog({ kind: 'create' })}>
            Create user
          </Button>
        </ToolbarItem>
        <ToolbarItem align={{ default: 'alignEnd' }}>
          <Content component="small">{users.data ? `${users.data.length} user(s)` : ''}</Content>
        </ToolbarItem>
      </ToolbarContent>
    </Toolbar>
  );

  return (
    <>
      {toasts}
      {toolbar}
      <ErrorAlert error={rowError} />
      {users.error && !users.data ? (
        <ErrorAlert error={users.error} title="The users could not be loaded" onRetry={users.reload} />
      ) : !users.data ? (
        <Loading label="Loading users" />
      ) : shown.length === 0 ? (
        <EmptyState titleText={filter ? 'No user matches the filter' : 'No users'} headingLevel="h2">
          <EmptyStateBody>{filter ? 'Clear the filter to see every user.' : 'Create the first user.'}</EmptyStateBody>
          {filter && (
            <EmptyStateFooter>
              <EmptyStateActions>
                <Button variant="link" onClick={() => setFilter('')}>
                  Clear the filter
                </Button>
              </EmptyStateActions>
            </EmptyStateFooter>
          )}
        </EmptyState>
      ) : (
        <Table role="table" aria-label="Users" variant="compact">
          <Thead>
            <Tr>
              <Th modifier="wrap">Username</Th>
              <Th modifier="wrap">Role</Th>
              <Th modifier="wrap">Status</Th>
              <Th modifier="wrap">Created</Th>
              <Th modifier="wrap">Last changed</Th>
              <Th screenReaderText="Actions" />
            </Tr>
          </Thead>
          <Tbody>
            {shown.map((u) => {
              const builtIn = u.username === BUILT_IN_ADMIN;
              return (
                <Tr key={u.username} data-testid={`user-${u.username}`}>
                  <Td dataLabel="Username">
                    <strong>{u.username}</strong>
                    {u.username === me?.username && <Content component="small"> (you)</Content>}
                  </Td>
                  <Td dataLabel="Role">
                    <RoleLabel role={u.role} />
                  </Td>
                  <Td dataLabel="Status">
                    <LabelGroup numLabels={4}>
                      {u.enabled ? (
                        <Label color="green" isCompact>
                          Enabled
                        </Label>
                      ) : (
                        <Label color="grey" isCompact>
                          Disabled
                        </Label>
                      )}
                      {u.signInDelayedUntil && (
                        <Label color="orange" isCompact title="After repeated failed sign-ins, sign-ins from addresses this user never used must wait a few seconds; the user's own addresses are not slowed.">
                          Sign-ins slowed until {formatTime(u.signInDelayedUntil)}
                        </Label>
                      )}
                      {u.sso && (
                        <Label color="blue" isCompact>
                          Single sign-on
                        </Label>
                      )}
                      {u.mustChangePassword && (
                        <Label color="blue" variant="outline" isCompact>
                          Must change password
                        </Label>
                      )}
                      {builtIn && (
                        <Label color="purple" variant="outline" isCompact title="Always an enabled super-admin: it cannot be disabled, changed or deleted here. Change its password under Your account.">
                          Built-in
                        </Label>
                      )}
                    </LabelGroup>
                  </Td>
                  <Td dataLabel="Created">
                    <Day value={u.createdAt} />
                  </Td>
                  <Td dataLabel="Last changed">
                    <Day value={u.updatedAt} />
                  </Td>
                  <Td dataLabel="Actions" isActionCell>
                    {builtIn ? null : (
                      <Flex spaceItems={{ default: 'spaceItemsMd' }} flexWrap={{ default: 'nowrap' }} justifyContent={{ default: 'justifyContentFlexEnd' }}>
                        {u.signInDelayedUntil && (
                          <RowAction label="Forget failures" of={u.username} onClick={() => enable(u, 'cleared')} />
                        )}
                        <RowAction label="Edit" of={u.username} onClick={() => setDialog({ kind: 'edit', user: u })} />
                        {u.enabled ? (
                          <RowAction label="Disable" of={u.username} onClick={() => setDialog({ kind: 'disable', user: u })} />
                        ) : (
                          <RowAction label="Enable" of={u.username} onClick={() => enable(u, 'enabled')} />
                        )}
                        <RowAction label="Delete" of={u.username} onClick={() => setDialog({ kind: 'delete', user: u })} danger />
                      </Flex>
                    )}
                  </Td>
                </Tr>
              );
            })}
          </Tbody>
        </Table>
      )}

      {dialog?.kind === 'create' && (
        <UserForm
          onClose={() => setDialog(null)}
          onDone={(user, password) => {
            users.reload();
            setDialog({ kind: 'password', username: user.username, password, created: true, role: user.role });
          }}
        />
      )}
      {dialog?.kind === 'edit' && (
        <UserForm
          user={dialog.user}
          onClose={() => setDialog(null)}
          onDone={(user, password) => {
            users.reload();
            if (password) setDialog({ kind: 'password', username: user.username, password, created: false, role: user.role });
            else {
              setDialog(null);
              notify(`${user.username} saved.`);
            }
          }}
        />
      )}
      {dialog?.kind === 'password' && <TemporaryPassword {...dialog} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'disable' && (
        <ConfirmDialog
          title={`Disable ${dialog.user.username}?`}
          confirmLabel="Disable"
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await api.put(`/api/users/${encodeURIComponent(dialog.user.username)}`, { enabled: false });
            notify(`${dialog.user.username} is disabled.`);
            users.reload();
          }}
        >
          <p>
            {dialog.user.username} is signed out of every session at once and cannot sign in until enabled again.
          </p>
        </ConfirmDialog>
      )}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog
          title={`Delete ${dialog.user.username}?`}
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await api.del(`/api/users/${encodeURIComponent(dialog.user.username)}`);
            notify(`${dialog.user.username} deleted.`);
            users.reload();
          }}
        >
          <p>
            The user {dialog.user.username} ({dialog.user.role}) is deleted and signed out of every session. This cannot be
            undone; the audit trail keeps what they did.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
