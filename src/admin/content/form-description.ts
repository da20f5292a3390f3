import { z } from 'zod';
import { CHOICE_LABELS, FIELD_LABELS, type FieldLabel, type Suggestion } from './field-labels.js';

interface FieldBase {
  readonly label: string;
  readonly hint?: string;
  /** Whether a value must be given (an optional field left empty is left out of the file). */
  readonly required: boolean;
}

/**
 * How the workspace renders one field of a content file, derived from the zod schema the validator
 * uses, so every field of the schema is editable and a new field shows up without work on the page.
 */
export type FormField = FieldBase &
  (
    | { readonly type: 'object'; readonly fields: readonly NamedField[] }
    /** A map whose keys staff choose (source ids, abbreviations). */
    | { readonly type: 'record'; readonly key: FormField; readonly value: FormField }
    | { readonly type: 'list'; readonly item: FormField; readonly itemLabel: string; readonly minItems?: number; readonly maxItems?: number }
    /** One of several shapes (a sourced fact or "not verified"; an answer by procedure, topic or text). */
    | { readonly type: 'choice'; readonly options: readonly { readonly label: string; readonly field: FormField }[] }
    | {
        readonly type: 'text';
        readonly multiline: boolean;
        readonly format?: 'date' | 'url';
        readonly pattern?: string;
        readonly minLength?: number;
        readonly maxLength?: number;
        readonly suggest?: Suggestion;
      }
    | { readonly type: 'select'; readonly options: readonly string[] }
    | { readonly type: 'number'; readonly integer: boolean; readonly minimum?: number; readonly maximum?: number }
    | { readonly type: 'boolean' }
    /** A fixed value (unknown: true), kept as it is. */
    | { readonly type: 'constant'; readonly value: string | number | boolean | null }
    /** A shape the describer does not know: edited as JSON text. */
    | { readonly type: 'json' }
  );
export type NamedField = FormField & { readonly name: string };

/** The JSON Schema subset zod writes for the content schemas. */
interface JsonSchema {
  readonly type?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: JsonSchema | boolean;
  readonly propertyNames?: JsonSchema;
  readonly items?: JsonSchema;
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly format?: string;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
}

/** Labels beyond FIELD_LABELS, e.g. the procedure aspects named by data/aspects.yaml. */
export type ExtraLabels = Readonly<Record<string, FieldLabel>>;

/** The form of a content file from its zod schema (as JSON Schema, what the file holds as input). */
export function describeForm(schema: z.ZodType, extra: ExtraLabels = {}): FormField {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return new Describer(extra).field(json, undefined, true);
}

class Describer {
  constructor(private readonly extra: ExtraLabels) {}

  private labelOf(name: string | undefined): FieldLabel {
    return (name !== undefined && (this.extra[name] ?? FIELD_LABELS[name])) || { label: name ?? '' };
  }

  field(schema: JsonSchema, name: string | undefined, required: boolean, label = this.labelOf(name)): FormField {
    const base = { label: label.label, required, ...(label.hint ? { hint: label.hint } : {}) };
    const alternatives = schema.anyOf ?? schema.oneOf;
    if (alternatives) {
      return {
        ...base,
        type: 'choice',
        options: alternatives.map((option, i) => ({ label: this.choiceLabel(option, i), field: this.field(option, name, true, label) })),
      };
    }
    if (schema.const !== undefined && isConstant(schema.const)) return { ...base, type: 'constant', value: schema.const };
    switch (schema.type) {
      case 'object':
        return this.object(schema, base, label);
      case 'array':
        return {
          ...base,
          type: 'list',
          item: this.field(schema.items ?? {}, undefined, true, { label: label.item ?? label.label, ...(label.suggest ? { suggest: label.suggest } : {}) }),
          itemLabel: label.item ?? label.label,
          ...(schema.minItems !== undefined ? { minItems: schema.minItems } : {}),
          ...(schema.maxItems !== undefined ? { maxItems: schema.maxItems } : {}),
        };
      case 'string':
        if (schema.enum) return { ...base, type: 'select', options: schema.enum.map(String) };
        return {
          ...base,
          type: 'text',
          multiline: label.multiline ?? false,
          ...(schema.format === 'date' ? { format: 'date' as const } : schema.format === 'uri' ? { format: 'url' as const } : {}),
          ...(schema.pattern && schema.format !== 'date' ? { pattern: schema.pattern } : {}),
          ...(schema.minLength !== undefined ? { minLength: schema.minLength } : {}),
          ...(schema.maxLength !== undefined ? { maxLength: schema.maxLength } : {}),
          ...(label.suggest ? { suggest: label.suggest } : {}),
        };
      case 'number':
      case 'integer': {
        const minimum = schema.minimum ?? schema.exclusiveMinimum;
        const maximum = schema.maximum ?? schema.exclusiveMaximum;
        return {
          ...base,
          type: 'number',
          integer: schema.type === 'integer',
          ...(minimum !== undefined ? { minimum } : {}),
          ...(maximum !== undefined ? { maximum } : {}),
        };
      }
      case 'boolean':
        return { ...base, type: 'boolean' };
      default:
        return { ...base, type: 'json' };
    }
  }

  /** Named properties; a map with a fixed set of keys (an enum) as named properties too; any other map as a record. */
  private object(schema: JsonSchema, base: FieldBase, label: FieldLabel): FormField {
    const required = new Set(schema.required ?? []);
    const values = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
    const keys = schema.propertyNames?.enum;
    if (values && keys) {
      return { ...base, type: 'object', fields: keys.map(String).map((k) => ({ name: k, ...this.field(values, k, required.has(k)) })) };
    }
    if (values && !schema.properties) {
      const key = this.field(schema.propertyNames ?? { type: 'string' }, undefined, true, { label: label.key ?? 'Khóa' });
      return { ...base, type: 'record', key, value: this.field(values, undefined, true, { label: label.value ?? label.label, ...(label.multiline ? { multiline: true } : {}) }) };
    }
    return {
      ...base,
      type: 'object',
      fields: Object.entries(schema.properties ?? {}).map(([k, v]) => ({ name: k, ...this.field(v, k, required.has(k)) })),
    };
  }

  private choiceLabel(option: JsonSchema, index: number): string {
    const required = option.required ?? [];
    return CHOICE_LABELS[required.join(',')] ?? (required.map((k) => this.labelOf(k).label).join(' + ') || `Dạng ${index + 1}`);
  }
}

const isConstant = (v: unknown): v is string | number | boolean | null => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/**
 * The Vietnamese name of a field given by its path ("aspects.le_phi.text" → "Các khía cạnh › Lệ phí ›
 * Nội dung"), for problems: list items are numbered from 1 ("examples.3" → "Câu mẫu 4"), map
 * entries named by their key; steps the form does not know are shown as they are.
 */
export function fieldLabelAt(form: FormField, path: string): string {
  const names: string[] = [];
  let field: FormField | undefined = form;
  for (const step of path ? path.split('.') : []) {
    const parent: FormField | undefined = field && through(field, step);
    field = parent && childOf(parent, step);
    if (!field) names.push(step);
    else if (parent?.type === 'list') names.splice(-1, 1, `${field.label} ${Number(step) + 1}`);
    else names.push(field.label);
  }
  return names.join(' › ');
}

/** A choice's alternative that has the field `step`; any other field itself. */
function through(field: FormField, step: string): FormField {
  return field.type === 'choice' ? (field.options.find((o) => childOf(o.field, step))?.field ?? field) : field;
}

function childOf(field: FormField, step: string): FormField | undefined {
  switch (field.type) {
    case 'object':
      return field.fields.find((f) => f.name === step);
    case 'record':
      return { ...field.value, label: step };
    case 'list':
      return /^\d+$/.test(step) ? field.item : undefined;
    default:
      return undefined;
  }
}
