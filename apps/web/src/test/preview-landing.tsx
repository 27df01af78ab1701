import type { ReactElement } from 'react';
import { Route, Routes, useLocation } from 'react-router-dom';
import { decodePreview, type PreviewState } from '@/lib/graph-preview-link';

/** Where "Preview on graph" lands in a component test: the graph route, showing the decoded preview state. */
function GraphLanding() {
  const { search } = useLocation();
  const state = decodePreview(new URLSearchParams(search).get('preview') ?? '');
  return <pre data-testid="preview-landing">{JSON.stringify(state)}</pre>;
}

/** A form on `/form`, with the graph route next to it. */
export function withPreviewLanding(form: ReactElement): ReactElement {
  return (
    <Routes>
      <Route path="/form" element={form} />
      <Route path="/graph" element={<GraphLanding />} />
    </Routes>
  );
}

/** The preview state the landing page decoded. */
export function landedPreview(el: HTMLElement): PreviewState {
  return JSON.parse(el.textContent ?? 'null') as PreviewState;
}
