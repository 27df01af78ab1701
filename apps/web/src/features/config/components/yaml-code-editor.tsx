import { useEffect, useRef } from 'react';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import { defaultHighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView, highlightActiveLine, keymap, lineNumbers } from '@codemirror/view';
import { cspNonce } from '@/lib/csp-nonce';
import type { PositionedFinding } from '../utils/yaml-positions';

export interface YamlCodeEditorProps {
  value: string;
  onChange: (text: string) => void;
  /** Marked inline and in the lint gutter, at their lines. */
  findings: readonly PositionedFinding[];
  ariaLabel: string;
  describedBy?: string;
}

const SEVERITY = { error: 'error', warning: 'warning', info: 'info' } as const;

const toDiagnostics = (findings: readonly PositionedFinding[], length: number): Diagnostic[] =>
  findings.map((f) => ({
    from: Math.min(f.from, length),
    to: Math.min(f.to, length),
    severity: SEVERITY[f.severity],
    source: f.code,
    message: `${f.path}: ${f.message}`,
  }));

/**
 * CodeMirror 6 with YAML highlighting and a lint gutter, as a controlled input: the text lives in the
 * form (useEditBase), the editor reports every change and takes the text back when it changes from
 * outside (revert, reload after a conflict). Loaded on demand (React.lazy), so the editor's ~100 KB
 * never weighs on the first page load (decision 66).
 */
export default function YamlCodeEditor({ value, onChange, findings, ariaLabel, describedBy }: YamlCodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latestChange = useRef(onChange);
  useEffect(() => {
    latestChange.current = onChange;
  });

  useEffect(() => {
    if (!host.current) return;
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(),
          history(),
          indentOnInput(),
          highlightActiveLine(),
          yaml(),
          syntaxHighlighting(defaultHighlightStyle),
          lintGutter(),
          keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
          // The editor's theme is a <style> element; the page's CSP admits it by this nonce (decision 61).
          EditorView.cspNonce.of(cspNonce() ?? ''),
          EditorView.contentAttributes.of({
            'aria-label': ariaLabel,
            id: 'yaml-text',
            'data-testid': 'yaml-input',
            ...(describedBy ? { 'aria-describedby': describedBy } : {}),
          }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) latestChange.current(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // The editor is created once; value and findings flow in through the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    const current = editor.state.doc.toString();
    if (current !== value) editor.dispatch({ changes: { from: 0, to: current.length, insert: value } });
  }, [value]);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    editor.dispatch(setDiagnostics(editor.state, toDiagnostics(findings, editor.state.doc.length)));
  }, [findings, value]);

  return <div ref={host} className="sluice-code-editor" data-testid="yaml-code-editor" />;
}
