export { SchemaForm, type SchemaFormProps } from './SchemaForm';
export { SchemaValues } from './SchemaValues';
export {
  SECRET_MASK,
  displayValue,
  emptyValue,
  fieldErrorsFromProblems,
  hasDefault,
  initialValues,
  isEditable,
  isEmptyValue,
  isSecret,
  problemText,
  stepsOf,
  storedSecrets,
  toConfiguration,
  toFormValue,
  typeOf,
  validateValues,
  valueFields,
  type CheckOptions,
  type FormStep,
} from './schema';
export type { Choice, ConfigField, FieldErrors, FieldProblem, FieldType, FormValue, FormValues, ModuleType, PluginEntry, PluginManifest } from './types';
