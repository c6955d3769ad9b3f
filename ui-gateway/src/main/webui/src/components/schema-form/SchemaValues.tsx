import { DescriptionList, DescriptionListDescription, DescriptionListGroup, DescriptionListTerm, Title } from '@patternfly/react-core';
import { displayValue, hasDefault, isSecret, stepsOf, typeOf, valueFields } from './schema';
import type { ConfigField } from './types';
import { space, subtle } from './styles';

/**
 * A configuration's values, read-only, labelled as the plugin's schema says: choices by their
 * labels, booleans as Yes/No, passwords only as "Set" or "Not set". Values the schema does not
 * know (the plugin changed since) are listed after, under their keys.
 */
export function SchemaValues({
  fields,
  values,
  secretsSet,
  showUnknown = true,
}: {
  fields: readonly ConfigField[];
  values: Record<string, unknown>;
  /** Password keys with a stored value; when left out, a non-empty value (the API's mask) means set. */
  secretsSet?: readonly string[];
  showUnknown?: boolean;
}) {
  const steps = stepsOf(fields);
  const known = new Set(valueFields(fields).map((f) => f.key));
  const unknown = showUnknown ? Object.keys(values).filter((k) => !known.has(k)) : [];
  const secretSet = (field: ConfigField) => (secretsSet ? secretsSet.includes(field.key) : undefined);

  const list = (group: readonly ConfigField[]) => (
    <DescriptionList isHorizontal isCompact horizontalTermWidthModifier={{ default: '16ch', lg: '22ch' }}>
      {valueFields(group).map((field) => {
        const value = values[field.key];
        const empty = value === undefined || value === null || value === '';
        return (
          <DescriptionListGroup key={field.key}>
            <DescriptionListTerm>{field.label}</DescriptionListTerm>
            <DescriptionListDescription data-testid={`value-${field.key}`}>
              {displayValue(field, value, secretSet(field))}
              {empty && !isSecret(field) && hasDefault(field) && typeOf(field) !== 'BOOLEAN' && (
                <span style={subtle}> (default: {displayValue(field, field.defaultValue)})</span>
              )}
            </DescriptionListDescription>
          </DescriptionListGroup>
        );
      })}
    </DescriptionList>
  );

  if (valueFields(fields).length === 0 && unknown.length === 0) {
    return <p style={subtle}>This plugin has no settings.</p>;
  }
  return (
    <>
      {steps
        ? steps.map((step) => (
            <section key={step.key} style={{ marginBottom: space('md') }}>
              <Title headingLevel="h4" style={{ marginBottom: space('sm') }}>
                {step.label}
              </Title>
              {list(step.fields)}
            </section>
          ))
        : valueFields(fields).length > 0 && list(fields)}
      {unknown.length > 0 && (
        <section style={valueFields(fields).length > 0 ? { marginTop: space('md') } : undefined}>
          {valueFields(fields).length > 0 && (
            <Title headingLevel="h4" style={{ marginBottom: space('sm') }}>
              Values the plugin does not declare
            </Title>
          )}
          <DescriptionList isHorizontal isCompact>
            {unknown.map((key) => (
              <DescriptionListGroup key={key}>
                <DescriptionListTerm>{key}</DescriptionListTerm>
                <DescriptionListDescription>
                  {typeof values[key] === 'object' ? JSON.stringify(values[key]) : String(values[key] ?? '—')}
                </DescriptionListDescription>
              </DescriptionListGroup>
            ))}
          </DescriptionList>
        </section>
      )}
    </>
  );
}
