/**
 * What jsdom lacks and the components need to mount: `matchMedia` (Mantine's color scheme),
 * `ResizeObserver` (Mantine's ScrollArea), layout rectangles of text ranges (CodeMirror measures
 * them) and pointer events with capture (the grid's column resize). Environment shims for component tests
 * only: no layout happens in jsdom, so they report empty boxes and nothing ever resizes.
 */

type Shimmed = typeof globalThis & { ResizeObserver?: unknown };

if (typeof window !== 'undefined') {
  if (!window.matchMedia) {
    window.matchMedia = (query: string): MediaQueryList =>
      ({
        matches: false,
        media: query,
        onchange: null,
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
        addListener: () => undefined,
        removeListener: () => undefined,
        dispatchEvent: () => false,
      }) as MediaQueryList;
  }
  const global = globalThis as Shimmed;
  if (!global.ResizeObserver) {
    global.ResizeObserver = class {
      observe(): void {}
      unobserve(): void {}
      disconnect(): void {}
    };
  }
  const emptyRects = (): DOMRectList => {
    const list: DOMRect[] = [];
    const rects: unknown = Object.assign(list, { item: (i: number) => list[i] ?? null });
    return rects as DOMRectList;
  };
  if (!Range.prototype.getClientRects) Range.prototype.getClientRects = emptyRects;
  if (!Range.prototype.getBoundingClientRect) {
    Range.prototype.getBoundingClientRect = () => new DOMRect(0, 0, 0, 0);
  }
  if (!Element.prototype.setPointerCapture) {
    const captured = new WeakMap<Element, Set<number>>();
    Element.prototype.setPointerCapture = function (this: Element, id: number) {
      const set = captured.get(this) ?? new Set<number>();
      set.add(id);
      captured.set(this, set);
    };
    Element.prototype.releasePointerCapture = function (this: Element, id: number) {
      captured.get(this)?.delete(id);
    };
    Element.prototype.hasPointerCapture = function (this: Element, id: number) {
      return captured.get(this)?.has(id) ?? false;
    };
  }
  if (!(global as { PointerEvent?: unknown }).PointerEvent) {
    // React reads pointerId, clientX and button off pointer events; jsdom has MouseEvent only.
    class PointerEventShim extends MouseEvent {
      readonly pointerId: number;
      readonly pointerType: string;
      constructor(type: string, init: PointerEventInit = {}) {
        super(type, init);
        this.pointerId = init.pointerId ?? 1;
        this.pointerType = init.pointerType ?? 'mouse';
      }
    }
    (global as { PointerEvent?: unknown }).PointerEvent = PointerEventShim;
  }
  if (!Element.prototype.scrollIntoView) Element.prototype.scrollIntoView = () => undefined;
}
