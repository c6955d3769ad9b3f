import type { CSSProperties } from 'react';

/**
 * Inline styles from PatternFly's design tokens (the console loads PatternFly's base styles, not its
 * utility classes).
 */
export const subtle: CSSProperties = { color: 'var(--pf-t--global--text--color--subtle)' };
export const small: CSSProperties = { fontSize: 'var(--pf-t--global--font--size--sm)' };
export const smallSubtle: CSSProperties = { ...small, ...subtle };
export const space = (size: 'xs' | 'sm' | 'md' | 'lg' | 'xl' | '2xl') => `var(--pf-t--global--spacer--${size})`;
