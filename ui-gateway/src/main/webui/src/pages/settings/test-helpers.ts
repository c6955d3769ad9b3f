/** Helpers of the settings pages' tests. */
import { screen } from '@testing-library/react';

/** A field's label, with or without the required marker (" *") PatternFly adds. */
export const L = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`);

/** The form group (label, control, helper text) of the control with this label. */
export function groupOf(label: string | RegExp, root: HTMLElement = document.body): HTMLElement {
  const control = screen.getAllByLabelText(typeof label === 'string' ? L(label) : label).find((c) => root.contains(c));
  if (!control) throw new Error(`no control labelled ${String(label)}`);
  return control.closest('.pf-v6-c-form__group') as HTMLElement;
}
