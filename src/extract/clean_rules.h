/*
 * clean_rules.h - the rules that judge one paragraph on its own: chrome
 * phrases (navigation, font-size pickers, "read also", comment headers,
 * share and subscribe footers, ad markers, bare URLs) and the markers cut
 * out of a paragraph that otherwise stays.
 */
#ifndef KH_EXTRACT_CLEAN_RULES_H
#define KH_EXTRACT_CLEAN_RULES_H

#include <stddef.h>

#include "extract/clean.h"
#include "extract/clean_text.h"

/* What a chrome paragraph starts, besides being dropped itself. */
typedef enum clean_mark {
    CLEAN_MARK_NONE = 0,
    CLEAN_MARK_READ_HEADER, /* a standalone "read also": a related block  */
    CLEAN_MARK_COMMENTS,    /* a comment header or disclaimer             */
    CLEAN_MARK_FOOTER       /* a share/subscribe/contact footer line      */
} clean_mark;

/* clean_rule_line: the reason a paragraph is chrome on its own, or NULL;
 * *mark says what it opens. */
const char *clean_rule_line(const char *text, const clean_facts *f,
                            kh_para_kind kind, clean_mark *mark);

/* clean_footer_continues: 1 when a line after a footer line still belongs
 * to the footer (links, numbers, handles, contact words, short labels). */
int clean_footer_continues(const char *text, const clean_facts *f);

/* clean_is_url_line: the whole line is URLs, e-mail addresses or handles,
 * possibly after a short label ("الرابط:", "تويتر:"). */
int clean_is_url_line(const char *text, const clean_facts *f);

/*
 * clean_opens_report: the paragraph reads like the first sentence of a
 * news report (its first word is not a connective such as و.../ف...,
 * كما, في غضون ذلك, من جهته).  Continuation paragraphs of an article almost
 * always open with a connective; the leads of other stories in a feed or a
 * related block do not.
 */
int clean_opens_report(const clean_facts *f);

/* clean_headline_like: short, and not ending like a sentence (a headline,
 * a category label, a subheading). */
int clean_headline_like(const clean_facts *f, kh_para_kind kind);

/* clean_prefix_cut: bytes at the start of text that are chrome glued to a
 * paragraph ("Next Previous", a share bar "شارك من خلال تويتر فيسبوك ..."),
 * with *why set; 0 when none. */
size_t clean_prefix_cut(const char *text, const clean_facts *f,
                        const char **why);

/* clean_tags_suffix: where a tag list glued to the end of a paragraph
 * starts (" سمات تبوك جامعة ...", " Tags: ..."), or 0 when there is none. */
size_t clean_tags_suffix(const char *text, const clean_facts *f);

/* clean_text_after_words: byte offset in text just after its first
 * `words` key words and the separators (spaces, ":", dashes) after them. */
size_t clean_text_after_words(const char *text, size_t len, size_t words);

/* clean_find_ad_marker: the next ad marker ("[ads3]", "[ad]") at or after
 * `from`: its start in *at and length returned; 0 when there is none. */
size_t clean_find_ad_marker(const char *text, size_t len, size_t from,
                            size_t *at);

/* The phrase tables, NULL-terminated, for the test that checks each entry
 * is written in folded (key) form. */
extern const char *const *const clean_phrase_tables[];

#endif
