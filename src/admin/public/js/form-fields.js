// A form generated from the server's description of a content file's schema (objects → fieldsets,
// lists → items with add / move / remove, maps → entries with their key, choices → a select of shapes,
// text → input or text area, dates, numbers, check boxes), and the server's problems shown at their fields.
import { button, el } from './page.js';

let counter = 0;
const nextId = (what) => `ff-${what}-${++counter}`;

/** Text this long (or with line breaks) is edited in a text area even where the form did not ask for one. */
const LONG_TEXT = 80;

/**
 * Builds the form of `description` holding `value`. Returns the element, `value()` (the data to
 * save; optional fields left empty are left out), and `showProblems(problems)` which marks every
 * problem's field (aria-invalid, the message tied by aria-describedby) and returns what to focus.
 */
export function buildForm(description, value, suggestions, options = {}) {
  const form = new GeneratedForm(suggestions, options);
  const root = form.field(description, value, { path: () => [], root: true });
  form.element.append(root.element);
  return {
    element: form.element,
    value: () => root.value(),
    showProblems: (problems) => form.showProblems(problems),
    clearProblems: () => form.clearProblems(),
  };
}

class GeneratedForm {
  /**
   * `options.grouped`: the top-level object field whose fields fold up one per group (a procedure's
   * aspects), `options.first` opened first; `options.folded`: top-level fields folded shut.
   */
  constructor(suggestions, options = {}) {
    this.suggestions = suggestions || {};
    this.options = options;
    this.element = el('div', undefined, 'generated-form');
    this.datalists = el('div');
    this.element.append(this.datalists);
    this.listIds = {};
    /** Every field and group shown: its path (computed now: items move, keys change) and where its message goes. */
    this.places = [];
  }

  /** The editor of one field: { element, value() }. `at.path()` is its path; `at.label` overrides the described label. */
  field(description, value, at) {
    const label = at.label ?? description.label;
    switch (description.type) {
      case 'object':
        return description.required || value !== undefined || at.root ? this.object(description, value, at, label) : this.optionalObject(description, at, label);
      case 'record':
        return this.record(description, value, at, label);
      case 'list':
        return this.list(description, value, at, label);
      case 'choice':
        return this.choice(description, value, at, label);
      case 'constant':
        return { element: el('span', undefined, 'constant'), value: () => description.value };
      case 'boolean':
        return this.checkbox(description, value, at, label);
      default:
        return this.input(description, value, at, label);
    }
  }

  object(description, value, at, label, bare = false) {
    const current = value && typeof value === 'object' && !Array.isArray(value) ? value : {};
    const box = bare || at.root ? el('div') : this.group(label, description.hint);
    // Only a top-level field folds (at.path() of a list item cannot be read while it is being built).
    const grouped = at.topLevel === this.options.grouped && this.options.grouped !== undefined;
    const first = grouped && description.fields.some((f) => f.name === this.options.first) ? this.options.first : description.fields[0]?.name;
    const fields = grouped ? [...description.fields].sort((a, b) => (b.name === first) - (a.name === first)) : description.fields;
    const children = fields.map((f) => {
      const child = this.field(f, current[f.name], { path: () => [...at.path(), f.name], ...(at.root ? { topLevel: f.name } : {}) });
      if (grouped) {
        // One aspect open at a time keeps a procedure's form short; the others fold under their titles.
        const fold = el('details', undefined, 'fold');
        fold.open = f.name === first;
        fold.dataset.field = f.name;
        fold.append(el('summary', f.label), child.element);
        box.append(fold);
      } else if (at.root && this.options.folded?.includes(f.name)) {
        // Long, seldom-edited parts (a procedure's special cases) fold shut until opened.
        const fold = el('details', undefined, 'fold');
        fold.dataset.field = f.name;
        fold.append(el('summary', f.label), child.element);
        box.append(fold);
      } else if (!at.root && f.name === 'examples') {
        // A unit's example questions can run to dozens: folded under their count, the fact itself stays in view.
        const fold = el('details', undefined, 'subfold');
        fold.dataset.field = f.name;
        fold.append(el('summary', `${f.label} (${Array.isArray(current[f.name]) ? current[f.name].length : 0})`), child.element);
        box.append(fold);
      } else box.append(child.element);
      return { name: f.name, child };
    });
    if (!bare) this.place(at.path, box, box);
    return {
      element: box,
      value: () => Object.fromEntries(children.map(({ name, child }) => [name, child.value()]).filter(([, v]) => v !== undefined)),
    };
  }

  /** An optional group of fields not in the file: a button adds it, another takes it out again. */
  optionalObject(description, at, label) {
    const box = el('div');
    let inner = null;
    const add = button(`Thêm ${lower(label)}`, 'secondary');
    const show = () => {
      inner = this.object(description, undefined, at, label);
      const remove = button(`Bỏ ${lower(label)}`, 'secondary');
      remove.addEventListener('click', () => {
        inner = null;
        box.replaceChildren(add);
        add.focus();
      });
      inner.element.append(remove);
      box.replaceChildren(inner.element);
    };
    add.addEventListener('click', show);
    box.append(add);
    return { element: box, value: () => (inner ? inner.value() : undefined) };
  }

  /** Entries whose keys staff choose: a key box and the value, removable; a button adds one. */
  record(description, value, at, label) {
    const box = this.group(label, description.hint);
    const list = el('div', undefined, 'entries');
    const entries = [];
    const present = value !== undefined;
    const addEntry = (key, entryValue) => {
      const row = el('div', undefined, 'entry');
      const keyInput = this.input(description.key, key, { path: () => [...at.path(), keyInput.value() ?? ''] });
      const entry = { row, key: keyInput };
      const valueField = this.field(description.value, entryValue, {
        path: () => [...at.path(), keyInput.value() ?? ''],
        label: description.value.type === 'object' ? key || description.key.label : description.value.label,
      });
      const remove = button('Xóa', 'secondary');
      remove.setAttribute('aria-label', `Xóa ${lower(description.key.label)} ${key || 'mới'}`);
      remove.addEventListener('click', () => {
        entries.splice(entries.indexOf(entry), 1);
        row.remove();
        add.focus();
      });
      entry.value = valueField;
      row.append(keyInput.element, valueField.element, remove);
      list.append(row);
      entries.push(entry);
      return keyInput;
    };
    for (const [key, entryValue] of Object.entries(value && typeof value === 'object' ? value : {})) addEntry(key, entryValue);
    const add = button(`Thêm ${lower(description.key.label)}`, 'secondary');
    add.addEventListener('click', () => addEntry('', undefined).focus());
    box.append(list, add);
    this.place(at.path, box, box);
    return {
      element: box,
      value: () => {
        if (entries.length === 0 && !present && !description.required) return undefined;
        return Object.fromEntries(entries.map((e) => [e.key.value() ?? '', e.value.value()]));
      },
    };
  }

  /** Items in order: each can be moved up or down or removed; a button adds one at the end. */
  list(description, value, at, label) {
    const box = this.group(label, description.hint);
    const items = el('ol', undefined, 'list-items');
    const present = value !== undefined;
    let values = Array.isArray(value) ? [...value] : Array.from({ length: description.minItems || 0 }, () => undefined);
    let editors = [];
    const current = () => editors.map((e) => e.value());
    const render = (focus) => {
      editors = values.map((itemValue, i) => {
        const li = el('li', undefined, 'list-item');
        const name = `${description.itemLabel} ${i + 1}`;
        const editor = this.field(description.item, itemValue, { path: () => [...at.path(), editors.indexOf(editor)], label: name });
        const controls = el('div', undefined, 'item-controls');
        const move = (text, to, disabled) => {
          const b = button(text, 'secondary');
          b.setAttribute('aria-label', `${text === 'Lên' ? 'Đưa lên trên' : 'Đưa xuống dưới'}: ${lower(name)}`);
          b.disabled = disabled;
          b.addEventListener('click', () => {
            values = current();
            [values[i], values[to]] = [values[to], values[i]];
            render({ index: to, text });
          });
          return b;
        };
        const remove = button('Xóa', 'secondary');
        remove.setAttribute('aria-label', `Xóa ${lower(name)}`);
        remove.addEventListener('click', () => {
          values = current();
          values.splice(i, 1);
          render({ index: Math.min(i, values.length - 1), text: 'Xóa' });
        });
        controls.append(move('Lên', i - 1, i === 0), move('Xuống', i + 1, i === values.length - 1), remove);
        li.append(editor.element, controls);
        editor.li = li;
        return editor;
      });
      items.replaceChildren(...editors.map((e) => e.li));
      if (!focus) return;
      const target = editors[focus.index];
      if (!target) return add.focus();
      const again = [...target.li.querySelectorAll('.item-controls button')].find((b) => b.textContent === focus.text && !b.disabled);
      (again || target.li.querySelector('input, textarea, select') || add).focus();
    };
    const add = button(`Thêm ${lower(description.itemLabel)}`, 'secondary');
    add.addEventListener('click', () => {
      values = [...current(), undefined];
      render();
      editors.at(-1).li.querySelector('input, textarea, select')?.focus();
    });
    render();
    box.append(items, add);
    this.place(at.path, box, box);
    return {
      element: box,
      value: () => {
        const now = current();
        return now.length === 0 && !present && !description.required ? undefined : now;
      },
    };
  }

  /** One of several shapes: a select of the shapes, and the chosen shape's fields (what was typed in each is kept). */
  choice(description, value, at, label) {
    const box = this.group(label, description.hint);
    const id = nextId('choice');
    const selectLabel = el('label', 'Dạng');
    selectLabel.htmlFor = id;
    const select = el('select');
    select.id = id;
    const none = description.required ? [] : [{ label: '(không ghi)', field: null }];
    const options = [...none, ...description.options];
    options.forEach((o, i) => {
      const option = el('option', o.label);
      option.value = String(i);
      select.append(option);
    });
    let chosen = value === undefined && !description.required ? 0 : Math.max(0, options.findIndex((o) => o.field && fits(o.field, value)));
    select.value = String(chosen);
    const holder = el('div');
    const kept = new Map([[chosen, value]]);
    let editor = null;
    const show = (index) => {
      chosen = index;
      const option = options[index];
      if (!option.field) editor = null;
      else if (option.field.type === 'object') editor = this.object(option.field, kept.get(index), at, label, true);
      else editor = this.field(option.field, kept.get(index), { path: at.path, label: option.label });
      holder.replaceChildren(...(editor ? [editor.element] : []));
    };
    select.addEventListener('change', () => {
      const before = editor ? editor.value() : undefined;
      if (editor) kept.set(chosen, before);
      const next = Number(select.value);
      // Fields both shapes have (a fact's check) carry over: filling in an unknown fee keeps its check.
      const fields = options[next].field?.fields;
      if (!kept.has(next) && fields && before && typeof before === 'object') {
        kept.set(next, Object.fromEntries(Object.entries(before).filter(([k]) => fields.some((f) => f.name === k && f.type !== 'constant'))));
      }
      show(next);
    });
    show(chosen);
    box.append(selectLabel, select, holder);
    this.place(at.path, box, box);
    return { element: box, value: () => (editor ? editor.value() : undefined) };
  }

  checkbox(description, value, at, label) {
    const wrap = el('div', undefined, 'field field--check');
    const input = el('input');
    input.type = 'checkbox';
    input.id = nextId('check');
    input.checked = value === true;
    const text = el('label', label);
    text.htmlFor = input.id;
    wrap.append(input, text);
    this.describe(input, wrap, description.hint);
    this.place(at.path, wrap, input);
    return { element: wrap, value: () => input.checked };
  }

  /** A text box (or text area, date, URL, number, select) with its label, hint and place for a message. */
  input(description, value, at, label) {
    const wrap = el('div', undefined, 'field');
    const id = nextId('field');
    const text = el('label', description.required ? label : `${label} (không bắt buộc)`);
    text.htmlFor = id;
    let control;
    const shown = value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value, null, 2) : String(value);
    if (description.type === 'select') {
      control = el('select');
      for (const option of [...(description.required ? [] : ['']), ...description.options]) {
        const o = el('option', option || '(không chọn)');
        o.value = option;
        control.append(o);
      }
    } else if (description.type === 'json' || (description.type === 'text' && (description.multiline || shown.length > LONG_TEXT || shown.includes('\n')))) {
      control = el('textarea');
      control.rows = Math.min(12, Math.max(description.type === 'json' ? 4 : 2, Math.ceil(shown.length / 70) + 1));
    } else {
      control = el('input');
      control.type = description.type === 'number' ? 'number' : description.format === 'date' ? 'date' : description.format === 'url' ? 'url' : 'text';
      if (description.type === 'number') {
        control.step = description.integer ? '1' : 'any';
        if (description.minimum !== undefined) control.min = String(description.minimum);
        if (description.maximum !== undefined) control.max = String(description.maximum);
        control.inputMode = 'decimal';
      }
      if (description.suggest && this.suggestions[description.suggest]) control.setAttribute('list', this.datalist(description.suggest));
      control.autocomplete = 'off';
    }
    control.id = id;
    control.value = shown;
    if (description.maxLength) control.maxLength = description.maxLength;
    if (description.required) control.setAttribute('aria-required', 'true');
    wrap.append(text, control);
    this.describe(control, wrap, description.hint);
    this.place(at.path, wrap, control);
    return {
      element: wrap,
      value: () => {
        const raw = control.value;
        if (raw === '') return description.required && description.type !== 'number' ? '' : undefined;
        if (description.type === 'number') return Number.isFinite(Number(raw)) ? Number(raw) : raw;
        if (description.type === 'json') return parseJson(raw);
        return raw;
      },
    };
  }

  /** A fieldset with its legend and hint. */
  group(label, hint) {
    const box = el('fieldset', undefined, 'group');
    box.append(el('legend', label));
    if (hint) box.append(el('p', hint, 'hint'));
    return box;
  }

  describe(control, wrap, hint) {
    if (!hint) return;
    const p = el('p', hint, 'hint');
    p.id = nextId('hint');
    wrap.append(p);
    control.setAttribute('aria-describedby', p.id);
  }

  /** Remembers where the problems of a path are shown: in `box`, tied to `control`. */
  place(path, box, control) {
    this.places.push({ path, box, control });
  }

  datalist(kind) {
    if (!this.listIds[kind]) {
      const list = el('datalist');
      list.id = nextId(`suggest-${kind}`);
      for (const id of this.suggestions[kind]) {
        const option = el('option');
        option.value = id;
        list.append(option);
      }
      this.datalists.append(list);
      this.listIds[kind] = list.id;
    }
    return this.listIds[kind];
  }

  clearProblems() {
    for (const message of this.element.querySelectorAll('.field-error')) message.remove();
    for (const { control } of this.places) {
      control.removeAttribute('aria-invalid');
      const described = (control.getAttribute('aria-describedby') || '').split(' ').filter((id) => id && !id.startsWith('ff-error-'));
      if (described.length > 0) control.setAttribute('aria-describedby', described.join(' '));
      else control.removeAttribute('aria-describedby');
    }
  }

  /** Shows each problem at its field (or the nearest group holding it); returns the first control to focus. */
  showProblems(problems) {
    this.clearProblems();
    const shown = this.places.filter((p) => p.box.isConnected).map((p) => ({ ...p, key: p.path().join('.') }));
    let first = null;
    for (const problem of problems) {
      let steps = problem.field ? problem.field.split('.') : [];
      let place = shown.find((p) => p.key === steps.join('.'));
      while (!place && steps.length > 0) {
        steps = steps.slice(0, -1);
        place = shown.find((p) => p.key === steps.join('.'));
      }
      if (!place) continue;
      const message = el('p', problem.message, 'field-error');
      message.id = nextId('error');
      const isInput = place.control !== place.box;
      if (place.box.tagName === 'FIELDSET') place.box.querySelector(':scope > legend').after(message);
      else if (isInput) place.box.append(message);
      else place.box.prepend(message);
      if (isInput) place.control.setAttribute('aria-invalid', 'true');
      const described = (place.control.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
      place.control.setAttribute('aria-describedby', [...described, message.id].join(' '));
      for (let fold = place.box.closest('details'); fold; fold = fold.parentElement.closest('details')) fold.open = true;
      first = first || place.control;
    }
    return first;
  }
}

/** Whether a value has the shape of an alternative: an object with its required fields and none it lacks. */
function fits(description, value) {
  if (description.type !== 'object') return typeof value !== 'object' || value === null;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const names = new Set(description.fields.map((f) => f.name));
  return description.fields.every((f) => !f.required || f.name in value) && Object.keys(value).every((k) => names.has(k));
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const lower = (text) => text.charAt(0).toLowerCase() + text.slice(1);
