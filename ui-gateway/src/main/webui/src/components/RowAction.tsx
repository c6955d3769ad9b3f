import { Button } from '@patternfly/react-core';

/**
 * An action in a table row: a link-style button that says what it does ("Edit"), named for screen
 * readers with what it acts on ("Edit acme").
 */
export function RowAction({
  label,
  of,
  onClick,
  danger,
  isDisabled,
}: {
  label: string;
  /** What the action acts on, the rest of the accessible name. */
  of: string;
  onClick: () => void;
  danger?: boolean;
  isDisabled?: boolean;
}) {
  return (
    <Button variant="link" isInline isDanger={danger} aria-label={`${label} ${of}`} onClick={onClick} isDisabled={isDisabled}>
      {label}
    </Button>
  );
}
