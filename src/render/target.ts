/** What a rendering is for: the web page, the print document, or an EPUB chapter. */
export type Target = 'page' | 'print' | 'epub'
