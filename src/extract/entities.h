/*
 * entities.h - decoding HTML character references left in scraped text.
 */
#ifndef KH_EXTRACT_ENTITIES_H
#define KH_EXTRACT_ENTITIES_H

/* kh_entities_decode: s with its complete references (&amp; &#8220;
 * &#x201D;) replaced by their characters, malloc'd; NULL when s holds none
 * (the caller keeps s).  Incomplete or invalid references stay as written. */
char *kh_entities_decode(const char *s);

/* kh_entities_replace: decode *s in place (freeing the old string) when it
 * holds references.  Scraped titles and paragraphs keep references a page
 * would have shown as characters; they are decoded before any rule sees
 * them. */
void kh_entities_replace(char **s);

#endif
