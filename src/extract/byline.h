/*
 * byline.h - telling bylines ("نايف عبدالله – عين اليوم", "الرياض: فلان")
 * from datelines ("موسكو-سانا", SPA's "الرياض 06 شوال 1436 هـ الموافق ...
 * واس").  Bylines leave the body for kh_article.author; datelines are part
 * of the report and stay (and are never taken for recurring chrome).
 */
#ifndef KH_EXTRACT_BYLINE_H
#define KH_EXTRACT_BYLINE_H

#include <stddef.h>

#include "extract/clean_text.h"

/* byline_is_dateline: a place (and date) with a news agency, or SPA's
 * dated opening line. */
int byline_is_dateline(const char *text, const clean_facts *f);

/* byline_is_byline: a short line naming a writer or a desk, as found at the
 * head of an article: "A – B", "City: Name", "بقلم فلان", "متابعات".  Not
 * a dateline.  Callers only ask about lines before the body starts. */
int byline_is_byline(const char *text, const clean_facts *f);

/* byline_name_shaped: two to four Arabic words and nothing else, the shape
 * of a writer's name on a line of its own ("ناصر الجديع").  Alone this
 * proves nothing; with the chrome model saying the line recurs across the
 * outlet, at the head or the foot of an article, it is a byline. */
int byline_name_shaped(const char *text, const clean_facts *f);

/* byline_author_key: the key of a known author when it is usable for
 * matching (1 to 8 words), else NULL; malloc'd. */
char *byline_author_key(const char *author);

/* byline_author_prefix: when text opens with the author's words followed
 * by ':' or a dash ("سبق- الرياض: أكملت ..."), the bytes to cut; else 0.
 * Needs at least two author words, so a one-word place cannot match. */
size_t byline_author_prefix(const char *text, const clean_facts *f,
                            const char *author_key);

/* byline_glued_prefix: when the text opens with a byline that ends with a
 * colon within its first eight words ("بدر الروقي- سبق- عنيزة: اتفقت
 * ..."), the bytes to cut; else 0.  A dateline there stays. */
size_t byline_glued_prefix(const char *text);

/* The phrase tables, for the test that checks they are in key form. */
extern const char *const *const byline_phrase_tables[];

#endif
