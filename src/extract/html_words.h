/*
 * html_words.h - the vocabulary behind the extractor's structural signals:
 * words in class/id/role values that mark boilerplate or article text (in
 * English, common European languages and Arabic transliteration), and
 * stopwords of the languages khabar meets, used as a "this is running
 * prose" signal and to guess the language of a page.
 */
#ifndef KH_HTML_WORDS_H
#define KH_HTML_WORDS_H

#include <stddef.h>

/* Why a block was judged boilerplate: names are the kh_removed reasons. */
typedef enum kh_hreason {
    HR_NONE = 0,
    HR_NAVIGATION, HR_HEADER, HR_FOOTER, HR_SIDEBAR, HR_COMMENTS,
    HR_RELATED, HR_SHARE, HR_AD, HR_SUBSCRIBE, HR_BREADCRUMB, HR_COOKIE,
    HR_AUTHOR_BOX, HR_MOST_READ, HR_TICKER, HR_TAGS, HR_META, HR_CAPTION,
    HR_WIDGET, HR_FORM, HR_LINKS, HR_TEASERS, HR_SHORT, HR_TITLE,
    HR_BYLINE, HR_DATE, HR_OUTSIDE, HR_READ_ALSO, HR_REPEATED,
    HR_COUNT
} kh_hreason;

/* kh_hreason_name: the static reason string ("navigation", ...). */
const char *kh_hreason_name(kh_hreason r);

/*
 * A verdict on one class/id/role value: neg > 0 says boilerplate with that
 * strength (1 weak .. 3 certain) and why; pos > 0 says article text (1..3).
 * Both may be set ("post-content" vs "comment-content"); the caller weighs.
 */
typedef struct kh_hint {
    signed char pos, neg;
    unsigned char reason; /* kh_hreason for neg */
} kh_hint;

/* kh_html_attr_hint: the verdict on a class, id or role attribute value
 * (words split at non-letters and camelCase humps, then looked up). */
kh_hint kh_html_attr_hint(const char *value);

/*
 * kh_html_boiler_phrase: the reason when a short line of page text is a
 * stock phrase of page furniture in a European language ("Subscribe now",
 * "Follow us on", "This entry was posted in", "Lesen Sie auch",
 * "Síguenos en"); HR_NONE otherwise.  Arabic text has its own rules
 * (clean.h).
 */
kh_hreason kh_html_boiler_phrase(const char *text, size_t len);

/* Languages with a stopword list. */
typedef enum kh_hlang {
    HL_NONE = 0, HL_AR, HL_EN, HL_DE, HL_FR, HL_ES, HL_IT, HL_PT, HL_NL,
    HL_PL, HL_RU, HL_COUNT
} kh_hlang;

/* kh_hlang_code: "ar", "en", ... (NULL for HL_NONE). */
const char *kh_hlang_code(kh_hlang l);

/*
 * kh_html_stopword: for a word (UTF-8, ASCII letters lowercased by the
 * caller), a bit set of the languages (1 << kh_hlang) it is a stopword of;
 * 0 when it is none.
 */
unsigned kh_html_stopword(const char *w, size_t n);

#endif
