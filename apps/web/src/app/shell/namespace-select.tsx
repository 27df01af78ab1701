import { useState } from 'react';
import { MenuToggle, Select, SelectList, SelectOption, type MenuToggleElement } from '@patternfly/react-core';

interface Props {
  available: string[];
  selected: string[];
  onChange: (namespaces: string[]) => void;
}

/** Multi-select of namespaces; the choice lives in the URL so every link carries it. */
export function NamespaceSelect({ available, selected, onChange }: Props) {
  const [open, setOpen] = useState(false);
  // The accessible name starts with the visible text (axe label-content-name-mismatch): speech users
  // say what they see, screen readers also hear which namespaces.
  const visible =
    selected.length === 0
      ? 'Select namespaces'
      : selected.length <= 2
        ? selected.join(', ')
        : `${selected.length} namespaces`;
  const name = selected.length === 0 ? visible : `${visible}: namespaces shown (${selected.join(', ')})`;
  const toggle = (ns: string) =>
    onChange(selected.includes(ns) ? selected.filter((n) => n !== ns) : [...selected, ns].sort());
  return (
    <Select
      role="menu"
      isOpen={open}
      selected={selected}
      onSelect={(_e, value) => typeof value === 'string' && toggle(value)}
      onOpenChange={setOpen}
      toggle={(ref: React.Ref<MenuToggleElement>) => (
        <MenuToggle
          ref={ref}
          onClick={() => setOpen((o) => !o)}
          isExpanded={open}
          aria-label={name}
          data-testid="namespace-select"
          style={{ minWidth: 200 }}
        >
          {visible}
        </MenuToggle>
      )}
    >
      <SelectList aria-label="Namespaces">
        {available.map((ns) => (
          <SelectOption
            key={ns}
            value={ns}
            hasCheckbox
            isSelected={selected.includes(ns)}
            data-testid={`namespace-option-${ns}`}
          >
            {ns}
          </SelectOption>
        ))}
      </SelectList>
    </Select>
  );
}
