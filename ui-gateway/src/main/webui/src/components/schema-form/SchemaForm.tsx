import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  ActionList,
  ActionListItem,
  Button,
  Checkbox,
  Content,
  FormGroup,
  FormHelperText,
  FormSection,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  ProgressStep,
  ProgressStepper,
  Switch,
  TextArea,
  TextInput,
} from '@patternfly/react-core';
import {
  displayValue,
  hasDefault,
  isEditable,
  isEmptyValue,
  isSecret,
  problemText,
  stepsOf,
  typeOf,
  validateValues,
  valueFields,
  type FormStep,
} from './schema';
import { SchemaValues } from './SchemaValues';
import { smallSubtle, space } from './styles';
import type { ConfigField, FieldErrors, FormValue, FormValues } from './types';

export interface SchemaFormProps {
  /** The plugin's schema as its manifest declares it (steps included). */
  fields: readonly ConfigField[];
  /** The values by key, as {@link initialValues} makes them. */
  values: FormValues;
  /** Called with all values after one field changed. */
  onChange: (values: FormValues, changedKey: string) => void;
  /**
   * Messages to show on fields, by key: the API's (see {@link fieldErrorsFromProblems}). A field's
   * message is hidden once the user changes the field, until new errors arrive.
   */
  errors?: FieldErrors;
  /** Show the values only (no inputs). */
  readOnly?: boolean;
  /** edit: fields that are not editable are locked, stored passwords are offered to be kept. */
  mode?: 'create' | 'edit';
  /** Password keys that hold a stored value (edit). */
  secretsSet?: readonly string[];
  /** Prefix of the inputs' ids, to keep two forms on a page apart. */
  idPrefix?: string;
  /**
   * How often the enclosing form tried to submit: from the first try on, the client-side checks are
   * shown on every field (before, only on fields left), and a stepped form goes to the first step
   * that has a problem.
   */
  submitCount?: number;
  /** The current step of a stepped form, when the parent wants to hold it. */
  step?: number;
  onStepChange?: (step: number) => void;
}

/**
 * The one form renderer for plugin configurations: every field type of plugin-api's FieldType
 * (text, e-mail, number, password, boolean, choice, multi-choice, text area), with label, required
 * marker, help, placeholder, default, the platform's checks and the API's field errors; a schema with
 * STEP fields becomes a stepped form (Back/Next, steps with problems marked). It renders no
 * {@code <form>} of its own, so a page can put it in its form beside its own fields.
 */
export function SchemaForm(props: SchemaFormProps) {
  if (props.readOnly) {
    const secrets = props.secretsSet ?? [];
    return <SchemaValues fields={props.fields} values={props.values as Record<string, unknown>} secretsSet={secrets} />;
  }
  return <EditableSchemaForm {...props} />;
}

const NO_ERRORS: FieldErrors = {};
const NO_KEYS: ReadonlySet<string> = new Set();

function EditableSchemaForm({
  fields,
  values,
  onChange,
  errors = NO_ERRORS,
  mode = 'create',
  secretsSet,
  idPrefix = 'field',
  submitCount = 0,
  step,
  onStepChange,
}: SchemaFormProps) {
  const secrets = useMemo(() => secretsSet ?? [], [secretsSet]);
  const steps = useMemo(() => stepsOf(fields), [fields]);
  const clientErrors = useMemo(() => validateValues(fields, values, { secretsSet: secrets }), [fields, values, secrets]);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [ownStep, setOwnStep] = useState(0);
  const [visited, setVisited] = useState<ReadonlySet<number>>(new Set([0]));
  const current = Math.min(step ?? ownStep, Math.max(0, (steps?.length ?? 1) - 1));
  const errorsKey = JSON.stringify(errors);
  // fields changed since the errors arrived: their API message is out of date (forgotten when new errors come)
  const [edited, setEdited] = useState<{ errorsKey: string; keys: ReadonlySet<string> }>({ errorsKey, keys: new Set() });
  const editedSince = edited.errorsKey === errorsKey ? edited.keys : NO_KEYS;

  const errorOf = (key: string): string | undefined => {
    if (!editedSince.has(key) && errors[key]) return errors[key];
    return submitCount > 0 || touched.has(key) ? clientErrors[key] : undefined;
  };

  const stepKeys = useMemo(() => (steps ?? []).map((s) => valueFields(s.fields).map((f) => f.key)), [steps]);

  const goTo = (index: number) => {
    setVisited((v) => new Set(v).add(index));
    if (onStepChange) onStepChange(index);
    if (step === undefined) setOwnStep(index);
  };

  // after a submit or new API errors: go to the first step that shows a problem
  const latest = useRef({ errors, clientErrors, stepKeys });
  latest.current = { errors, clientErrors, stepKeys };
  useEffect(() => {
    if (!steps) return;
    const { errors: api, clientErrors: client, stepKeys: keysOfSteps } = latest.current;
    const first = keysOfSteps.findIndex((keys) => keys.some((k) => api[k] || (submitCount > 0 && client[k])));
    if (first >= 0) goTo(first);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [submitCount, errorsKey]);

  const change = (key: string, value: FormValue) => {
    setEdited((e) => ({ errorsKey, keys: new Set(e.errorsKey === errorsKey ? e.keys : []).add(key) }));
    onChange({ ...values, [key]: value }, key);
  };
  const touch = (key: string) => setTouched((t) => (t.has(key) ? t : new Set(t).add(key)));

  const stepProblems = (index: number) => stepKeys[index]?.some((k) => clientErrors[k]) ?? false;
  const shownProblems = (index: number) => stepKeys[index]?.some((k) => errorOf(k)) ?? false;

  const next = () => {
    if (stepProblems(current)) {
      setTouched((t) => new Set([...t, ...stepKeys[current]]));
      return;
    }
    goTo(current + 1);
  };
  const jump = (index: number) => {
    if (index <= current) return goTo(index);
    const blocked = stepKeys.findIndex((_, i) => i >= current && i < index && stepProblems(i));
    if (blocked >= 0) {
      setTouched((t) => new Set([...t, ...stepKeys[blocked]]));
      return goTo(blocked);
    }
    goTo(index);
  };

  const renderFields = (list: readonly ConfigField[]): ReactNode =>
    list.map((field) =>
      typeOf(field) === 'STEP' ? (
        <FormSection key={field.key} title={field.label} titleElement="h4">
          {renderFields(field.fields ?? [])}
        </FormSection>
      ) : (
        <FieldControl
          key={field.key}
          field={field}
          id={`${idPrefix}-${field.key}`}
          value={values[field.key]}
          error={errorOf(field.key)}
          mode={mode}
          secretSet={secrets.includes(field.key)}
          onChange={(v) => change(field.key, v)}
          onBlur={() => touch(field.key)}
        />
      ),
    );

  if (!steps) {
    if (fields.length === 0) return <Content component="p">This plugin has no settings.</Content>;
    return <>{renderFields(fields)}</>;
  }

  const page: FormStep = steps[current];
  const variant = (i: number) =>
    i === current ? (shownProblems(i) ? 'danger' : 'info') : shownProblems(i) ? 'danger' : visited.has(i) && !stepProblems(i) ? 'success' : 'pending';
  return (
    <div className="ce-schema-steps" data-testid="schema-form-steps">
      <ProgressStepper aria-label="Steps of the settings" isCenterAligned style={{ marginBottom: space('md') }}>
        {steps.map((s, i) => (
          <ProgressStep
            key={s.key}
            id={`${idPrefix}-step-${i}`}
            titleId={`${idPrefix}-step-${i}-title`}
            variant={variant(i)}
            isCurrent={i === current}
            aria-label={`Step ${i + 1} of ${steps.length}: ${s.label}${shownProblems(i) ? ', has problems' : ''}`}
          >
            <Button variant="link" isInline onClick={() => jump(i)}>
              {s.label}
            </Button>
          </ProgressStep>
        ))}
      </ProgressStepper>
      <FormSection
        title={
          <>
            {page.label} <span style={smallSubtle}>(step {current + 1} of {steps.length})</span>
          </>
        }
        titleElement="h3"
      >
        {renderFields(page.fields)}
      </FormSection>
      <ActionList style={{ marginTop: space('md') }}>
        <ActionListItem>
          <Button variant="secondary" onClick={() => goTo(current - 1)} isDisabled={current === 0}>
            Back
          </Button>
        </ActionListItem>
        <ActionListItem>
          <Button variant="secondary" onClick={next} isDisabled={current === steps.length - 1}>
            Next
          </Button>
        </ActionListItem>
      </ActionList>
    </div>
  );
}

interface HelpLine {
  id: string;
  text: ReactNode;
  variant?: 'error' | 'warning' | 'indeterminate';
}

function FieldControl({
  field,
  id,
  value,
  error,
  mode,
  secretSet,
  onChange,
  onBlur,
}: {
  field: ConfigField;
  id: string;
  value: FormValue | undefined;
  error?: string;
  mode: 'create' | 'edit';
  secretSet: boolean;
  onChange: (value: FormValue) => void;
  onBlur: () => void;
}) {
  const type = typeOf(field);
  const locked = !isEditable(field, mode);
  const validated = error ? 'error' : 'default';
  const lines: HelpLine[] = [];
  if (error) lines.push({ id: `${id}-error`, text: problemText(field.label, error), variant: 'error' });
  if (field.helpText) lines.push({ id: `${id}-help`, text: field.helpText });
  if (isSecret(field) && secretSet) {
    lines.push({
      id: `${id}-secret`,
      text:
        value === null
          ? 'The stored value will be removed when you save.'
          : 'A value is stored; it is never shown. Leave the field empty to keep it, or type a new one to replace it.',
      variant: value === null ? 'warning' : undefined,
    });
  }
  if (locked) lines.push({ id: `${id}-locked`, text: 'Set when the configuration was created; it cannot be changed.' });
  if (hasDefault(field) && isEmptyValue(value) && type !== 'BOOLEAN' && type !== 'PASSWORD') {
    lines.push({ id: `${id}-default`, text: `Left empty, the default is used: ${displayValue(field, field.defaultValue)}.` });
  }
  const describedBy = lines.length > 0 ? lines.map((l) => l.id).join(' ') : undefined;
  const help =
    lines.length > 0 ? (
      <FormHelperText>
        <HelperText>
          {lines.map((l) => (
            <HelperTextItem key={l.id} id={l.id} variant={l.variant ?? 'default'}>
              {l.text}
            </HelperTextItem>
          ))}
        </HelperText>
      </FormHelperText>
    ) : null;
  const text = typeof value === 'string' ? value : '';
  const required = field.mandatory && !(isSecret(field) && secretSet && value !== null);

  switch (type) {
    case 'BOOLEAN':
      return (
        <FormGroup fieldId={id}>
          <Switch
            id={id}
            label={field.label}
            isChecked={value === true}
            isDisabled={locked}
            onChange={(_e, checked) => {
              onChange(checked);
              onBlur();
            }}
            aria-describedby={describedBy}
            aria-invalid={error ? true : undefined}
          />
          {help}
        </FormGroup>
      );
    case 'CHOICE': {
      const choices = field.choices ?? [];
      const offered = text === '' || choices.some((c) => c.key === text);
      return (
        <FormGroup label={field.label} isRequired={field.mandatory} fieldId={id}>
          <FormSelect
            id={id}
            value={text}
            validated={validated}
            isDisabled={locked}
            onChange={(_e, v) => {
              onChange(v);
              onBlur();
            }}
            onBlur={onBlur}
            aria-describedby={describedBy}
            aria-required={field.mandatory || undefined}
          >
            {(!hasDefault(field) || text === '') && (
              <FormSelectOption value="" label={field.mandatory ? 'Choose one' : 'None'} isPlaceholder={field.mandatory} />
            )}
            {choices.map((c) => (
              <FormSelectOption key={c.key} value={c.key} label={c.label} />
            ))}
            {!offered && <FormSelectOption value={text} label={`${text} (no longer offered)`} />}
          </FormSelect>
          {help}
        </FormGroup>
      );
    }
    case 'MULTICHOICE': {
      const choices = field.choices ?? [];
      const selected = Array.isArray(value) ? value : [];
      const toggle = (key: string, on: boolean) => {
        onChange(on ? [...selected.filter((k) => k !== key), key] : selected.filter((k) => k !== key));
        onBlur();
      };
      const columns = choices.length > 4;
      return (
        <FormGroup
          label={field.label}
          isRequired={field.mandatory}
          fieldId={id}
          role="group"
          isInline={!columns}
          aria-describedby={describedBy}
        >
          <div
            style={
              columns
                ? { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(12rem, 1fr))', gap: space('sm') }
                : { display: 'flex', flexWrap: 'wrap', columnGap: space('lg'), rowGap: space('sm') }
            }
          >
            {choices.map((c, i) => (
              <Checkbox
                key={c.key}
                id={`${id}-${i}`}
                label={c.label}
                isChecked={selected.includes(c.key)}
                isDisabled={locked}
                onChange={(_e, on) => toggle(c.key, on)}
              />
            ))}
            {selected
              .filter((k) => !choices.some((c) => c.key === k))
              .map((k) => (
                <Checkbox key={`unknown-${k}`} id={`${id}-unknown-${k}`} label={`${k} (no longer offered)`} isChecked onChange={() => toggle(k, false)} />
              ))}
          </div>
          {help}
        </FormGroup>
      );
    }
    case 'TEXTAREA':
      return (
        <FormGroup label={field.label} isRequired={field.mandatory} fieldId={id}>
          <TextArea
            id={id}
            value={text}
            placeholder={field.placeholder ?? undefined}
            validated={validated}
            readOnlyVariant={locked ? 'default' : undefined}
            onChange={(_e, v) => onChange(v)}
            onBlur={onBlur}
            resizeOrientation="vertical"
            rows={4}
            aria-describedby={describedBy}
            aria-required={field.mandatory || undefined}
            spellCheck={false}
          />
          {help}
        </FormGroup>
      );
    case 'PASSWORD': {
      const canRemove = secretSet && !field.mandatory && !locked;
      return (
        <FormGroup label={field.label} isRequired={field.mandatory} fieldId={id}>
          <TextInput
            id={id}
            type="password"
            autoComplete="new-password"
            value={value === null ? '' : text}
            placeholder={secretSet ? (value === null ? 'The stored value will be removed' : 'Stored value kept when left empty') : field.placeholder ?? undefined}
            validated={validated}
            readOnlyVariant={locked ? 'default' : undefined}
            isDisabled={value === null}
            onChange={(_e, v) => onChange(v)}
            onBlur={onBlur}
            aria-describedby={describedBy}
            aria-required={required || undefined}
          />
          {canRemove && (
            <Button variant="link" isInline style={{ marginTop: space('xs'), alignSelf: 'flex-start' }} onClick={() => onChange(value === null ? '' : null)}>
              {value === null ? `Keep the stored ${field.label}` : `Remove the stored ${field.label}`}
            </Button>
          )}
          {help}
        </FormGroup>
      );
    }
    default: {
      const inputType = type === 'NUMBER' ? 'number' : type === 'EMAIL' ? 'email' : 'text';
      return (
        <FormGroup label={field.label} isRequired={field.mandatory} fieldId={id}>
          <TextInput
            id={id}
            type={inputType}
            inputMode={type === 'NUMBER' ? 'decimal' : undefined}
            value={text}
            placeholder={field.placeholder ?? (hasDefault(field) ? String(field.defaultValue) : undefined)}
            validated={validated}
            readOnlyVariant={locked ? 'default' : undefined}
            onChange={(_e, v) => onChange(v)}
            onBlur={onBlur}
            aria-describedby={describedBy}
            aria-required={field.mandatory || undefined}
            spellCheck={false}
          />
          {help}
        </FormGroup>
      );
    }
  }
}
