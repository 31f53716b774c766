/*
 * html_words.c - word lists for the HTML extractor: class/id vocabulary of
 * boilerplate and of article text, and stopwords of eleven languages.
 *
 * The lists are our own, made from the words web designers reach for
 * (nav, sidebar, share, related, e3lan = إعلان "ad" in Arabic
 * transliteration...) and the most frequent function words of each
 * language.  They are built once into hash maps (pthread_once).
 */
#include <pthread.h>
#include <string.h>
#include <strings.h>

#include "common/map.h"
#include "extract/html_words.h"
#include "khabar.h"

static const char *const reason_names[HR_COUNT] = {
    [HR_NONE] = "boilerplate",     [HR_NAVIGATION] = "navigation",
    [HR_HEADER] = "header",        [HR_FOOTER] = "footer",
    [HR_SIDEBAR] = "sidebar",      [HR_COMMENTS] = "comments",
    [HR_RELATED] = "related",      [HR_SHARE] = "share",
    [HR_AD] = "ad",                [HR_SUBSCRIBE] = "subscribe",
    [HR_BREADCRUMB] = "breadcrumb", [HR_COOKIE] = "cookie-banner",
    [HR_AUTHOR_BOX] = "author-box", [HR_MOST_READ] = "most-read",
    [HR_TICKER] = "ticker",        [HR_TAGS] = "tags",
    [HR_META] = "meta",            [HR_CAPTION] = "caption",
    [HR_WIDGET] = "widget",        [HR_FORM] = "form",
    [HR_LINKS] = "link-list",      [HR_TEASERS] = "teasers",
    [HR_SHORT] = "short",          [HR_TITLE] = "title",
    [HR_BYLINE] = "byline",        [HR_DATE] = "date",
    [HR_OUTSIDE] = "outside-article", [HR_READ_ALSO] = "read-also",
    [HR_REPEATED] = "repeated",
};

const char *kh_hreason_name(kh_hreason r)
{
    return (r < HR_COUNT && reason_names[r]) ? reason_names[r] : "boilerplate";
}

/* ---- class / id vocabulary --------------------------------------------- */

typedef struct word_hint {
    const char *word;
    signed char pos, neg;
    unsigned char reason;
} word_hint;

/* Whole words.  Strength 3: the element is never article text; 2: it
 * usually is not; 1: a weak lean.  Positive words say "article body". */
static const word_hint exact_words[] = {
    /* navigation and page furniture */
    {"nav", 0, 3, HR_NAVIGATION}, {"navbar", 0, 3, HR_NAVIGATION},
    {"navigation", 0, 3, HR_NAVIGATION}, {"menu", 0, 3, HR_NAVIGATION},
    {"menus", 0, 3, HR_NAVIGATION}, {"submenu", 0, 3, HR_NAVIGATION},
    {"megamenu", 0, 3, HR_NAVIGATION}, {"dropdown", 0, 2, HR_NAVIGATION},
    {"breadcrumb", 0, 3, HR_BREADCRUMB}, {"breadcrumbs", 0, 3, HR_BREADCRUMB},
    {"crumb", 0, 3, HR_BREADCRUMB}, {"crumbs", 0, 3, HR_BREADCRUMB},
    {"pagination", 0, 3, HR_NAVIGATION}, {"pager", 0, 3, HR_NAVIGATION},
    {"paging", 0, 3, HR_NAVIGATION}, {"skip", 0, 2, HR_NAVIGATION},
    {"jump", 0, 1, HR_NAVIGATION}, {"archive", 0, 2, HR_NAVIGATION},
    {"archives", 0, 2, HR_NAVIGATION}, {"categories", 0, 2, HR_NAVIGATION},
    {"languages", 0, 2, HR_NAVIGATION}, {"langs", 0, 2, HR_NAVIGATION},
    {"switcher", 0, 2, HR_NAVIGATION}, {"sitemap", 0, 3, HR_FOOTER},
    {"header", 0, 2, HR_HEADER}, {"masthead", 0, 3, HR_HEADER},
    {"topbar", 0, 2, HR_HEADER}, {"logo", 0, 2, HR_HEADER},
    {"brand", 0, 1, HR_HEADER}, {"footer", 0, 3, HR_FOOTER},
    {"foot", 0, 2, HR_FOOTER}, {"copyright", 0, 3, HR_FOOTER},
    {"disclaimer", 0, 3, HR_FOOTER}, {"legal", 0, 2, HR_FOOTER},
    {"contact", 0, 2, HR_FOOTER}, {"rss", 0, 2, HR_FOOTER},
    {"sidebar", 0, 3, HR_SIDEBAR}, {"side", 0, 2, HR_SIDEBAR},
    {"aside", 0, 2, HR_SIDEBAR}, {"rail", 0, 2, HR_SIDEBAR},
    {"widget", 0, 3, HR_WIDGET}, {"widgets", 0, 3, HR_WIDGET},
    {"modal", 0, 2, HR_WIDGET}, {"popup", 0, 3, HR_WIDGET},
    {"overlay", 0, 2, HR_WIDGET}, {"weather", 0, 3, HR_WIDGET},
    {"prayer", 0, 3, HR_WIDGET}, {"poll", 0, 3, HR_WIDGET},
    {"survey", 0, 3, HR_WIDGET}, {"slider", 0, 2, HR_WIDGET},
    {"carousel", 0, 2, HR_WIDGET}, {"tooltip", 0, 2, HR_WIDGET},
    {"markets", 0, 2, HR_WIDGET}, {"ticker", 0, 3, HR_TICKER},
    {"breaking", 0, 2, HR_TICKER}, {"marquee", 0, 3, HR_TICKER},
    {"login", 0, 3, HR_FORM}, {"signin", 0, 3, HR_FORM},
    {"search", 0, 2, HR_FORM}, {"form", 0, 2, HR_FORM},
    {"searchform", 0, 3, HR_FORM},
    /* comments */
    {"comment", 0, 3, HR_COMMENTS}, {"comments", 0, 3, HR_COMMENTS},
    {"commentlist", 0, 3, HR_COMMENTS}, {"respond", 0, 2, HR_COMMENTS},
    {"reply", 0, 2, HR_COMMENTS}, {"replies", 0, 3, HR_COMMENTS},
    {"disqus", 0, 3, HR_COMMENTS}, {"discussion", 0, 2, HR_COMMENTS},
    {"talkback", 0, 3, HR_COMMENTS},
    /* related, teasers, lists of other stories */
    {"related", 0, 3, HR_RELATED}, {"recommended", 0, 3, HR_RELATED},
    {"recommendations", 0, 3, HR_RELATED}, {"outbrain", 0, 3, HR_RELATED},
    {"taboola", 0, 3, HR_RELATED}, {"more", 0, 1, HR_RELATED},
    {"also", 0, 2, HR_RELATED}, {"readmore", 0, 2, HR_READ_ALSO},
    {"teaser", 0, 1, HR_TEASERS}, {"teasers", 0, 3, HR_TEASERS},
    {"card", 0, 1, HR_TEASERS}, {"cards", 0, 2, HR_TEASERS},
    {"feed", 0, 2, HR_TEASERS}, {"listing", 0, 2, HR_TEASERS},
    {"tiles", 0, 2, HR_TEASERS}, {"popular", 0, 3, HR_MOST_READ},
    {"trending", 0, 3, HR_MOST_READ}, {"mostread", 0, 3, HR_MOST_READ},
    {"most", 0, 2, HR_MOST_READ}, {"latest", 0, 2, HR_MOST_READ},
    {"recent", 0, 2, HR_MOST_READ}, {"links", 0, 2, HR_LINKS},
    /* sharing, tools */
    {"share", 0, 3, HR_SHARE}, {"sharing", 0, 3, HR_SHARE},
    {"social", 0, 3, HR_SHARE}, {"sociable", 0, 3, HR_SHARE},
    {"addthis", 0, 3, HR_SHARE}, {"sharethis", 0, 3, HR_SHARE},
    {"print", 0, 2, HR_SHARE}, {"toolbar", 0, 2, HR_SHARE},
    {"tools", 0, 2, HR_SHARE}, {"icons", 0, 2, HR_SHARE},
    {"icon", 0, 2, HR_SHARE}, {"button", 0, 2, HR_SHARE},
    {"buttons", 0, 2, HR_SHARE}, {"btn", 0, 2, HR_SHARE},
    {"fontsize", 0, 3, HR_SHARE}, {"rating", 0, 2, HR_SHARE},
    {"votes", 0, 2, HR_SHARE}, {"likes", 0, 2, HR_SHARE},
    /* ads, subscriptions, consent */
    {"ad", 0, 3, HR_AD}, {"ads", 0, 3, HR_AD}, {"adv", 0, 3, HR_AD},
    {"advert", 0, 3, HR_AD}, {"adverts", 0, 3, HR_AD},
    {"advertisement", 0, 3, HR_AD}, {"advertising", 0, 3, HR_AD},
    {"adsense", 0, 3, HR_AD}, {"adslot", 0, 3, HR_AD},
    {"adunit", 0, 3, HR_AD}, {"dfp", 0, 2, HR_AD}, {"banner", 0, 2, HR_AD},
    {"sponsor", 0, 3, HR_AD}, {"sponsored", 0, 3, HR_AD},
    {"promo", 0, 2, HR_AD}, {"promoted", 0, 2, HR_AD},
    {"werbung", 0, 3, HR_AD}, {"anzeige", 0, 3, HR_AD},
    {"publicite", 0, 3, HR_AD}, {"publicidad", 0, 3, HR_AD},
    {"subscribe", 0, 3, HR_SUBSCRIBE}, {"subscription", 0, 3, HR_SUBSCRIBE},
    {"newsletter", 0, 3, HR_SUBSCRIBE}, {"signup", 0, 3, HR_SUBSCRIBE},
    {"paywall", 0, 2, HR_SUBSCRIBE}, {"cookie", 0, 3, HR_COOKIE},
    {"cookies", 0, 3, HR_COOKIE}, {"consent", 0, 3, HR_COOKIE},
    {"gdpr", 0, 3, HR_COOKIE},
    /* metadata around the article */
    {"tags", 0, 3, HR_TAGS}, {"tag", 0, 2, HR_TAGS},
    {"tagcloud", 0, 3, HR_TAGS}, {"keywords", 0, 2, HR_TAGS},
    {"topics", 0, 1, HR_TAGS}, {"meta", 0, 2, HR_META},
    {"byline", 0, 2, HR_META}, {"dateline", 0, 1, HR_META},
    {"date", 0, 2, HR_META}, {"time", 0, 1, HR_META},
    {"timestamp", 0, 2, HR_META},
    {"kicker", 0, 1, HR_META}, {"author", 0, 2, HR_AUTHOR_BOX},
    {"authors", 0, 2, HR_AUTHOR_BOX}, {"bio", 0, 2, HR_AUTHOR_BOX},
    {"avatar", 0, 2, HR_AUTHOR_BOX}, {"caption", 0, 2, HR_CAPTION},
    {"credit", 0, 2, HR_CAPTION}, {"credits", 0, 2, HR_CAPTION},
    /* Arabic transliteration */
    {"e3lan", 0, 3, HR_AD}, {"i3lan", 0, 3, HR_AD},
    {"e3lanat", 0, 3, HR_AD}, {"i3lanat", 0, 3, HR_AD},
    {"3ajel", 0, 3, HR_TICKER}, {"3agel", 0, 3, HR_TICKER},
    {"ajel", 0, 2, HR_TICKER}, {"ta3liq", 0, 3, HR_COMMENTS},
    {"ta3liqat", 0, 3, HR_COMMENTS}, {"ta3leeq", 0, 3, HR_COMMENTS},
    {"ta3leqat", 0, 3, HR_COMMENTS}, {"mosharaka", 0, 3, HR_SHARE},
    {"musharaka", 0, 3, HR_SHARE}, {"wosom", 0, 3, HR_TAGS},
    {"wusum", 0, 3, HR_TAGS},
    /* article text */
    {"article", 2, 0, 0}, {"articlebody", 3, 0, 0}, {"content", 2, 0, 0},
    {"entry", 2, 0, 0}, {"entrycontent", 3, 0, 0}, {"post", 1, 0, 0},
    {"story", 2, 0, 0}, {"storybody", 3, 0, 0}, {"body", 1, 0, 0},
    {"text", 2, 0, 0}, {"main", 2, 0, 0}, {"maincontent", 3, 0, 0},
    {"blog", 1, 0, 0}, {"hentry", 2, 0, 0}, {"prose", 2, 0, 0},
    {"richtext", 2, 0, 0}, {"artikel", 2, 0, 0}, {"inhalt", 2, 0, 0},
    {"beitrag", 2, 0, 0}, {"contenu", 2, 0, 0}, {"contenido", 2, 0, 0},
    {"articulo", 2, 0, 0}, {"articolo", 2, 0, 0}, {"testo", 2, 0, 0},
    {"texto", 2, 0, 0}, {"tekst", 2, 0, 0}, {"maqal", 2, 0, 0},
    {"maqala", 2, 0, 0}, {"makal", 2, 0, 0}, {"mqal", 2, 0, 0},
    {"matn", 2, 0, 0}, {"nass", 2, 0, 0}, {"tafasil", 2, 0, 0},
    {"tafaseel", 2, 0, 0}, {"details", 1, 0, 0}, {"detail", 1, 0, 0},
};

/* Pieces of fused words ("sharedaddy", "commentlist", "mainmenu"),
 * looked for inside words of six letters or more. */
static const word_hint fused_words[] = {
    {"comment", 0, 3, HR_COMMENTS}, {"sidebar", 0, 3, HR_SIDEBAR},
    {"footer", 0, 3, HR_FOOTER}, {"header", 0, 2, HR_HEADER},
    {"navbar", 0, 3, HR_NAVIGATION}, {"navigation", 0, 3, HR_NAVIGATION},
    {"menu", 0, 3, HR_NAVIGATION}, {"breadcrumb", 0, 3, HR_BREADCRUMB},
    {"related", 0, 3, HR_RELATED}, {"share", 0, 3, HR_SHARE},
    {"sharing", 0, 3, HR_SHARE}, {"social", 0, 3, HR_SHARE},
    {"widget", 0, 3, HR_WIDGET}, {"advert", 0, 3, HR_AD},
    {"sponsor", 0, 3, HR_AD}, {"banner", 0, 2, HR_AD},
    {"newsletter", 0, 3, HR_SUBSCRIBE}, {"subscri", 0, 3, HR_SUBSCRIBE},
    {"cookie", 0, 3, HR_COOKIE}, {"popular", 0, 3, HR_MOST_READ},
    {"trending", 0, 3, HR_MOST_READ}, {"mostread", 0, 3, HR_MOST_READ},
    {"promo", 0, 2, HR_AD}, {"outbrain", 0, 3, HR_RELATED},
    {"taboola", 0, 3, HR_RELATED}, {"teaser", 0, 2, HR_TEASERS},
    {"pagination", 0, 3, HR_NAVIGATION}, {"kommentar", 0, 3, HR_COMMENTS},
    {"commentaire", 0, 3, HR_COMMENTS}, {"e3lan", 0, 3, HR_AD},
    {"article", 2, 0, 0}, {"content", 2, 0, 0}, {"story", 2, 0, 0},
};

/* First halves and second halves of "this is the body" compounds:
 * article-body, story__text, entry-content, news-text, post-body. */
static const char *const compound_first[] = {
    "article", "story", "post", "entry", "news", "blog", "main", "node",
    "field", NULL};
static const char *const compound_second[] = {
    "body", "content", "text", "inner", "details", "detail", "copy",
    "entry", "main", "txt", NULL};

/* "most-read", "most-popular", "mostViewed"... */
static const char *const most_what[] = {"read", "popular", "viewed",
                                        "shared", "commented", "emailed",
                                        "watched", NULL};

static int in_list(const char *const *list, const char *w)
{
    for (size_t i = 0; list[i]; i++)
        if (strcmp(list[i], w) == 0)
            return 1;
    return 0;
}

/* Later words win ties: in "widget most-read" the second names the
 * reason more precisely. */
static void merge(kh_hint *h, const word_hint *w)
{
    if (w->pos > h->pos)
        h->pos = w->pos;
    if (w->neg >= h->neg && w->neg > 0) {
        h->neg = w->neg;
        h->reason = w->reason;
    }
}

#define N_EXACT (sizeof exact_words / sizeof *exact_words)

static kh_map exact_map; /* hash of word -> index + 1 */
static pthread_once_t exact_once = PTHREAD_ONCE_INIT;

static void build_exact_map(void)
{
    for (size_t i = 0; i < N_EXACT; i++) {
        const char *w = exact_words[i].word;
        uint64_t *v = kh_map_put(&exact_map, kh_hash64(w, strlen(w), 1), NULL);
        if (*v == 0) /* the first entry of a word wins */
            *v = i + 1;
    }
}

static const word_hint *find_exact(const char *w)
{
    pthread_once(&exact_once, build_exact_map);
    const uint64_t *v = kh_map_get(&exact_map, kh_hash64(w, strlen(w), 1));
    if (!v || strcmp(exact_words[*v - 1].word, w) != 0)
        return NULL;
    return &exact_words[*v - 1];
}

static void hint_word(kh_hint *h, const char *w, size_t n)
{
    const word_hint *e = find_exact(w);
    if (e) {
        merge(h, e);
        return;
    }
    if (n < 6)
        return;
    for (size_t i = 0; i < sizeof fused_words / sizeof *fused_words; i++)
        if (strstr(w, fused_words[i].word))
            merge(h, &fused_words[i]);
}

/* Class names that describe an element's data or state, not its role:
 * WordPress's post_class() taxonomy ("tag-barbados", "category-sports",
 * "format-standard") and feature flags ("has-post-thumbnail",
 * "no-sidebar").  Their words ("tag", "sidebar") would mislead. */
static const char *const noise_prefixes[] = {
    "tag-", "category-", "cat-", "status-", "format-", "type-", "has-",
    "no-", "with-", "without-", "postid-", "page-id-", "term-", "tax-",
    "is-", "elementor-", "wp-block-", "vc_", "tcb-", "thrv", "fl-", NULL};

static int contains_ci(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);
    for (size_t i = 0; i + k <= n; i++)
        if (strncasecmp(s + i, w, k) == 0)
            return 1;
    return 0;
}

/* A class name generated by a CSS-in-JS tool ("tagStyle_z4kqwb-o_O-style_
 * 1tcxgp3"): a piece of it has digits inside letters, past any trailing
 * number ("col12", "post2" are names; "z4kqwb" is a hash). */
static int generated_class(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        while (i < n && !((s[i] >= 'a' && s[i] <= 'z') ||
                          (s[i] >= 'A' && s[i] <= 'Z') ||
                          (s[i] >= '0' && s[i] <= '9')))
            i++;
        size_t start = i;
        while (i < n && ((s[i] >= 'a' && s[i] <= 'z') ||
                         (s[i] >= 'A' && s[i] <= 'Z') ||
                         (s[i] >= '0' && s[i] <= '9')))
            i++;
        size_t end = i;
        while (end > start && s[end - 1] >= '0' && s[end - 1] <= '9')
            end--;
        if (end - start < 5)
            continue;
        int letters = 0, digits = 0;
        for (size_t k = start; k < end; k++) {
            if (s[k] >= '0' && s[k] <= '9')
                digits++;
            else
                letters++;
        }
        if (digits && letters) {
            char w[32];
            size_t wl = end - start < sizeof w - 1 ? end - start : sizeof w - 1;
            for (size_t k = 0; k < wl; k++)
                w[k] = (char)((s[start + k] >= 'A' && s[start + k] <= 'Z')
                                  ? s[start + k] + 32
                                  : s[start + k]);
            w[wl] = '\0';
            int known = 0;
            for (size_t k = 0; k < sizeof exact_words / sizeof *exact_words;
                 k++)
                if (strcmp(exact_words[k].word, w) == 0)
                    known = 1;
            if (!known)
                return 1;
        }
    }
    return 0;
}

/* A class name that says nothing about the element's role: taxonomy,
 * state, page-builder layout ("elementor-widget-container"), alignment,
 * generated names; and layout wrappers that name the content beside
 * something else ("content-sidebar-wrap"). */
static int noise_class(const char *s, size_t n)
{
    for (size_t i = 0; noise_prefixes[i]; i++) {
        size_t k = strlen(noise_prefixes[i]);
        if (n > k && strncasecmp(s, noise_prefixes[i], k) == 0)
            return 1;
    }
    if (contains_ci(s, n, "align"))
        return 1;
    if ((contains_ci(s, n, "wrap") || contains_ci(s, n, "container")) &&
        (contains_ci(s, n, "content") || contains_ci(s, n, "main")))
        return 1;
    return generated_class(s, n);
}

kh_hint kh_html_attr_hint(const char *value)
{
    kh_hint h = {0, 0, 0};
    char prev[32] = "";
    const char *s = value;
    const char *name_end = s; /* end of the current class name */
    while (*s) {
        if (s >= name_end) {
            /* at a new class name: skip white space and noise names */
            while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
                s++;
            name_end = s;
            while (*name_end && *name_end != ' ' && *name_end != '\t' &&
                   *name_end != '\n' && *name_end != '\r')
                name_end++;
            if (noise_class(s, (size_t)(name_end - s))) {
                s = name_end;
                prev[0] = '\0';
                continue;
            }
            if (!*s)
                break;
        }
        /* one word: letters and digits, cut before an upper-case hump */
        char w[32];
        size_t n = 0;
        while (*s && !((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
                       (*s >= '0' && *s <= '9') || (unsigned char)*s >= 0x80))
            s++;
        if (!*s)
            break;
        int lower_seen = 0;
        while (*s && ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
                      (*s >= '0' && *s <= '9') || (unsigned char)*s >= 0x80)) {
            char c = *s;
            if (c >= 'A' && c <= 'Z') {
                if (lower_seen)
                    break; /* camelCase: "articleBody" -> article, body */
                c = (char)(c + 32);
            } else if (c >= 'a' && c <= 'z') {
                lower_seen = 1;
            }
            if (n < sizeof w - 1)
                w[n++] = c;
            s++;
        }
        w[n] = '\0';
        if (n == 0)
            continue;
        hint_word(&h, w, n);
        if (prev[0] && in_list(compound_first, prev) &&
            in_list(compound_second, w) && h.pos < 3)
            h.pos = 3;
        if (strcmp(prev, "most") == 0 && in_list(most_what, w)) {
            static const word_hint most = {"most", 0, 3, HR_MOST_READ};
            merge(&h, &most);
        }
        memcpy(prev, w, n + 1);
    }
    return h;
}

/* ---- stopwords --------------------------------------------------------- */

static const char *const stop_ar[] = {
    "في", "من", "على", "إلى", "الى", "عن", "مع", "أن", "ان", "إن", "التي",
    "التى", "الذي", "الذين", "هذا", "هذه", "ذلك", "تلك", "كان", "كانت",
    "قد", "لا", "ما", "لم", "لن", "هو", "هي", "هم", "بين", "بعد", "قبل",
    "حتى", "كل", "أو", "او", "ثم", "كما", "عند", "منذ", "خلال", "حول",
    "أي", "إذا", "اذا", "لكن", "غير", "بعض", "أيضا", "ايضا", "أيضاً",
    "وقد", "وفي", "ومن", "وعلى", "وهو", "وهي", "فقد", "فيه", "فيها",
    "منه", "منها", "عليه", "عليها", "له", "لها", "به", "بها", "وأن",
    "بأن", "أنه", "انه", "إنه", "أنها", "انها", "وان", "وإن", "إلا", "الا",
    "عبر", "لدى", "نحو", "ضمن", "وقال", "قال", "يكون", "تكون", "وكان",
    "كذلك", "حيث", "عام", "لقد", "ولا", "وما", "مما", "ممن", "لما", "وذلك",
    "هناك", "أكثر", "اكثر", "أحد", "احد", "عدد", "وقت", NULL};
static const char *const stop_en[] = {
    "the", "of", "and", "to", "a", "in", "is", "that", "for", "it", "as",
    "was", "with", "be", "by", "on", "not", "he", "i", "this", "are", "or",
    "his", "from", "at", "which", "but", "have", "an", "had", "they", "you",
    "were", "their", "one", "all", "we", "can", "her", "has", "there",
    "been", "if", "more", "when", "will", "would", "who", "so", "no",
    "she", "its", "into", "than", "them", "about", "what", "also", "our",
    "could", "these", "some", "other", "said", "after", "how", "up", "out",
    "my", "your", "just", "over", "then", "do", "did", "does", "while",
    "because", "those", "may", "any", "where", "most", "such", NULL};
static const char *const stop_de[] = {
    "der", "die", "und", "in", "den", "von", "zu", "das", "mit", "sich",
    "des", "auf", "für", "ist", "im", "dem", "nicht", "ein", "eine", "als",
    "auch", "es", "an", "werden", "aus", "er", "hat", "dass", "daß", "sie",
    "nach", "wird", "bei", "einer", "um", "am", "sind", "noch", "wie",
    "einem", "über", "einen", "so", "zum", "war", "haben", "nur", "oder",
    "aber", "vor", "zur", "bis", "mehr", "durch", "man", "sein", "wurde",
    "sei", "kann", "gegen", "vom", "können", "schon", "wenn", "habe",
    "seine", "ihre", "dann", "unter", "wir", "soll", "ich", "eines",
    "jahr", "zwei", "diese", "dieser", "wieder", "keine", "uns", "ihr",
    NULL};
static const char *const stop_fr[] = {
    "de", "la", "le", "et", "les", "des", "en", "un", "du", "une", "que",
    "est", "pour", "qui", "dans", "a", "par", "plus", "pas", "au", "sur",
    "ne", "se", "ce", "il", "sont", "la", "ou", "avec", "son", "aux",
    "d", "l", "qu", "n", "s", "c", "mais", "comme", "été", "elle", "nous",
    "vous", "ils", "leur", "ses", "sa", "ces", "cette", "être", "fait",
    "tout", "aussi", "ont", "y", "si", "entre", "sans", "lui", NULL};
static const char *const stop_es[] = {
    "de", "la", "que", "el", "en", "y", "a", "los", "del", "se", "las",
    "por", "un", "para", "con", "no", "una", "su", "al", "lo", "como",
    "más", "pero", "sus", "le", "ya", "o", "este", "sí", "porque", "esta",
    "entre", "cuando", "muy", "sin", "sobre", "también", "me", "hasta",
    "hay", "donde", "quien", "desde", "todo", "nos", "durante", "es",
    "fue", "ha", "son", "ser", "han", NULL};
static const char *const stop_it[] = {
    "di", "e", "il", "la", "che", "a", "per", "in", "un", "è", "del",
    "non", "una", "i", "con", "le", "si", "da", "della", "al", "lo", "gli",
    "come", "ma", "dei", "nel", "alla", "più", "anche", "sono", "delle",
    "ha", "o", "se", "questo", "tra", "sul", "nella", "ci", "essere",
    "degli", "suo", "sua", "dal", "dalla", NULL};
static const char *const stop_pt[] = {
    "de", "a", "o", "que", "e", "do", "da", "em", "um", "para", "é",
    "com", "não", "uma", "os", "no", "se", "na", "por", "mais", "as",
    "dos", "como", "mas", "foi", "ao", "ele", "das", "tem", "à", "seu",
    "sua", "ou", "ser", "quando", "muito", "nos", "já", "está", "também",
    "pelo", "pela", "até", "isso", "ela", "entre", NULL};
static const char *const stop_nl[] = {
    "de", "en", "van", "ik", "te", "dat", "die", "in", "een", "hij", "het",
    "niet", "zijn", "is", "was", "op", "aan", "met", "als", "voor", "had",
    "er", "maar", "om", "hem", "dan", "zou", "of", "wat", "mijn", "men",
    "dit", "zo", "door", "over", "ze", "zich", "bij", "ook", "tot", "je",
    "naar", "kan", "worden", "wordt", "nog", NULL};
static const char *const stop_pl[] = {
    "i", "w", "na", "z", "do", "nie", "się", "że", "to", "jest", "o", "jak",
    "po", "od", "za", "a", "ale", "co", "przez", "dla", "czy", "tak",
    "jego", "już", "być", "tym", "oraz", "jako", "był", "była", "które",
    "który", "która", "może", "tylko", "tego", "też", "ich", "są", "przy",
    "pod", "ze", "we", "lub", "jednak", "gdy", "jej", "bardzo", "będzie",
    "także", "roku", NULL};
static const char *const stop_ru[] = {
    "и", "в", "не", "на", "что", "с", "по", "как", "а", "это", "к", "но",
    "он", "из", "о", "за", "от", "то", "для", "его", "так", "же", "все",
    "она", "было", "был", "была", "они", "у", "бы", "только", "уже",
    "при", "или", "до", "их", "мы", "вы", "ее", "если", "когда", NULL};

static const char *const *const stop_lists[HL_COUNT] = {
    [HL_AR] = stop_ar, [HL_EN] = stop_en, [HL_DE] = stop_de,
    [HL_FR] = stop_fr, [HL_ES] = stop_es, [HL_IT] = stop_it,
    [HL_PT] = stop_pt, [HL_NL] = stop_nl, [HL_PL] = stop_pl,
    [HL_RU] = stop_ru,
};

static const char *const lang_codes[HL_COUNT] = {
    [HL_AR] = "ar", [HL_EN] = "en", [HL_DE] = "de", [HL_FR] = "fr",
    [HL_ES] = "es", [HL_IT] = "it", [HL_PT] = "pt", [HL_NL] = "nl",
    [HL_PL] = "pl", [HL_RU] = "ru",
};

const char *kh_hlang_code(kh_hlang l)
{
    return l < HL_COUNT ? lang_codes[l] : NULL;
}

static kh_map stop_map;
static pthread_once_t stop_once = PTHREAD_ONCE_INIT;

static void build_stop_map(void)
{
    for (int l = 1; l < HL_COUNT; l++)
        for (size_t i = 0; stop_lists[l][i]; i++) {
            const char *w = stop_lists[l][i];
            uint64_t *v = kh_map_put(&stop_map, kh_hash64(w, strlen(w), 0),
                                     NULL);
            *v |= 1u << l;
        }
}

unsigned kh_html_stopword(const char *w, size_t n)
{
    pthread_once(&stop_once, build_stop_map);
    const uint64_t *v = kh_map_get(&stop_map, kh_hash64(w, n, 0));
    return v ? (unsigned)*v : 0;
}

/* ---- stock phrases ------------------------------------------------------- */

typedef struct phrase {
    const char *text; /* lower case */
    unsigned char reason;
} phrase;

/* Calls to subscribe, follow, donate; the blog engine's "posted in"
 * footer; signposts to other pages.  Multi-word on purpose: one word
 * ("newsletter") also appears in news about newsletters. */
static const phrase phrases[] = {
    /* English */
    {"subscribe now", HR_SUBSCRIBE}, {"subscribe to our", HR_SUBSCRIBE},
    {"sign up for our", HR_SUBSCRIBE}, {"sign up to our", HR_SUBSCRIBE},
    {"signing up to our", HR_SUBSCRIBE}, {"join our newsletter", HR_SUBSCRIBE},
    {"never miss the latest", HR_SUBSCRIBE}, {"please subscribe", HR_SUBSCRIBE},
    {"already a subscriber", HR_SUBSCRIBE}, {"to view the full story", HR_SUBSCRIBE},
    {"for the full story", HR_SUBSCRIBE}, {"we rely on your support", HR_SUBSCRIBE},
    {"support our journalism", HR_SUBSCRIBE}, {"follow us on", HR_SHARE},
    {"on twitter and instagram", HR_SHARE}, {"apps for ios and android", HR_SHARE},
    {"share this article", HR_SHARE}, {"share this:", HR_SHARE},
    {"this entry was posted", HR_META}, {"bookmark the permalink", HR_META},
    {"related posts", HR_RELATED}, {"related articles", HR_RELATED},
    {"related coverage", HR_RELATED}, {"read more:", HR_READ_ALSO},
    {"read also", HR_READ_ALSO}, {"see also:", HR_READ_ALSO},
    {"more on this topic", HR_RELATED}, {"explore further", HR_RELATED},
    {"we want to hear what you think", HR_COMMENTS},
    {"all rights reserved", HR_FOOTER},
    /* German */
    {"jetzt abonnieren", HR_SUBSCRIBE}, {"newsletter abonnieren", HR_SUBSCRIBE},
    {"zum newsletter", HR_SUBSCRIBE}, {"newsletter anmelden", HR_SUBSCRIBE},
    {"folgen sie uns", HR_SHARE}, {"folge uns", HR_SHARE},
    {"unterstützen sie diese", HR_SUBSCRIBE}, {"unterstütze ", HR_SUBSCRIBE},
    {"jede kleine spende", HR_SUBSCRIBE}, {"mehr zum thema", HR_RELATED},
    {"lesen sie auch", HR_READ_ALSO}, {"lies auch", HR_READ_ALSO},
    {"könnte sie auch interessieren", HR_RELATED},
    {"könnte dich auch interessieren", HR_RELATED},
    {"auch interessant", HR_RELATED}, {"weitere artikel", HR_RELATED},
    {"diese beiträge solltest du", HR_RELATED},
    {"dieser eintrag wurde", HR_META}, {"der beitrag wurde am", HR_META},
    {"und abgelegt unter", HR_META}, {"veröffentlicht in ", HR_META},
    {"wir respektieren deine privatsphäre", HR_COOKIE},
    {"quellen ausblenden", HR_WIDGET},
    /* French, Spanish, Italian, Polish */
    {"abonnez-vous", HR_SUBSCRIBE}, {"pour lire la suite", HR_SUBSCRIBE},
    {"suivez-nous", HR_SHARE}, {"à lire aussi", HR_READ_ALSO},
    {"lire aussi", HR_READ_ALSO}, {"síguenos en", HR_SHARE},
    {"siguenos en", HR_SHARE}, {"suscríbete", HR_SUBSCRIBE},
    {"hazte miembro", HR_SUBSCRIBE}, {"canal de telegram", HR_SHARE},
    {"lee también", HR_READ_ALSO}, {"te puede interesar", HR_RELATED},
    {"iscriviti alla", HR_SUBSCRIBE}, {"seguici su", HR_SHARE},
    {"leggi anche", HR_READ_ALSO}, {"do subskrypcji", HR_SUBSCRIBE},
    {"czytaj także", HR_READ_ALSO}, {"czytaj też", HR_READ_ALSO},
};

kh_hreason kh_html_boiler_phrase(const char *text, size_t len)
{
    char low[512];
    if (len >= sizeof low)
        return HR_NONE;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        low[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
        /* Latin-1 capitals in UTF-8 (Ü -> ü): C3 80..9E -> C3 A0..BE */
        if (i > 0 && (unsigned char)text[i - 1] == 0xC3 &&
            (unsigned char)c >= 0x80 && (unsigned char)c <= 0x9E &&
            (unsigned char)c != 0x97)
            low[i] = (char)((unsigned char)c + 0x20);
    }
    low[len] = '\0';
    for (size_t k = 0; k < sizeof phrases / sizeof *phrases; k++)
        if (strstr(low, phrases[k].text))
            return (kh_hreason)phrases[k].reason;
    return HR_NONE;
}
