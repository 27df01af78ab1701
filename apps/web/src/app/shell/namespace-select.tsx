import { useState } from 'react';
import { Badge, MenuToggle, Select, SelectList, SelectOption, type MenuToggleElement } from '@patternfly/react-core';

interface Props {
  available: string[];
  selected: string[];
  onChange: (namespaces: string[]) => void;
}

/** Multi-select of namespaces; the choice lives in the URL so every link carries it. */
export function NamespaceSelect({ available, selected, onChange }: Props) {
  const [open, setOpen] = useState(false);
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
          aria-label="Namespaces"
          data-testid="namespace-select"
          style={{ minWidth: 200 }}
        >
          {selected.length === 0 ? 'Select namespaces' : selected.length <= 2 ? selected.join(', ') : 'Namespaces'}
          {selected.length > 2 && (
            <Badge isRead style={{ marginLeft: 8 }}>
              {selected.length}
            </Badge>
          )}
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
