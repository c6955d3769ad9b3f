import { useRef, useState, type DragEvent } from 'react';
import { Button, FormGroup, InputGroup, InputGroupItem, TextInput } from '@patternfly/react-core';
import { UploadIcon } from '@patternfly/react-icons';
import { api, ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatBytes } from '../../components/format';
import { FieldHelp, FormModal } from './shared';
import { MODULE_NAMES, type PluginEntry } from './pluginModels';
import { useAction } from '../../api/useAction';

/**
 * Uploads a custom plugin: PluginResource.upload takes the jar itself as the request body
 * (application/java-archive), not a multipart form.
 */
export function PluginUpload({ onClose, onUploaded }: { onClose: () => void; onUploaded: (entry: PluginEntry) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const { busy, error, setError, run } = useAction();
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const choose = (f: File | null | undefined) => {
    setError(null);
    setFile(f ?? null);
  };

  const notJar = !!file && !file.name.toLowerCase().endsWith('.jar');

  const upload = async () => {
    if (!file || notJar) return;
    await run(async () => {
      onUploaded(await api.post<PluginEntry>('/api/plugins', file, { contentType: 'application/java-archive' }));
    });
  };

  const bodyError = error instanceof ApiError ? error.fieldMessage('body') : undefined;
  const fileError = notJar ? 'choose a plugin jar (a file ending in .jar)' : bodyError;

  const drop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    choose(event.dataTransfer.files?.[0]);
  };

  return (
    <FormModal
      id="plugin-upload"
      title="Upload plugin"
      description={
        <>
          A jar built against the Open CE plugin API, holding one plugin. Its id must not be taken by another plugin; a
          newer version of an uploaded plugin replaces it. Module services load it without a restart.
        </>
      }
      submitLabel="Upload"
      busy={busy}
      canSubmit={!!file && !notJar}
      onSubmit={upload}
      onClose={onClose}
    >
      <ErrorAlert error={error && !(error instanceof ApiError && error.errors.length > 0 && error.errors.every((e) => e.field === 'body')) ? error : null} title={error instanceof ApiError && error.status === 409 ? 'The plugin was not installed' : undefined} />
      <FormGroup label="Plugin jar" isRequired fieldId="plugin-jar-name">
        <div
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={drop}
          style={{
            border: `1px dashed ${dragging ? 'var(--pf-t--global--border--color--clicked)' : 'var(--pf-t--global--border--color--default)'}`,
            borderRadius: 6,
            padding: 12,
          }}
        >
          <InputGroup>
            <InputGroupItem isFill>
              <TextInput
                id="plugin-jar-name"
                readOnlyVariant="default"
                value={file ? `${file.name} (${formatBytes(file.size)})` : ''}
                placeholder="Drop a .jar here or browse"
                aria-describedby="plugin-jar-help"
                validated={fileError ? 'error' : 'default'}
              />
            </InputGroupItem>
            <InputGroupItem>
              <Button variant="control" icon={<UploadIcon />} onClick={() => input.current?.click()}>
                Browse…
              </Button>
            </InputGroupItem>
            {file && (
              <InputGroupItem>
                <Button
                  variant="control"
                  onClick={() => {
                    choose(null);
                    if (input.current) input.current.value = '';
                  }}
                >
                  Clear
                </Button>
              </InputGroupItem>
            )}
          </InputGroup>
          <input
            ref={input}
            type="file"
            accept=".jar,application/java-archive"
            aria-label="Plugin jar file"
            className="pf-v6-screen-reader"
            tabIndex={-1}
            onChange={(e) => choose(e.target.files?.[0])}
          />
        </div>
        <FieldHelp id="plugin-jar-help" error={fileError} help="Built-in plugin ids cannot be reused; a lower version than the installed one is refused." />
      </FormGroup>
    </FormModal>
  );
}

export function uploadedMessage(entry: PluginEntry): string {
  const m = entry.manifest;
  return `${m.name} ${m.version} installed for ${MODULE_NAMES[m.module] ?? m.module}.`;
}
