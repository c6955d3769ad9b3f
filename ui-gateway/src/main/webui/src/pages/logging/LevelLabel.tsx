import { Label } from '@patternfly/react-core';
import { LEVEL_NAMES, type LogLevel } from './logModel';

/** A log level as a coloured label: error red, warning orange, info blue, debug grey. */
export function LevelLabel({ level }: { level: LogLevel }) {
  const name = LEVEL_NAMES[level] ?? level;
  switch (level) {
    case 'error':
      return (
        <Label status="danger" isCompact>
          {name}
        </Label>
      );
    case 'warning':
      return (
        <Label status="warning" isCompact>
          {name}
        </Label>
      );
    case 'info':
      return (
        <Label color="blue" isCompact>
          {name}
        </Label>
      );
    default:
      return (
        <Label color="grey" isCompact>
          {name}
        </Label>
      );
  }
}
