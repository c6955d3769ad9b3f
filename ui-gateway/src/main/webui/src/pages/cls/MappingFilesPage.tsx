import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import {
  Breadcrumb,
  BreadcrumbItem,
  Button,
  Checkbox,
  EmptyState,
  EmptyStateBody,
  Flex,
  FlexItem,
  Form,
  FormGroup,
  FormSelect,
  FormSelectOption,
  Label,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  PageSection,
  Skeleton,
  Stack,
  StackItem,
  TextInput,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { DownloadIcon, PlusIcon, UploadIcon } from '@patternfly/react-icons';
import { api, ApiError } from '../../api/client';
import { usePoll } from '../../api/usePoll';
import { useAuth } from '../../auth/AuthContext';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { RowAction } from '../../components/RowAction';
import { formatTime } from '../../components/format';
import { checkJson, DENSE, ErrorItem, FieldHelp, NoticeItem, readFileText, saveFile, shortTime, unplaced } from './common';
import { MappingEditor } from './MappingEditor';
import { FORMATS, newFileModel, type FileModel, type Format } from './mappingModel';
import type { MappingFileSummary } from './types';
import { useAction } from '../../api/useAction';

/** The file name the API gives a download. */
export function downloadName(name: string): string {
  return `${name.replace(/[^A-Za-z0-9._-]/g, '_')}.json`;
}

/** Mapping files: the shipped defaults (read-only) and the users' own, edited in a form or as JSON. */
export function MappingFilesPage() {
  const { can } = useAuth();
  const admin = can('admin');
  const [params, setParams] = useSearchParams();
  const open = params.get('file');
  const list = usePoll((signal) => api.get<MappingFileSummary[]>('/api/cls/mapping-files', { signal }), 0);
  const [notice, setNotice] = useState<string | null>(null);
  const [pageError, setPageError] = useState<unknown>(null);
  const [copying, setCopying] = useState<MappingFileSummary | null>(null);
  const [deleting, setDeleting] = useState<MappingFileSummary | null>(null);
  const [uploading, setUploading] = useState(false);
  const [creating, setCreating] = useState(false);
  const [draft, setDraft] = useState<FileModel | null>(null);

  const files = list.data ?? [];
  const openFile = (name: string | null) => {
    setDraft(null);
    setParams(name ? { file: name } : {});
  };

  const download = async (name: string) => {
    setPageError(null);
    try {
      const text = await api.get<string>(`/api/cls/mapping-files/${encodeURIComponent(name)}/download`, { text: true });
      saveFile(downloadName(name), typeof text === 'string' ? text : JSON.stringify(text, null, 2));
    } catch (e) {
      setPageError(e);
    }
  };

  const dialogs = (
    <>
      {copying && (
        <CopyModal
          source={copying}
          onClose={() => setCopying(null)}
          onCopied={(name) => {
            setCopying(null);
            setNotice(`Copied ${copying.name} to ${name}. Edit the copy below.`);
            list.reload();
            openFile(name);
          }}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={`Delete mapping file ${deleting.name}?`}
          onConfirm={async () => {
            await api.del(`/api/cls/mapping-files/${encodeURIComponent(deleting.name)}`);
            setNotice(`Mapping file ${deleting.name} deleted.`);
            list.reload();
            if (open === deleting.name) openFile(null);
          }}
          onClose={() => setDeleting(null)}
        >
          The file is deleted for good. A mapping file that a SIEM mapping still uses cannot be deleted: change those SIEM mappings first.
        </ConfirmDialog>
      )}
      {uploading && (
        <UploadModal
          files={files}
          onClose={() => setUploading(false)}
          onUploaded={(name, replaced) => {
            setUploading(false);
            setNotice(replaced ? `Mapping file ${name} replaced by the uploaded file.` : `Mapping file ${name} uploaded.`);
            list.reload();
          }}
        />
      )}
      {creating && (
        <NewFileModal
          taken={files.map((f) => f.name)}
          onClose={() => setCreating(false)}
          onStart={(model) => {
            setCreating(false);
            setParams({});
            setDraft(model);
          }}
        />
      )}
    </>
  );

  if (draft || open) {
    const summary = open ? files.find((f) => f.name === open) : undefined;
    const shipped = summary?.readOnly ?? false;
    // a file not (yet) in the list is a user's file (the shipped ones are always listed): the editor's GET decides
    const mode = draft ? 'new' : admin && !shipped ? 'edit' : 'view';
    const title = draft ? 'New mapping file' : `Mapping file ${open}`;
    return (
      <>
        <PageSection>
          <Breadcrumb>
            <BreadcrumbItem>
              <Link to="/cls/mapping-files" onClick={() => setDraft(null)}>
                Mapping files
              </Link>
            </BreadcrumbItem>
            <BreadcrumbItem isActive>{draft ? 'New' : open}</BreadcrumbItem>
          </Breadcrumb>
        </PageSection>
        <PageHeader
          title={title}
          description={
            summary ? (
              <>
                {summary.format} · {shipped ? 'shipped default, read-only' : `your file, updated ${formatTime(summary.updatedAt)}`}
              </>
            ) : undefined
          }
          actions={
            open && (
              <Flex>
                <FlexItem>
                  <Button variant="secondary" icon={<DownloadIcon />} onClick={() => download(open)}>
                    Download
                  </Button>
                </FlexItem>
                {admin && summary && (
                  <FlexItem>
                    <Button variant="secondary" onClick={() => setCopying(summary)}>
                      Copy
                    </Button>
                  </FlexItem>
                )}
                {admin && summary && !shipped && (
                  <FlexItem>
                    <Button variant="danger" onClick={() => setDeleting(summary)}>
                      Delete
                    </Button>
                  </FlexItem>
                )}
              </Flex>
            )
          }
        />
        <PageSection>
          <Stack hasGutter>
            <NoticeItem notice={notice} onClose={() => setNotice(null)} />
            <ErrorItem error={pageError} />
            <StackItem>
              {!draft && !list.data ? (
                list.error ? <ErrorAlert error={list.error} onRetry={list.reload} /> : <Skeleton height="400px" screenreaderText="Loading the mapping file" />
              ) : (
                <MappingEditor
                  key={draft ? 'new' : `${open}-${mode}`}
                  mode={mode}
                  name={open ?? undefined}
                  initial={draft ?? undefined}
                  onCopy={admin && shipped && summary ? () => setCopying(summary) : undefined}
                  onSaved={(doc, created) => {
                    list.reload();
                    if (created) {
                      setNotice(`Mapping file ${String(doc.name)} created.`);
                      openFile(String(doc.name));
                    }
                  }}
                />
              )}
            </StackItem>
          </Stack>
        </PageSection>
        {dialogs}
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="Mapping files"
        description="How the Log Shipper writes each Netskope data type and subtype: CEF and LEEF header and fields, or which JSON fields to keep. The shipped defaults are read-only; copy one to change it."
        actions={
          admin && (
            <Flex>
              <FlexItem>
                <Button icon={<PlusIcon />} onClick={() => setCreating(true)}>
                  New mapping file
                </Button>
              </FlexItem>
              <FlexItem>
                <Button variant="secondary" icon={<UploadIcon />} onClick={() => setUploading(true)}>
                  Upload mapping file
                </Button>
              </FlexItem>
            </Flex>
          )
        }
      />
      <PageSection>
        <Stack hasGutter>
          <NoticeItem notice={notice} onClose={() => setNotice(null)} />
          <ErrorItem error={pageError} />
          <ErrorItem error={list.error} title="Could not load the mapping files" onRetry={list.reload} />
          <StackItem>
            {!list.data && list.loading ? (
              <Skeleton height="240px" screenreaderText="Loading the mapping files" />
            ) : list.data && files.length === 0 ? (
              <EmptyState titleText="No mapping files" headingLevel="h2">
                <EmptyStateBody>The shipped defaults should be listed here; cls-service may not be up to date.</EmptyStateBody>
              </EmptyState>
            ) : list.data ? (
              <Table aria-label="Mapping files" variant="compact" style={DENSE}>
                <Thead>
                  <Tr>
                    <Th modifier="wrap">Name</Th>
                    <Th modifier="wrap">Format</Th>
                    <Th width={40}>Description</Th>
                    <Th modifier="wrap">Kind</Th>
                    <Th modifier="wrap">Updated</Th>
                    <Th screenReaderText="Actions" />
                  </Tr>
                </Thead>
                <Tbody>
                  {files.map((f) => {
                    const editable = admin && !f.readOnly;
                    return (
                      <Tr key={f.name}>
                        <Td dataLabel="Name" modifier="nowrap">
                          <Link to={`/cls/mapping-files?file=${encodeURIComponent(f.name)}`}>{f.name}</Link>
                        </Td>
                        <Td dataLabel="Format">{f.format}</Td>
                        <Td dataLabel="Description" modifier="truncate" title={f.description}>
                          {f.description || '—'}
                        </Td>
                        <Td dataLabel="Kind" modifier="nowrap">
                          {f.readOnly ? (
                            <Label isCompact color="grey">
                              Shipped, read-only
                            </Label>
                          ) : (
                            <Label isCompact color="blue">
                              Custom
                            </Label>
                          )}
                        </Td>
                        <Td dataLabel="Updated" modifier="nowrap">
                          {f.readOnly ? '—' : <time dateTime={f.updatedAt ?? undefined} title={formatTime(f.updatedAt)}>{shortTime(f.updatedAt)}</time>}
                        </Td>
                        <Td dataLabel="Actions" modifier="nowrap" isActionCell>
                          <Button variant="link" isInline aria-label={`${editable ? 'Edit' : 'View'} ${f.name}`} onClick={() => openFile(f.name)}>
                            {editable ? 'Edit' : 'View'}
                          </Button>
                          {admin && (
                            <>
                              {' · '}
                              <RowAction label="Copy" of={f.name} onClick={() => setCopying(f)} />
                            </>
                          )}
                          {' · '}
                          <RowAction label="Download" of={f.name} onClick={() => download(f.name)} />
                          {editable && (
                            <>
                              {' · '}
                              <RowAction label="Delete" of={f.name} onClick={() => setDeleting(f)} danger />
                            </>
                          )}
                        </Td>
                      </Tr>
                    );
                  })}
                </Tbody>
              </Table>
            ) : null}
          </StackItem>
        </Stack>
      </PageSection>
      {dialogs}
    </>
  );
}

function CopyModal({ source, onClose, onCopied }: { source: MappingFileSummary; onClose: () => void; onCopied: (name: string) => void }) {
  const [name, setName] = useState(`${source.name}-copy`);
  const [description, setDescription] = useState(source.description);
  const { busy, error, run } = useAction();
  const nameError = error instanceof ApiError ? error.fieldMessage('name') : undefined;

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    await run(async () => {
      await api.post(`/api/cls/mapping-files/${encodeURIComponent(source.name)}/copy`, { name: name.trim(), description });
      onCopied(name.trim());
    });
  };

  return (
    <Modal isOpen variant="small" onClose={onClose} aria-labelledby="copy-title">
      <ModalHeader title={`Copy ${source.name}`} labelId="copy-title" description="The copy is yours to edit; SIEM mappings keep using the file they name." />
      <ModalBody>
        <Form id="copy-form" onSubmit={submit}>
          <ErrorAlert error={unplaced(error, (f) => f === 'name')} />
          <FormGroup label="Name of the copy" isRequired fieldId="copy-name">
            <TextInput id="copy-name" value={name} onChange={(_e, v) => setName(v)} validated={nameError ? 'error' : 'default'} />
            <FieldHelp error={nameError} />
          </FormGroup>
          <FormGroup label="Description" fieldId="copy-description">
            <TextInput id="copy-description" value={description} onChange={(_e, v) => setDescription(v)} />
          </FormGroup>
        </Form>
      </ModalBody>
      <ModalFooter>
        <Button type="submit" form="copy-form" isLoading={busy} isDisabled={busy || !name.trim()}>
          Copy
        </Button>
        <Button variant="link" onClick={onClose}>
          Cancel
        </Button>
      </ModalFooter>
    </Modal>
  );
}

function NewFileModal({ taken, onClose, onStart }: { taken: string[]; onClose: () => void; onStart: (m: FileModel) => void }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [format, setFormat] = useState<Format>('CEF');
  const clash = taken.includes(name.trim()) ? 'A mapping file of this name exists; choose another name.' : undefined;
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!name.trim() || clash) return;
    onStart(newFileModel(name.trim(), description, format));
  };
  return (
    <Modal isOpen variant="small" onClose={onClose} aria-labelledby="new-file-title">
      <ModalHeader
        title="New mapping file"
        labelId="new-file-title"
        description="Starts with one mapping for every alert and one for every event; nothing is stored until you create it. Copying a shipped default is often quicker."
      />
      <ModalBody>
        <Form id="new-file-form" onSubmit={submit}>
          <FormGroup label="Name" isRequired fieldId="new-file-name">
            <TextInput id="new-file-name" value={name} onChange={(_e, v) => setName(v)} validated={clash ? 'error' : 'default'} />
            <FieldHelp error={clash} />
          </FormGroup>
          <FormGroup label="Description" fieldId="new-file-description">
            <TextInput id="new-file-description" value={description} onChange={(_e, v) => setDescription(v)} />
          </FormGroup>
          <FormGroup label="Format" fieldId="new-file-format">
            <FormSelect id="new-file-format" value={format} onChange={(_e, v) => setFormat(v as Format)}>
              {FORMATS.map((f) => (
                <FormSelectOption key={f} value={f} label={f === 'CEF' ? 'CEF (syslog)' : f === 'LEEF' ? 'LEEF 2.0 (QRadar)' : 'JSON (HTTP collectors)'} />
              ))}
            </FormSelect>
          </FormGroup>
        </Form>
      </ModalBody>
      <ModalFooter>
        <Button type="submit" form="new-file-form" isDisabled={!name.trim() || !!clash}>
          Continue
        </Button>
        <Button variant="link" onClick={onClose}>
          Cancel
        </Button>
      </ModalFooter>
    </Modal>
  );
}

/** Reads a JSON file, lets the name be changed, then creates it or (when asked) replaces the file of that name. */
function UploadModal({
  files,
  onClose,
  onUploaded,
}: {
  files: MappingFileSummary[];
  onClose: () => void;
  onUploaded: (name: string, replaced: boolean) => void;
}) {
  const [fileName, setFileName] = useState('');
  const [doc, setDoc] = useState<Record<string, unknown> | null>(null);
  const [syntax, setSyntax] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [replace, setReplace] = useState(false);
  const { busy, error, setError, run } = useAction();

  const existing = files.find((f) => f.name === name.trim());
  const shipped = existing?.readOnly ?? false;
  const nameError =
    (error instanceof ApiError ? error.fieldMessage('name') : undefined) ??
    (shipped ? `'${name.trim()}' is a shipped default; give the upload another name` : undefined);

  const pick = async (file: File | undefined) => {
    setError(null);
    setSyntax(null);
    setDoc(null);
    setReplace(false);
    if (!file) return;
    setFileName(file.name);
    const parsed = checkJson(await readFileText(file));
    if (!parsed.ok) {
      setSyntax(`${file.name} is not valid JSON: ${parsed.message}`);
      return;
    }
    if (parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
      setSyntax(`${file.name} is not a mapping file: it must be a JSON object with name, format and taxonomy.`);
      return;
    }
    const value = parsed.value as Record<string, unknown>;
    setDoc(value);
    setName(typeof value.name === 'string' ? value.name : file.name.replace(/\.json$/i, ''));
  };

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!doc || shipped || (existing && !replace)) return;
    await run(async () => {
      const body = { ...doc, name: name.trim() };
      if (existing) await api.put(`/api/cls/mapping-files/${encodeURIComponent(existing.name)}`, body);
      else await api.post('/api/cls/mapping-files', body);
      onUploaded(name.trim(), !!existing);
    });
  };

  return (
    <Modal isOpen variant="medium" onClose={onClose} aria-labelledby="upload-title">
      <ModalHeader title="Upload mapping file" labelId="upload-title" description="A mapping file as JSON, as the Download of a file gives it. The file is checked as a whole; every problem is named with its path." />
      <ModalBody>
        <Form id="upload-form" onSubmit={submit}>
          <ErrorAlert error={unplaced(error, (f) => f === 'name')} title={error instanceof ApiError ? 'The mapping file was not uploaded' : undefined} />
          <FormGroup label="JSON file" isRequired fieldId="upload-file">
            <input id="upload-file" type="file" accept=".json,application/json" onChange={(e) => pick(e.target.files?.[0])} />
            <FieldHelp error={syntax ?? undefined} hint={fileName && doc ? `${fileName}: ${String(doc.format ?? '?')} format.` : undefined} />
          </FormGroup>
          {doc && (
            <>
              <FormGroup label="Name" isRequired fieldId="upload-name">
                <TextInput
                  id="upload-name"
                  value={name}
                  onChange={(_e, v) => {
                    setName(v);
                    setReplace(false);
                  }}
                  validated={nameError ? 'error' : 'default'}
                />
                <FieldHelp error={nameError} hint="Taken from the file; change it to upload under another name." />
              </FormGroup>
              {existing && !shipped && (
                <Checkbox
                  id="upload-replace"
                  label={`Replace the existing mapping file ${existing.name}`}
                  description="SIEM mappings that use it write with the uploaded file from their next batch."
                  isChecked={replace}
                  onChange={(_e, v) => setReplace(v)}
                />
              )}
            </>
          )}
        </Form>
      </ModalBody>
      <ModalFooter>
        <Button type="submit" form="upload-form" isLoading={busy} isDisabled={busy || !doc || !name.trim() || shipped || (!!existing && !replace)}>
          Upload
        </Button>
        <Button variant="link" onClick={onClose}>
          Cancel
        </Button>
      </ModalFooter>
    </Modal>
  );
}
