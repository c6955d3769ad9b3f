import { useEffect, useMemo, useState } from 'react';
import {
  ActionGroup,
  Alert,
  Button,
  CodeBlock,
  CodeBlockCode,
  Flex,
  FlexItem,
  Form,
  FormGroup,
  FormSelect,
  FormSelectOption,
  Label,
  Skeleton,
  Stack,
  StackItem,
  Tab,
  Tabs,
  TabTitleText,
  TextArea,
  TextInput,
  Title,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { PlusIcon, TrashIcon } from '@patternfly/react-icons';
import { api, ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { checkJson, errorsUnder, FieldHelp } from './common';
import {
  entryPath,
  emptySpec,
  fromModel,
  localProblems,
  newEntry,
  nextId,
  rowsKey,
  ShapeError,
  toModel,
  type DataTypeKey,
  type EntryModel,
  type FileModel,
  type RenameRow,
  type SpecRow,
} from './mappingModel';
import { CEF_HEADER_LABELS, DATA_TYPES, TRANSFORMATIONS } from './types';

type Mode = 'view' | 'edit' | 'new';

/** The error of one exact path, if any. */
function at(error: unknown, path: string): string | undefined {
  return error instanceof ApiError ? error.errors.find((e) => e.field === path)?.message : undefined;
}

/**
 * One mapping file, edited in a form (per data type and subtype: header fields, extension or
 * attribute rows, JSON fields and renames) or as JSON; shipped defaults and read-only users only look.
 */
export function MappingEditor({
  mode,
  name,
  initial,
  onSaved,
  onCopy,
}: {
  mode: Mode;
  /** The stored file's name (view and edit). */
  name?: string;
  /** The file to start from (new). */
  initial?: FileModel;
  onSaved: (saved: Record<string, unknown>, created: boolean) => void;
  /** Offered when the file cannot be edited but copied (shipped defaults, for admins). */
  onCopy?: () => void;
}) {
  const readOnly = mode === 'view';
  const [model, setModel] = useState<FileModel | null>(initial ?? null);
  const [text, setText] = useState(() => (initial ? JSON.stringify(fromModel(initial), null, 2) : ''));
  const [tab, setTab] = useState<'form' | 'json'>('form');
  const [loadError, setLoadError] = useState<unknown>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [selected, setSelected] = useState<string | null>(initial?.entries[0]?.id ?? null);
  const [loaded, setLoaded] = useState(!!initial);

  const adopt = (doc: unknown) => {
    setText(JSON.stringify(doc, null, 2));
    try {
      const m = toModel(doc);
      setModel(m);
      setSelected((s) => (m.entries.some((e) => e.id === s) ? s : m.entries[0]?.id ?? null));
      setProblem(null);
    } catch (e) {
      setModel(null);
      setTab('json');
      setProblem(e instanceof ShapeError ? e.message : String(e));
    }
  };

  useEffect(() => {
    if (mode === 'new' || !name) return;
    const controller = new AbortController();
    api
      .get<Record<string, unknown>>(`/api/cls/mapping-files/${encodeURIComponent(name)}`, { signal: controller.signal })
      .then((doc) => {
        adopt(doc);
        setLoaded(true);
      })
      .catch((e) => {
        if (!(e instanceof DOMException && e.name === 'AbortError')) setLoadError(e);
      });
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mode, name]);

  const switchTab = (next: 'form' | 'json') => {
    if (next === tab) return;
    if (next === 'json') {
      if (model) setText(JSON.stringify(fromModel(model), null, 2));
      setTab('json');
      return;
    }
    const parsed = checkJson(text);
    if (!parsed.ok) {
      setProblem(`The JSON has a syntax error, so the form cannot show it: ${parsed.message}`);
      return;
    }
    try {
      const m = toModel(parsed.value);
      setModel(m);
      setSelected((s) => (m.entries.some((e) => e.id === s) ? s : m.entries[0]?.id ?? null));
      setProblem(null);
      setTab('form');
    } catch (e) {
      setProblem(`The form cannot show this JSON (${e instanceof ShapeError ? e.message : String(e)}); edit it here, or save it as it is.`);
    }
  };

  const save = async () => {
    setError(null);
    setSaved(false);
    let body: unknown;
    if (tab === 'json') {
      const parsed = checkJson(text);
      if (!parsed.ok) {
        setError(new ApiError(0, 'The JSON has a syntax error; nothing was sent', parsed.message));
        return;
      }
      body = parsed.value;
    } else {
      if (!model) return;
      const local = localProblems(model);
      if (local.length > 0) {
        setError(new ApiError(0, 'Fix these first; nothing was sent', undefined, local));
        return;
      }
      body = fromModel(model);
    }
    setBusy(true);
    try {
      const result =
        mode === 'new'
          ? await api.post<Record<string, unknown>>('/api/cls/mapping-files', body)
          : await api.put<Record<string, unknown>>(`/api/cls/mapping-files/${encodeURIComponent(name!)}`, body);
      const doc = result ?? (body as Record<string, unknown>);
      adopt(doc);
      setSaved(true);
      onSaved(doc, mode === 'new');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const update = (change: (m: FileModel) => FileModel) => setModel((m) => (m ? change(m) : m));
  const updateEntry = (id: string, change: (e: EntryModel) => EntryModel) =>
    update((m) => ({ ...m, entries: m.entries.map((e) => (e.id === id ? change(e) : e)) }));

  if (loadError) return <ErrorAlert error={loadError} title={`Could not load the mapping file ${name}`} />;
  if (!loaded) return <Skeleton height="400px" screenreaderText="Loading the mapping file" />;

  const entry = model?.entries.find((e) => e.id === selected) ?? model?.entries[0];
  const jsonCheck = tab === 'json' && !readOnly ? checkJson(text) : null;

  return (
    <Stack hasGutter>
      {readOnly && (
        <StackItem>
          <Alert variant="info" isInline title={onCopy ? 'A shipped default is read-only' : 'Read-only'}>
            {onCopy ? (
              <>
                Copy it to make changes.{' '}
                <Button variant="link" isInline onClick={onCopy}>
                  Copy this file
                </Button>
              </>
            ) : (
              'You can look at this mapping file and download it.'
            )}
          </Alert>
        </StackItem>
      )}
      {saved && (
        <StackItem>
          <Alert variant="success" isInline title="Mapping file saved. SIEM mappings that use it write with it from their next batch." />
        </StackItem>
      )}
      <StackItem>
        <ErrorAlert error={error} title={error instanceof ApiError && error.status !== 0 ? 'The mapping file was not saved' : undefined} />
        {problem && <Alert variant="warning" isInline title={problem} data-testid="editor-problem" />}
      </StackItem>
      <StackItem>
        <Tabs activeKey={tab} onSelect={(_e, k) => switchTab(k as 'form' | 'json')} aria-label="How to edit">
          <Tab eventKey="form" title={<TabTitleText>Form</TabTitleText>} aria-label="Form" />
          <Tab eventKey="json" title={<TabTitleText>JSON</TabTitleText>} aria-label="JSON" />
        </Tabs>
      </StackItem>
      <StackItem>
        {tab === 'json' ? (
          readOnly ? (
            <CodeBlock>
              <CodeBlockCode data-testid="mapping-json">{text}</CodeBlockCode>
            </CodeBlock>
          ) : (
            <Form onSubmit={(e) => e.preventDefault()}>
              <FormGroup label="Mapping file JSON" fieldId="mapping-json">
                <TextArea
                  id="mapping-json"
                  className="ce-mono"
                  value={text}
                  onChange={(_e, v) => setText(v)}
                  rows={28}
                  resizeOrientation="vertical"
                  spellCheck={false}
                  validated={jsonCheck && !jsonCheck.ok ? 'error' : 'default'}
                />
                <FieldHelp
                  error={jsonCheck && !jsonCheck.ok ? `JSON syntax error: ${jsonCheck.message}` : undefined}
                  hint="The whole file: name, description, format (CEF, LEEF or JSON) and taxonomy. The API checks it as a whole and names the path of each problem."
                />
              </FormGroup>
            </Form>
          )
        ) : model ? (
          <FileForm
            model={model}
            entry={entry}
            readOnly={readOnly}
            isNew={mode === 'new'}
            error={error}
            onSelect={setSelected}
            onChange={update}
            onEntry={updateEntry}
          />
        ) : null}
      </StackItem>
      {!readOnly && (
        <StackItem
          style={{
            position: 'sticky',
            bottom: 0,
            zIndex: 1,
            background: 'var(--pf-t--global--background--color--primary--default, #fff)',
            paddingBlock: 8,
            borderTop: '1px solid var(--pf-t--global--border--color--default, #ddd)',
          }}
        >
          <ActionGroup style={{ marginTop: 0 }}>
            <Button onClick={save} isLoading={busy} isDisabled={busy || (tab === 'form' && !model)}>
              {mode === 'new' ? 'Create mapping file' : 'Save'}
            </Button>
          </ActionGroup>
        </StackItem>
      )}
    </Stack>
  );
}

function FileForm({
  model,
  entry,
  readOnly,
  isNew,
  error,
  onSelect,
  onChange,
  onEntry,
}: {
  model: FileModel;
  entry: EntryModel | undefined;
  readOnly: boolean;
  isNew: boolean;
  error: unknown;
  onSelect: (id: string) => void;
  onChange: (change: (m: FileModel) => FileModel) => void;
  onEntry: (id: string, change: (e: EntryModel) => EntryModel) => void;
}) {
  const [addType, setAddType] = useState<DataTypeKey>('alerts');
  const [addSubtype, setAddSubtype] = useState('');
  const used = new Set(model.entries.map((e) => entryPath(e)));
  const free = ['*', ...DATA_TYPES[addType]].filter((s) => !used.has(`taxonomy.${addType}.${s}`));
  const problemsOf = (e: EntryModel) => errorsUnder(error, entryPath(e)).length;
  const rootErrors = error instanceof ApiError ? error.errors.filter((e) => e.field === '' || e.field === 'taxonomy') : [];

  const add = () => {
    const subtype = free.includes(addSubtype) ? addSubtype : free[0];
    if (!subtype) return;
    const e = newEntry(model.format, addType, subtype);
    onChange((m) => ({ ...m, entries: [...m.entries, e] }));
    onSelect(e.id);
    setAddSubtype('');
  };

  const remove = (id: string) => {
    const rest = model.entries.filter((e) => e.id !== id);
    onChange((m) => ({ ...m, entries: m.entries.filter((e) => e.id !== id) }));
    if (rest[0]) onSelect(rest[0].id);
  };

  return (
    <Form onSubmit={(e) => e.preventDefault()} aria-label="Mapping file">
      <Flex spaceItems={{ default: 'spaceItemsLg' }} alignItems={{ default: 'alignItemsFlexStart' }}>
        <FlexItem style={{ minWidth: 260 }}>
          <FormGroup label="Name" fieldId="mapping-name" isRequired={isNew}>
            {isNew ? (
              <TextInput id="mapping-name" value={model.name} onChange={(_e, v) => onChange((m) => ({ ...m, name: v }))} validated={at(error, 'name') ? 'error' : 'default'} />
            ) : (
              <TextInput id="mapping-name" value={model.name} readOnlyVariant="plain" />
            )}
            <FieldHelp error={at(error, 'name')} />
          </FormGroup>
        </FlexItem>
        <FlexItem>
          <FormGroup label="Format" fieldId="mapping-format">
            <TextInput id="mapping-format" value={model.format} readOnlyVariant="plain" style={{ width: 80 }} />
          </FormGroup>
        </FlexItem>
        <FlexItem grow={{ default: 'grow' }}>
          <FormGroup label="Description" fieldId="mapping-description">
            {readOnly ? (
              <TextInput id="mapping-description" value={model.description} readOnlyVariant="plain" />
            ) : (
              <TextInput
                id="mapping-description"
                value={model.description}
                onChange={(_e, v) => onChange((m) => ({ ...m, description: v }))}
                validated={at(error, 'description') ? 'error' : 'default'}
              />
            )}
            <FieldHelp error={at(error, 'description')} />
          </FormGroup>
        </FlexItem>
      </Flex>
      {rootErrors.length > 0 && <FieldHelp error={rootErrors.map((e) => e.message).join('; ')} />}

      <Title headingLevel="h2" size="lg">
        Data types and subtypes
      </Title>
      <Flex alignItems={{ default: 'alignItemsFlexEnd' }} spaceItems={{ default: 'spaceItemsMd' }}>
        <FlexItem style={{ minWidth: 320 }}>
          <FormGroup label="Data type and subtype" fieldId="mapping-entry">
            <FormSelect id="mapping-entry" value={entry?.id ?? ''} onChange={(_e, v) => onSelect(v)}>
              {model.entries.map((e) => {
                const n = problemsOf(e);
                return (
                  <FormSelectOption
                    key={e.id}
                    value={e.id}
                    label={`${e.type} / ${e.subtype === '*' ? '* (any other)' : e.subtype}${n ? ` — ${n} ${n === 1 ? 'problem' : 'problems'}` : ''}`}
                  />
                );
              })}
            </FormSelect>
          </FormGroup>
        </FlexItem>
        {!readOnly && entry && (
          <FlexItem>
            <Button variant="link" isDanger icon={<TrashIcon />} onClick={() => remove(entry.id)}>
              Remove this subtype mapping
            </Button>
          </FlexItem>
        )}
      </Flex>
      {!readOnly && (
        <Flex alignItems={{ default: 'alignItemsFlexEnd' }} spaceItems={{ default: 'spaceItemsSm' }}>
          <FlexItem>
            <FormGroup label="New data type" fieldId="mapping-add-type">
              <FormSelect id="mapping-add-type" value={addType} onChange={(_e, v) => setAddType(v as DataTypeKey)}>
                <FormSelectOption value="alerts" label="alerts" />
                <FormSelectOption value="events" label="events" />
              </FormSelect>
            </FormGroup>
          </FlexItem>
          <FlexItem>
            <FormGroup label="New subtype" fieldId="mapping-add-subtype">
              <FormSelect id="mapping-add-subtype" value={free.includes(addSubtype) ? addSubtype : free[0] ?? ''} onChange={(_e, v) => setAddSubtype(v)} isDisabled={free.length === 0}>
                {free.length === 0 && <FormSelectOption value="" label="all are mapped" />}
                {free.map((s) => (
                  <FormSelectOption key={s} value={s} label={s === '*' ? '* (any other)' : s} />
                ))}
              </FormSelect>
            </FormGroup>
          </FlexItem>
          <FlexItem>
            <Button variant="secondary" icon={<PlusIcon />} onClick={add} isDisabled={free.length === 0}>
              Add subtype mapping
            </Button>
          </FlexItem>
        </Flex>
      )}
      {model.entries.length === 0 && <Alert variant="warning" isInline isPlain title="The file maps nothing yet: add a data type and subtype." />}
      {entry && (
        <EntryForm
          key={entry.id}
          entry={entry}
          format={model.format}
          readOnly={readOnly}
          error={error}
          onChange={(change) => onEntry(entry.id, change)}
        />
      )}
    </Form>
  );
}

function EntryForm({
  entry,
  format,
  readOnly,
  error,
  onChange,
}: {
  entry: EntryModel;
  format: FileModel['format'];
  readOnly: boolean;
  error: unknown;
  onChange: (change: (e: EntryModel) => EntryModel) => void;
}) {
  const path = entryPath(entry);
  const entryErrors = error instanceof ApiError ? error.errors.filter((e) => e.field === path) : [];
  const title = `${entry.type} / ${entry.subtype === '*' ? '* (every subtype without its own mapping)' : entry.subtype}`;
  if (format === 'JSON') return <JsonEntryForm entry={entry} readOnly={readOnly} error={error} title={title} onChange={onChange} />;
  const section = rowsKey(format);
  const sectionLabel = format === 'CEF' ? 'extension' : 'attribute';
  const setHeader = (id: string, row: SpecRow) => onChange((e) => ({ ...e, header: e.header.map((h) => (h.id === id ? row : h)) }));
  const setRow = (id: string, row: SpecRow) => onChange((e) => ({ ...e, rows: e.rows.map((r) => (r.id === id ? row : r)) }));
  return (
    <section aria-label={`Mapping of ${entry.type} / ${entry.subtype}`}>
      <Title headingLevel="h3" size="md">
        {title}
      </Title>
      {entryErrors.length > 0 && <FieldHelp error={entryErrors.map((e) => e.message).join('; ')} />}
      <Title headingLevel="h4" size="md" style={{ marginTop: 16 }}>
        Header
      </Title>
      <SpecTable
        caption={`Header of ${entry.type} / ${entry.subtype}`}
        rows={entry.header}
        section="header"
        basePath={`${path}.header`}
        fixedKeys
        readOnly={readOnly}
        error={error}
        onRow={setHeader}
      />
      {format === 'LEEF' && (
        <FormGroup label="Attribute delimiter" fieldId={`leef-delimiter-${entry.id}`} style={{ maxWidth: 320, marginTop: 8 }}>
          {readOnly ? (
            <TextInput id={`leef-delimiter-${entry.id}`} value={entry.delimiter || 'x09'} readOnlyVariant="plain" />
          ) : (
            <TextInput
              id={`leef-delimiter-${entry.id}`}
              value={entry.delimiter}
              placeholder="x09 (tab)"
              onChange={(_e, v) => onChange((e) => ({ ...e, delimiter: v }))}
              validated={at(error, `${path}.header.delimiter`) ? 'error' : 'default'}
            />
          )}
          <FieldHelp error={at(error, `${path}.header.delimiter`)} hint="One character or its hex code (x09 is a tab, the default; x5E is ^)." />
        </FormGroup>
      )}
      <Title headingLevel="h4" size="md" style={{ marginTop: 16 }}>
        {format === 'CEF' ? 'Extension' : 'Attributes'}
      </Title>
      <SpecTable
        caption={`${format === 'CEF' ? 'Extension' : 'Attributes'} of ${entry.type} / ${entry.subtype}`}
        rows={entry.rows}
        section={section}
        basePath={`${path}.${section}`}
        readOnly={readOnly}
        error={error}
        onRow={setRow}
        onRemove={(id) => onChange((e) => ({ ...e, rows: e.rows.filter((r) => r.id !== id) }))}
      />
      {!readOnly && (
        <Button variant="link" icon={<PlusIcon />} onClick={() => onChange((e) => ({ ...e, rows: [...e.rows, emptySpec('')] }))}>
          Add {sectionLabel} field
        </Button>
      )}
    </section>
  );
}

function SpecTable({
  caption,
  rows,
  section,
  basePath,
  fixedKeys,
  readOnly,
  error,
  onRow,
  onRemove,
}: {
  caption: string;
  rows: SpecRow[];
  section: string;
  basePath: string;
  fixedKeys?: boolean;
  readOnly: boolean;
  error: unknown;
  onRow: (id: string, row: SpecRow) => void;
  onRemove?: (id: string) => void;
}) {
  const editable = !readOnly;
  const columns = editable && onRemove ? 5 : 4;
  return (
    <Table aria-label={caption} variant="compact">
      <Thead>
        <Tr>
          <Th width={20}>{fixedKeys ? 'Header field' : 'Key'}</Th>
          <Th width={30}>Mapping field</Th>
          <Th width={25}>Default value</Th>
          <Th width={20}>Transformation</Th>
          {editable && onRemove && <Th screenReaderText="Remove" />}
        </Tr>
      </Thead>
      <Tbody>
        {rows.length === 0 && (
          <Tr>
            <Td colSpan={columns}>No fields.</Td>
          </Tr>
        )}
        {rows.map((r, i) => {
          const name = r.key.trim() ? `${section} ${r.key.trim()}` : `${section} row ${i + 1}`;
          const rowPath = `${basePath}.${r.key.trim()}`;
          const own = r.key.trim() ? errorsUnder(error, rowPath) : [];
          const local = errorsUnder(error, `${basePath}[${i}]`);
          const rowMessage = [...own.filter((e) => e.field === rowPath), ...local].map((e) => e.message).join('; ');
          const fieldError = at(error, `${rowPath}.mapping_field`);
          const defaultError = at(error, `${rowPath}.default_value`);
          const transformationError = at(error, `${rowPath}.transformation`);
          const others = own.filter((e) => ![rowPath, `${rowPath}.mapping_field`, `${rowPath}.default_value`, `${rowPath}.transformation`].includes(e.field));
          const set = (patch: Partial<SpecRow>) => onRow(r.id, { ...r, ...patch });
          return (
            <Tr key={r.id}>
              <Td dataLabel={fixedKeys ? 'Header field' : 'Key'}>
                {fixedKeys ? (
                  <span title={r.key}>{CEF_HEADER_LABELS[r.key] ?? r.key}</span>
                ) : readOnly ? (
                  <code>{r.key}</code>
                ) : (
                  <TextInput aria-label={`Key of ${section} row ${i + 1}`} value={r.key} onChange={(_e, v) => set({ key: v })} validated={rowMessage ? 'error' : 'default'} />
                )}
                {(rowMessage || others.length > 0) && (
                  <FieldHelp error={[rowMessage, ...others.map((e) => `${e.field.substring(rowPath.length + 1)}: ${e.message}`)].filter(Boolean).join('; ')} />
                )}
              </Td>
              <Td dataLabel="Mapping field">
                {readOnly ? (
                  <code>{r.mappingField || '—'}</code>
                ) : (
                  <TextInput
                    aria-label={`Mapping field of ${name}`}
                    value={r.mappingField}
                    placeholder="dotted.path"
                    onChange={(_e, v) => set({ mappingField: v })}
                    validated={fieldError ? 'error' : 'default'}
                  />
                )}
                <FieldHelp error={fieldError} />
              </Td>
              <Td dataLabel="Default value">
                {readOnly ? (
                  <span>{r.defaultText === '' ? '—' : r.defaultText}</span>
                ) : (
                  <TextInput
                    aria-label={`Default value of ${name}`}
                    value={r.defaultText}
                    onChange={(_e, v) => set({ defaultText: v })}
                    validated={defaultError ? 'error' : 'default'}
                  />
                )}
                <FieldHelp error={defaultError} />
              </Td>
              <Td dataLabel="Transformation">
                {readOnly ? (
                  <Label isCompact>{r.transformation}</Label>
                ) : (
                  <FormSelect
                    aria-label={`Transformation of ${name}`}
                    value={r.transformation}
                    onChange={(_e, v) => set({ transformation: v })}
                    validated={transformationError ? 'error' : 'default'}
                  >
                    {[...TRANSFORMATIONS, ...(TRANSFORMATIONS.includes(r.transformation as (typeof TRANSFORMATIONS)[number]) ? [] : [r.transformation])].map((t) => (
                      <FormSelectOption key={t} value={t} label={t} />
                    ))}
                  </FormSelect>
                )}
                <FieldHelp error={transformationError} />
              </Td>
              {editable && onRemove && (
                <Td isActionCell>
                  <Button variant="plain" aria-label={`Remove ${name}`} icon={<TrashIcon />} onClick={() => onRemove(r.id)} />
                </Td>
              )}
            </Tr>
          );
        })}
      </Tbody>
    </Table>
  );
}

function JsonEntryForm({
  entry,
  readOnly,
  error,
  title,
  onChange,
}: {
  entry: EntryModel;
  readOnly: boolean;
  error: unknown;
  title: string;
  onChange: (change: (e: EntryModel) => EntryModel) => void;
}) {
  const path = entryPath(entry);
  const fieldsError = errorsUnder(error, `${path}.fields`)
    .map((e) => (e.field === `${path}.fields` ? e.message : `${e.field.substring(path.length + 1)}: ${e.message}`))
    .join('; ');
  const setRename = (id: string, patch: Partial<RenameRow>) =>
    onChange((e) => ({ ...e, rename: e.rename.map((r) => (r.id === id ? { ...r, ...patch } : r)) }));
  const count = useMemo(() => entry.fieldsText.split('\n').filter((l) => l.trim()).length, [entry.fieldsText]);
  return (
    <section aria-label={`Mapping of ${entry.type} / ${entry.subtype}`}>
      <Title headingLevel="h3" size="md">
        {title}
      </Title>
      <FormGroup label="Fields to keep" fieldId={`json-fields-${entry.id}`} style={{ marginTop: 8 }}>
        {readOnly ? (
          <CodeBlock>
            <CodeBlockCode id={`json-fields-${entry.id}`}>{entry.fieldsText || '(every field)'}</CodeBlockCode>
          </CodeBlock>
        ) : (
          <TextArea
            id={`json-fields-${entry.id}`}
            className="ce-mono"
            value={entry.fieldsText}
            onChange={(_e, v) => onChange((e) => ({ ...e, fieldsText: v }))}
            rows={Math.min(16, Math.max(4, count + 1))}
            resizeOrientation="vertical"
            spellCheck={false}
            validated={fieldsError ? 'error' : 'default'}
          />
        )}
        <FieldHelp error={fieldsError || undefined} hint={`One dotted path per line (${count === 0 ? 'none: every field is kept' : `${count} listed`}).`} />
      </FormGroup>
      <Title headingLevel="h4" size="md" style={{ marginTop: 16 }}>
        Renamed fields
      </Title>
      <Table aria-label={`Renamed fields of ${entry.type} / ${entry.subtype}`} variant="compact">
        <Thead>
          <Tr>
            <Th>Field</Th>
            <Th>Written as</Th>
            {!readOnly && <Th screenReaderText="Remove" />}
          </Tr>
        </Thead>
        <Tbody>
          {entry.rename.length === 0 && (
            <Tr>
              <Td colSpan={readOnly ? 2 : 3}>No field is renamed.</Td>
            </Tr>
          )}
          {entry.rename.map((r, i) => {
            const message = [...errorsUnder(error, `${path}.rename.${r.from.trim()}`), ...errorsUnder(error, `${path}.rename[${i}]`)]
              .map((e) => e.message)
              .join('; ');
            return (
              <Tr key={r.id}>
                <Td dataLabel="Field">
                  {readOnly ? (
                    <code>{r.from}</code>
                  ) : (
                    <TextInput aria-label={`Field to rename, row ${i + 1}`} value={r.from} onChange={(_e, v) => setRename(r.id, { from: v })} validated={message ? 'error' : 'default'} />
                  )}
                  <FieldHelp error={message || undefined} />
                </Td>
                <Td dataLabel="Written as">
                  {readOnly ? <code>{r.to}</code> : <TextInput aria-label={`New name, row ${i + 1}`} value={r.to} onChange={(_e, v) => setRename(r.id, { to: v })} />}
                </Td>
                {!readOnly && (
                  <Td isActionCell>
                    <Button
                      variant="plain"
                      aria-label={`Remove rename row ${i + 1}`}
                      icon={<TrashIcon />}
                      onClick={() => onChange((e) => ({ ...e, rename: e.rename.filter((x) => x.id !== r.id) }))}
                    />
                  </Td>
                )}
              </Tr>
            );
          })}
        </Tbody>
      </Table>
      {!readOnly && (
        <Button variant="link" icon={<PlusIcon />} onClick={() => onChange((e) => ({ ...e, rename: [...e.rename, { id: nextId(), from: '', to: '' }] }))}>
          Add renamed field
        </Button>
      )}
    </section>
  );
}
