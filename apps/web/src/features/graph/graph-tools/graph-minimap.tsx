import { useEffect, useRef, type MouseEvent, type RefObject } from 'react';
import type { Core } from 'cytoscape';

const W = 180;
const H = 120;

/**
 * An overview of a large graph in the canvas's corner: every node as a dot, the visible part as a
 * rectangle; a click centres the view there. Mouse only and a convenience: keyboard and screen
 * reader users have the table view.
 */
export function GraphMinimap({ cy }: { cy: RefObject<Core | null> }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const transform = useRef({ scale: 1, x0: 0, y0: 0 });

  useEffect(() => {
    // The canvas's cytoscape is created by the parent's effect, after this one: attach when it exists.
    let c: Core | null = null;
    let frame = 0;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const draw = () => {
      frame = 0;
      const ctx = canvas.current?.getContext('2d');
      if (!ctx || !c) return;
      const bb = c.elements().boundingBox();
      if (!(bb.w > 0 && bb.h > 0)) return;
      const scale = Math.min(W / bb.w, H / bb.h) * 0.92;
      const x0 = bb.x1 - (W / scale - bb.w) / 2;
      const y0 = bb.y1 - (H / scale - bb.h) / 2;
      transform.current = { scale, x0, y0 };
      ctx.clearRect(0, 0, W, H);
      ctx.fillStyle = '#6a6e73';
      c.nodes().forEach((n) => {
        if (n.isParent()) return;
        const p = n.position();
        ctx.fillRect((p.x - x0) * scale - 1, (p.y - y0) * scale - 1, 2, 2);
      });
      const e = c.extent();
      ctx.strokeStyle = '#0066cc';
      ctx.lineWidth = 1.5;
      ctx.strokeRect((e.x1 - x0) * scale, (e.y1 - y0) * scale, e.w * scale, e.h * scale);
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(draw);
    };
    const attach = () => {
      c = cy.current;
      if (!c) {
        retry = setTimeout(attach, 100);
        return;
      }
      c.on('viewport add remove position layoutstop', schedule);
      schedule();
    };
    attach();
    return () => {
      if (retry) clearTimeout(retry);
      c?.off('viewport add remove position layoutstop', schedule);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [cy]);

  const handleClick = (e: MouseEvent<HTMLCanvasElement>) => {
    const c = cy.current;
    if (!c) return;
    const r = e.currentTarget.getBoundingClientRect();
    const { scale, x0, y0 } = transform.current;
    const x = (e.clientX - r.left) / scale + x0;
    const y = (e.clientY - r.top) / scale + y0;
    const zoom = c.zoom();
    c.pan({ x: c.width() / 2 - x * zoom, y: c.height() / 2 - y * zoom });
  };

  return (
    <canvas
      ref={canvas}
      width={W}
      height={H}
      className="sluice-graph-minimap"
      role="img"
      aria-label="Minimap of the whole graph: the rectangle is the part in view; click to move there"
      data-testid="graph-minimap"
      onClick={handleClick}
    />
  );
}
