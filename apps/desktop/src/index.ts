/**
 * @facet/desktop: the Electron app, its web mode and the browser app. Filled in by the [store] and
 * [app] issues; see ../shared/ARCHITECTURE.md for its folders (shared, host, main, preload, renderer, web).
 */
export const DESKTOP_PACKAGE = '@facet/desktop';
