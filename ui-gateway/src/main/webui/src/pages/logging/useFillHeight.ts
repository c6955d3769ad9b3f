import { useEffect, useState, type RefObject } from 'react';

/**
 * The height that makes an element end at the bottom of the window (at least {@code min} pixels):
 * the log's table and its details scroll inside it instead of the page, so the details stay in view
 * next to whichever row they belong to. Follows window resizes and changes of the element above.
 */
export function useFillHeight(above: RefObject<HTMLElement | null>, min = 420, gap = 24): number {
  const [height, setHeight] = useState(min);
  useEffect(() => {
    const measure = () => {
      const el = above.current;
      if (!el) return;
      const bottom = el.getBoundingClientRect().bottom;
      setHeight(Math.max(min, Math.floor(window.innerHeight - bottom - gap)));
    };
    measure();
    window.addEventListener('resize', measure);
    const observer = typeof ResizeObserver !== 'undefined' && above.current ? new ResizeObserver(measure) : undefined;
    if (observer && above.current) observer.observe(above.current);
    return () => {
      window.removeEventListener('resize', measure);
      observer?.disconnect();
    };
  }, [above, min, gap]);
  return height;
}
