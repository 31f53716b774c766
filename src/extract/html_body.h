/*
 * html_body.h - finding the article's body among a page's text blocks.
 */
#ifndef KH_HTML_BODY_H
#define KH_HTML_BODY_H

#include "extract/html_page.h"

/* What the metadata already knows, used as evidence by the body scorer. */
typedef struct kh_hbody_hints {
    const char *ld_body; /* JSON-LD articleBody (collapsed), or NULL      */
} kh_hbody_hints;

/*
 * kh_hbody_select: score every block of pg, choose the article's container
 * and set each block's `keep` (and `reason` when dropped).  Returns the
 * container's node index (0 when the page has no text).
 */
uint32_t kh_hbody_select(kh_hpage *pg, const kh_hbody_hints *hints);

#endif
