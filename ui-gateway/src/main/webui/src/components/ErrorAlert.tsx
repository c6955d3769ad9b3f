import { Alert, AlertActionLink, List, ListItem } from '@patternfly/react-core';
import { ApiError, describeError } from '../api/client';

/** An API or network error as an inline alert: the problem's title and detail, and each field error. */
export function ErrorAlert({ error, title, onRetry }: { error: unknown; title?: string; onRetry?: () => void }) {
  if (!error) return null;
  const api = error instanceof ApiError ? error : null;
  return (
    <Alert
      variant="danger"
      isInline
      title={title ?? (api ? api.title : 'Something went wrong')}
      actionLinks={onRetry ? <AlertActionLink onClick={onRetry}>Try again</AlertActionLink> : undefined}
      data-testid="error-alert"
    >
      {api ? (
        <>
          {api.detail && <p>{api.detail}</p>}
          {api.errors.length > 0 && (
            <List>
              {api.errors.map((e) => (
                <ListItem key={e.field + e.message}>
                  {e.field ? (
                    <>
                      <strong>{e.field}</strong>: {e.message}
                    </>
                  ) : (
                    e.message
                  )}
                </ListItem>
              ))}
            </List>
          )}
        </>
      ) : (
        <p>{describeError(error)}</p>
      )}
    </Alert>
  );
}
