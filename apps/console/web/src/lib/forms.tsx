import { useState, type FormEvent, type ReactNode } from 'react';

/** A named form (role "form", found by its name) that runs one command. */
export function CommandForm({ name, onSubmit, children }: { name: string; onSubmit: () => void; children: ReactNode }) {
  return (
    <form
      aria-label={name}
      className="command"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
    </form>
  );
}

export function TextField({ label, value, onChange, multiline, required, type }: { label: string; value: string; onChange: (v: string) => void; multiline?: boolean; required?: boolean; type?: string }) {
  return (
    <label>
      {label}
      {multiline ? (
        <textarea value={value} onChange={(e) => onChange(e.target.value)} rows={3} required={required} />
      ) : (
        <input type={type ?? 'text'} value={value} onChange={(e) => onChange(e.target.value)} required={required} />
      )}
    </label>
  );
}

export function SelectField({ label, value, onChange, options, multiple }: { label: string; value: string | string[]; onChange: (v: string | string[]) => void; options: readonly { value: string; label: string }[]; multiple?: boolean }) {
  return (
    <label>
      {label}
      <select
        value={value}
        multiple={multiple}
        onChange={(e) => onChange(multiple ? [...e.target.selectedOptions].map((o) => o.value) : e.target.value)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function useField(initial = '') {
  return useState(initial);
}
