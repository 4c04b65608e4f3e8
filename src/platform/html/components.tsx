// Shared building blocks: every later page uses these instead of writing its own markup.
import type { ComponentChildren, JSX } from 'preact';
import { markdownToHtml } from './markdown.js';
import type { Locale } from '../i18n/index.js';

/** Organizer-written Markdown, rendered safely (see markdown.ts). */
export function Markdown({ source, lang, class: className }: { source: string; lang?: Locale | undefined; class?: string }) {
  return <div class={['prose', className].filter(Boolean).join(' ')} lang={lang} dangerouslySetInnerHTML={{ __html: markdownToHtml(source) }} />;
}

export function Notice({ kind = 'info', children, role }: { kind?: 'info' | 'success' | 'warning' | 'error'; children: ComponentChildren; role?: 'status' | 'alert' }) {
  return <div class={`notice notice--${kind}`} role={role}>{children}</div>;
}

export function Badge({ kind = 'neutral', children }: { kind?: 'neutral' | 'open' | 'closed' | 'warning'; children: ComponentChildren }) {
  return <span class={`badge badge--${kind}`}>{children}</span>;
}

export function Button({ children, kind = 'primary', type = 'submit', name, value }: { children: ComponentChildren; kind?: 'primary' | 'secondary'; type?: 'submit' | 'button'; name?: string; value?: string }) {
  return <button class={`button button--${kind}`} type={type} name={name} value={value}>{children}</button>;
}

export function ButtonLink({ href, children, kind = 'primary', download }: { href: string; children: ComponentChildren; kind?: 'primary' | 'secondary'; download?: boolean }) {
  return <a class={`button button--${kind}`} href={href} download={download}>{children}</a>;
}

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

/** Errors keyed by field name; the message is in the user's language. */
export type FieldErrors = Record<string, string | undefined>;

/**
 * A list of all errors at the top of a form, each linking to its field (WCAG 3.3.1). The errors
 * are listed in the order of `labels`, which is the order of the fields in the form, so the
 * summary reads like the form does (WCAG 1.3.2); errors without a label come last.
 */
export function ErrorSummary({ errors, title, labels }: { errors: FieldErrors; title: string; labels: Record<string, string> }) {
  const order = Object.keys(labels);
  const rank = (field: string) => (order.includes(field) ? order.indexOf(field) : order.length);
  const entries = Object.entries(errors).filter((e): e is [string, string] => Boolean(e[1])).sort((a, b) => rank(a[0]) - rank(b[0]));
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1}>
      <h2 class="error-summary__title">{title}</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li><a href={`#field-${field}`}>{withColon(labels[field] ?? field)} {message}</a></li>
        ))}
      </ul>
    </div>
  );
}

/** "Name:", but a label that is a question keeps its own mark: "Kommt ihr?" rather than "Kommt ihr?:". */
function withColon(label: string): string {
  return /[?!:.]$/.test(label) ? label : `${label}:`;
}

interface FieldProps {
  name: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  required?: boolean;
  children?: never;
}

function describedBy(name: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `hint-${name}` : '', error ? `error-${name}` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function FieldFrame({ name, label, hint, error, required, control }: FieldProps & { control: JSX.Element }) {
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <label class="field__label" for={`field-${name}`}>
        {label}
        {required ? <span class="field__required" aria-hidden="true"> *</span> : null}
      </label>
      {hint ? <p class="field__hint" id={`hint-${name}`}>{hint}</p> : null}
      {error ? <p class="field__error" id={`error-${name}`}>{error}</p> : null}
      {control}
    </div>
  );
}

export function TextField(props: FieldProps & { value?: string | undefined; type?: 'text' | 'email' | 'url' | 'password' | 'date' | 'time' | 'datetime-local'; autocomplete?: string; maxLength?: number; list?: string; spellcheck?: boolean }) {
  const { name, hint, error, required, value, type = 'text', autocomplete, maxLength, list, spellcheck } = props;
  return (
    <FieldFrame
      {...props}
      control={
        <input
          class="field__input" id={`field-${name}`} name={name} type={type} value={value ?? ''}
          required={required} aria-required={required ? 'true' : undefined} aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy(name, hint, error)} autoComplete={autocomplete} maxLength={maxLength}
          list={list} spellcheck={spellcheck}
        />
      }
    />
  );
}

export function TextArea(props: FieldProps & { value?: string | undefined; rows?: number; maxLength?: number }) {
  const { name, hint, error, required, value, rows = 8, maxLength } = props;
  return (
    <FieldFrame
      {...props}
      control={
        <textarea
          class="field__input field__input--textarea" id={`field-${name}`} name={name} rows={rows}
          required={required} aria-required={required ? 'true' : undefined} aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy(name, hint, error)} maxLength={maxLength}
          value={value ?? ''}
        />
      }
    />
  );
}

export function DataTable({ caption, head, children }: { caption: string; head: string[]; children: ComponentChildren }) {
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table class="data-table">
        <caption>{caption}</caption>
        <thead><tr>{head.map((h) => <th scope="col">{h}</th>)}</tr></thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** A group of radio buttons or checkboxes in a fieldset whose legend is the question (WCAG 1.3.1). */
export function ChoiceGroup(props: {
  name: string;
  legend: string;
  type: 'radio' | 'checkbox';
  options: Array<{ value: string; label: string }>;
  selected: string[];
  hint?: string | undefined;
  error?: string | undefined;
  required?: boolean;
  inline?: boolean;
}) {
  const { name, legend, type, options, selected, hint, error, required, inline } = props;
  return (
    <fieldset
      class={`field fieldset${error ? ' field--error' : ''}${inline ? ' fieldset--inline' : ''}`}
      id={`field-${name}`} tabIndex={-1}
      aria-describedby={describedBy(name, hint, error)}
    >
      <legend class="field__label">
        {legend}
        {required ? <span class="field__required" aria-hidden="true"> *</span> : null}
      </legend>
      {hint ? <p class="field__hint" id={`hint-${name}`}>{hint}</p> : null}
      {error ? <p class="field__error" id={`error-${name}`}>{error}</p> : null}
      <div class="choices">
        {options.map((option, index) => (
          <div class="choice">
            <input
              class="choice__input" type={type} id={`${name}-${index}`} name={name} value={option.value}
              checked={selected.includes(option.value)} aria-invalid={error ? 'true' : undefined}
            />
            <label class="choice__label" for={`${name}-${index}`}>{option.label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

export function SelectField(props: FieldProps & { value: string; options: Array<{ value: string; label: string }> }) {
  const { name, hint, error, required, value, options } = props;
  return (
    <FieldFrame
      {...props}
      control={
        <select
          class="field__input field__input--select" id={`field-${name}`} name={name}
          required={required} aria-required={required ? 'true' : undefined} aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy(name, hint, error)}
        >
          {options.map((o) => <option value={o.value} selected={o.value === value}>{o.label}</option>)}
        </select>
      }
    />
  );
}

/** A list box where several options may be chosen (submitted as a repeated field). */
export function MultiSelectField(props: FieldProps & { values: string[]; options: Array<{ value: string; label: string }>; size?: number }) {
  const { name, hint, error, required, values, options, size = 8 } = props;
  return (
    <FieldFrame
      {...props}
      control={
        <select
          class="field__input field__input--select" id={`field-${name}`} name={name} multiple size={Math.min(size, Math.max(options.length, 2))}
          required={required} aria-required={required ? 'true' : undefined} aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy(name, hint, error)}
        >
          {options.map((o) => <option value={o.value} selected={values.includes(o.value)}>{o.label}</option>)}
        </select>
      }
    />
  );
}

/** A single checkbox whose label is the statement being agreed to. */
export function CheckboxField({ name, label, checked, error, required, children }: { name: string; label: string; checked: boolean; error?: string | undefined; required?: boolean; children?: ComponentChildren }) {
  return (
    <div class={`field choice choice--single${error ? ' field--error' : ''}`}>
      {error ? <p class="field__error" id={`error-${name}`}>{error}</p> : null}
      <input
        class="choice__input" type="checkbox" id={`field-${name}`} name={name} value="yes" checked={checked}
        required={required} aria-required={required ? 'true' : undefined} aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `error-${name}` : undefined}
      />
      <label class="choice__label" for={`field-${name}`}>
        {label}
        {required ? <span class="field__required" aria-hidden="true"> *</span> : null}
      </label>
      {children}
    </div>
  );
}

/** Previous/next links of a paged list; nothing when everything fits on one page. */
export function Pagination({ page, pages, href, labels }: { page: number; pages: number; href: (page: number) => string; labels: { pageOf: (page: number, pages: number) => string; previous: string; next: string } }) {
  if (pages <= 1) return null;
  return (
    <nav class="pagination" aria-label={labels.pageOf(page, pages)}>
      {page > 1 ? <a href={href(page - 1)} rel="prev">{labels.previous}</a> : null}
      <span>{labels.pageOf(page, pages)}</span>
      {page < pages ? <a href={href(page + 1)} rel="next">{labels.next}</a> : null}
    </nav>
  );
}
