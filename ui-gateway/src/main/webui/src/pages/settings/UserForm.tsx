import { useState } from 'react';
import {
  Alert,
  Button,
  ClipboardCopy,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  FormGroup,
  FormSelect,
  FormSelectOption,
  InputGroup,
  InputGroupItem,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  Switch,
  TextInput,
} from '@patternfly/react-core';
import { api } from '../../api/client';
import { passwordProblems } from '../../auth/FirstLoginPage';
import { ErrorAlert } from '../../components/ErrorAlert';
import { allFieldsShown, apiFieldError, FieldHelp, FormModal, generatePassword, RoleLabel, validated } from './shared';
import { useAction } from '../../api/useAction';

/** UserView of tenant-service. */
export interface UserView {
  username: string;
  role: string;
  enabled: boolean;
  mustChangePassword: boolean;
  /** Signs in with single sign-on (no password here). */
  sso?: boolean;
  /** After repeated failed sign-ins, attempts from addresses the user never signed in from wait until then. */
  signInDelayedUntil?: string | null;
  createdAt?: string | null;
  updatedAt?: string | null;
}

const ROLES = [
  { value: 'read-only', label: 'Read-only: sees everything, changes nothing' },
  { value: 'admin', label: 'Admin: manages configurations, tenants and the modules' },
];

/** Create a user, or change one: role, enabled, a new temporary password. */
export function UserForm({
  user,
  onClose,
  onDone,
}: {
  user?: UserView;
  onClose: () => void;
  onDone: (user: UserView, password: string) => void;
}) {
  const editing = !!user;
  const [username, setUsername] = useState(user?.username ?? '');
  const [role, setRole] = useState(user?.role ?? 'read-only');
  const [enabled, setEnabled] = useState(user?.enabled ?? true);
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const { busy, error, run } = useAction();

  const hints = password ? passwordProblems(password, username) : [];
  const fieldError = (f: string) => apiFieldError(error, f);

  const submit = async () => {
    await run(async () => {
      let result: UserView;
      if (editing) {
        const body: { role?: string; enabled?: boolean; password?: string } = {};
        if (role !== user.role) body.role = role;
        if (enabled !== user.enabled) body.enabled = enabled;
        if (password) body.password = password;
        result = await api.put<UserView>(`/api/users/${encodeURIComponent(user.username)}`, body);
      } else {
        result = await api.post<UserView>('/api/users', { username: username.trim(), role, password, enabled });
      }
      onDone(result, password);
    });
  };

  const changed = !editing || role !== user.role || enabled !== user.enabled || password !== '';
  const signsOut = editing && (role !== user.role || (!enabled && user.enabled) || password !== '');
  const known = ['username', 'role', 'enabled', 'password'];

  return (
    <FormModal
      id="user-form"
      title={editing ? `Edit user ${user.username}` : 'Create user'}
      description={
        editing
          ? undefined
          : 'The password you give is temporary: the user must replace it at the first sign-in.'
      }
      submitLabel={editing ? 'Save' : 'Create'}
      busy={busy}
      canSubmit={changed && (editing || (username.trim() !== '' && password !== ''))}
      onSubmit={submit}
      onClose={onClose}
    >
      <ErrorAlert error={error && !allFieldsShown(error, (f) => known.includes(f)) ? error : null} />
      {!editing && (
        <FormGroup label="Username" isRequired fieldId="user-username">
          <TextInput
            id="user-username"
            value={username}
            autoComplete="off"
            onChange={(_e, v) => setUsername(v)}
            validated={validated(fieldError('username'))}
          />
          <FieldHelp error={fieldError('username')} help="3 to 64 letters, digits or . _ @ -; case-sensitive." />
        </FormGroup>
      )}
      <FormGroup label="Role" isRequired fieldId="user-role">
        <FormSelect id="user-role" value={role} onChange={(_e, v) => setRole(v)} validated={validated(fieldError('role'))}>
          {ROLES.map((r) => (
            <FormSelectOption key={r.value} value={r.value} label={r.label} />
          ))}
        </FormSelect>
        <FieldHelp error={fieldError('role')} />
      </FormGroup>
      <FormGroup fieldId="user-enabled">
        <Switch id="user-enabled" label="Can sign in" isChecked={enabled} onChange={(_e, v) => setEnabled(v)} />
        <FieldHelp error={fieldError('enabled')} help={enabled ? undefined : 'A disabled user cannot sign in.'} />
      </FormGroup>
      <FormGroup label={editing ? 'New temporary password' : 'Temporary password'} isRequired={!editing} fieldId="user-password">
        <InputGroup>
          <InputGroupItem isFill>
            <TextInput
              id="user-password"
              type={showPassword ? 'text' : 'password'}
              autoComplete="new-password"
              value={password}
              onChange={(_e, v) => setPassword(v)}
              validated={validated(fieldError('password'))}
            />
          </InputGroupItem>
          <InputGroupItem>
            <Button variant="control" onClick={() => setShowPassword((s) => !s)} aria-label={showPassword ? 'Hide password' : 'Show password'}>
              {showPassword ? 'Hide' : 'Show'}
            </Button>
          </InputGroupItem>
          <InputGroupItem>
            <Button
              variant="control"
              onClick={() => {
                setPassword(generatePassword());
                setShowPassword(true);
              }}
            >
              Generate
            </Button>
          </InputGroupItem>
        </InputGroup>
        <FieldHelp
          error={fieldError('password')}
          help={
            hints.length > 0
              ? `Still needs ${hints.join(', ')}.`
              : editing
                ? 'Leave empty to keep the current password. A new one is temporary: the user must replace it at the next sign-in.'
                : 'At least 8 characters with upper- and lower-case letters, a digit and a special character.'
          }
        />
      </FormGroup>
      {signsOut && (
        <Alert variant="warning" isInline isPlain title="Saving signs this user out of every session." />
      )}
    </FormModal>
  );
}

/** After a user was created or given a new password: the password to hand over, with a copy button. */
export function TemporaryPassword({
  username,
  password,
  created,
  role,
  onClose,
}: {
  username: string;
  password: string;
  created: boolean;
  role: string;
  onClose: () => void;
}) {
  return (
    <Modal isOpen variant="small" onClose={onClose} aria-labelledby="temporary-password-title">
      <ModalHeader
        title={created ? `User ${username} created` : `New password for ${username}`}
        labelId="temporary-password-title"
       
      />
      <ModalBody>
        <DescriptionList isHorizontal>
          <DescriptionListGroup>
            <DescriptionListTerm>Username</DescriptionListTerm>
            <DescriptionListDescription>{username}</DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>Role</DescriptionListTerm>
            <DescriptionListDescription>
              <RoleLabel role={role} />
            </DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>Temporary password</DescriptionListTerm>
            <DescriptionListDescription>
              <ClipboardCopy isReadOnly isCode hoverTip="Copy" clickTip="Copied" textAriaLabel="Temporary password" copyAriaLabel="Copy the temporary password">
                {password}
              </ClipboardCopy>
            </DescriptionListDescription>
          </DescriptionListGroup>
        </DescriptionList>
        <Alert
          variant="info"
          isInline
          isPlain
          title="Hand the password over safely. The user must replace it at the first sign-in; it is not shown again."
          style={{ marginTop: 16 }}
        />
      </ModalBody>
      <ModalFooter>
        <Button variant="primary" onClick={onClose}>
          Done
        </Button>
      </ModalFooter>
    </Modal>
  );
}
