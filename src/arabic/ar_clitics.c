/*
 * ar_clitics.c - proclitic stripping (و ف ب ك ل ال) with length guards and
 * the corpus-derived exception lexicon, and light10's suffix pass with its
 * own lexicon of words whose final ان ين ون is part of the word.
 *
 * Arabic writes conjunctions, prepositions and the article as part of the
 * next word, in a fixed order: conjunction (و "and", ف "so"), then
 * preposition (ب "in/with", ك "like", ل "for"), then the article ال; after
 * ل the article loses its alef (ل + الرقة = للرقة).  Peeling them off
 * makes وروسيا, لروسيا and بروسيا one term with روسيا.  The same letters
 * also begin many words as root letters (وزير, فريق, بريطانيا, لبنان,
 * كتاب), and the article's letters begin others (التزام, المانيا from
 * ألمانيا).  A length guard alone cannot tell them apart, so before each
 * strip we ask the exception lexicon whether the word in hand is a whole
 * word whose first letter(s) belong to it; scripts/derive-lists.py builds
 * it from corpus counts (a word is protected when it, or its suffix family,
 * is attested after the article more than what stripping would leave is
 * attested at all, or when what stripping leaves is hardly ever seen; see
 * README.md for the rules and their measured effect).  Grammar
 * helps with words the lexicon does not know: a conjunction never follows
 * a preposition, so in بوروسيا or بوتين the ب cannot be a preposition
 * unless the rest is itself a word beginning with a root و.
 */
#include "arabic/ar_stem.h"

#include <assert.h>
#include <pthread.h>
#include <string.h>

/* Arabic letters as their two UTF-8 bytes, big-endian in a uint16_t. */
enum {
    L_ALEF = 0xD8A7, L_BEH = 0xD8A8, L_TEH_MARBUTA = 0xD8A9, L_TEH = 0xD8AA,
    L_FEH = 0xD981, L_KAF = 0xD983, L_LAM = 0xD984, L_NOON = 0xD986,
    L_HEH = 0xD987, L_WAW = 0xD988, L_YEH = 0xD98A
};

static ar_wordset stop_set, exception_set, ending_set, nisba_set;
static pthread_once_t sets_once = PTHREAD_ONCE_INIT;

static void build_sets(void)
{
    ar_wordset_build(&stop_set, ar_stopword_list, ar_stopword_count);
    ar_wordset_build(&exception_set, ar_clitic_exception_list,
                     ar_clitic_exception_count);
    ar_wordset_build(&ending_set, ar_ending_exception_list,
                     ar_ending_exception_count);
    ar_wordset_build(&nisba_set, ar_nisba_exception_list,
                     ar_nisba_exception_count);
}

const ar_wordset *ar_stopwords(void)
{
    pthread_once(&sets_once, build_sets);
    return &stop_set;
}

const ar_wordset *ar_clitic_exceptions(void)
{
    pthread_once(&sets_once, build_sets);
    return &exception_set;
}

const ar_wordset *ar_ending_exceptions(void)
{
    pthread_once(&sets_once, build_sets);
    return &ending_set;
}

const ar_wordset *ar_nisba_exceptions(void)
{
    pthread_once(&sets_once, build_sets);
    return &nisba_set;
}

/* The letter at byte i as a uint16_t, or 0 when it is not 2 bytes. */
static unsigned letter_at(const ar_word *w, size_t i)
{
    if (i + 2 > w->len)
        return 0;
    unsigned a = (unsigned char)w->s[i], b = (unsigned char)w->s[i + 1];
    if (a < 0xC2 || a > 0xDF)
        return 0;
    return a << 8 | b;
}

static void drop_front(ar_word *w, size_t letters)
{
    assert(w->len >= 2 * letters && w->nletters > letters);
    w->s += 2 * letters;
    w->len -= 2 * letters;
    w->nletters -= letters;
}

/* The lexicon ar_strip_clitics() consults; tests swap in an empty one to
 * measure what the lexicon adds. */
typedef struct clitic_ctx {
    const ar_wordset *exceptions;
    int fold;
} clitic_ctx;

static int is_protected(const ar_word *w, const clitic_ctx *cx)
{
    return ar_wordset_has(cx->exceptions, w->s, w->len, cx->fold);
}

static int is_conj(unsigned c) { return c == L_WAW || c == L_FEH; }
static int is_prep(unsigned c)
{
    return c == L_BEH || c == L_KAF || c == L_LAM;
}

/* Could a clitic pass strip anything from w?  Asked before each lexicon
 * lookup: most words cannot lose a letter, and a lookup costs a hash. */
static int may_strip(const ar_word *w)
{
    unsigned c = letter_at(w, 0);
    if ((is_conj(c) || is_prep(c)) && w->nletters >= 1 + AR_MIN_AFTER_PREP)
        return 1;
    return c == L_ALEF && letter_at(w, 2) == L_LAM &&
           w->nletters >= 2 + AR_MIN_AFTER_ARTICLE;
}

void ar_strip_clitics(ar_word *w, int fold)
{
    ar_strip_clitics_with(w, ar_clitic_exceptions(), fold);
}

void ar_strip_clitics_with(ar_word *w, const ar_wordset *exceptions,
                           int fold)
{
    const clitic_ctx cx = {exceptions, fold};
    const clitic_ctx *lex = &cx;
    static_assert(AR_MIN_AFTER_CONJ == AR_MIN_AFTER_PREP,
                  "may_strip() tests one guard for both");
    if (!may_strip(w) || is_protected(w, lex))
        return;
    unsigned c = letter_at(w, 0);
    if (is_conj(c) && w->nletters >= 1 + AR_MIN_AFTER_CONJ) {
        drop_front(w, 1);
        if (!may_strip(w) || is_protected(w, lex))
            return;
        c = letter_at(w, 0);
    }
    if (is_prep(c) && w->nletters >= 1 + AR_MIN_AFTER_PREP) {
        ar_word rest = *w;
        drop_front(&rest, 1);
        int rest_protected = may_strip(&rest) && is_protected(&rest, lex);
        /* A conjunction cannot follow a preposition: بوروسيا is a word. */
        if (!rest_protected && is_conj(letter_at(&rest, 0)) &&
            rest.nletters >= 1 + AR_MIN_AFTER_CONJ)
            return;
        *w = rest;
        if (rest_protected)
            return;
        /* ل + ال is written لل: the second lam is the article's. */
        if (c == L_LAM && letter_at(w, 0) == L_LAM &&
            w->nletters >= 1 + AR_MIN_AFTER_ARTICLE) {
            drop_front(w, 1);
            return;
        }
    }
    if (letter_at(w, 0) == L_ALEF && letter_at(w, 2) == L_LAM &&
        w->nletters >= 2 + AR_MIN_AFTER_ARTICLE)
        drop_front(w, 2);
}

/* The k-th letter from the end of w (k = 1 is the last), 0 when it is not
 * a 2-byte letter or w is too short. */
static unsigned letter_from_end(const ar_word *w, size_t k)
{
    return w->len >= 2 * k ? letter_at(w, w->len - 2 * k) : 0;
}

void ar_light_suffixes(ar_word *w, int fold)
{
    const ar_suffix_lexicons lex = {ar_ending_exceptions(),
                                    ar_nisba_exceptions(), ar_stopwords()};
    ar_light_suffixes_with(w, &lex, fold);
}

/* Why a suffix stays on a word, when it does. */
enum { KEEP_NOT = 0, KEEP_LEXICON, KEEP_STOPWORD };

/* Does a lexicon keep this suffix ({second-to-last, last} letters, n of
 * them) on w?  The ending lexicon holds words whose ان ين ون is their own
 * (لبنان, البحرين, قانون); the nisba lexicon names whose ي forms are
 * another word (سعود, سعودي); and a content word must not be indexed
 * under a stopword, which nearly every article holds (الولايات would be
 * ولا, the stem of every "ولا"). */
static int suffix_kept(const ar_word *w, const unsigned suffix[2], size_t n,
                       const ar_suffix_lexicons *lex, int fold)
{
    size_t rest = w->len - 2 * n;
    if (suffix[1] == L_NOON &&
        ar_wordset_has(lex->endings, w->s, w->len, fold))
        return KEEP_LEXICON;
    if ((suffix[0] == L_YEH || (n == 1 && suffix[1] == L_YEH)) &&
        ar_wordset_has(lex->names, w->s, rest, fold))
        return KEEP_LEXICON;
    if (ar_wordset_has(lex->stops, w->s, rest, fold))
        return KEEP_STOPWORD;
    return KEEP_NOT;
}

/* Read the ات of w as the plural of a ة noun: the stem becomes what comes
 * before it + ة (جهات -> جه + ة), unless that is a stopword.  Returns 1
 * when done. */
static int plural_to_singular(ar_word *w, const ar_suffix_lexicons *lex,
                              int fold)
{
    size_t rest = w->len - 4;
    char key[AR_WORDSET_MAX_KEY];
    if (rest + 2 > sizeof key)
        return 0;
    memcpy(key, w->s, rest);
    memcpy(key + rest, "\xD9\x87", 2); /* ة as the lists spell it */
    if (ar_wordset_has(lex->stops, key, rest + 2, fold))
        return 0;
    w->len = rest;
    w->nletters -= 2;
    w->add_ta = 1;
    return 1;
}

/*
 * Light10's suffix list, applied in this order, each at most once: ها ان
 * ات ون ين يه ية ه ة ي.  Two departures, both measured on SaudiNewsNet
 * (README.md): a suffix goes only when 3 letters remain, not 2, since
 * two-letter stems collide (الرقة and برقية were both رق, بيان was بي);
 * and the lexicons keep some suffixes: ان ين ون on words whose dual or
 * plural partners the corpus hardly knows (لبنان, سلمان, البحرين, تعاون),
 * يه ية ي on the ي forms of a few personal names (سعودي is not سعود), and
 * any suffix whose removal would leave a stopword (الولايات is not ولا,
 * الداخلية not داخل).
 * Both guards would split plurals in ات from their singular in ة that
 * light10 joined: of two-letter nouns (جهة/جهات, فئة/فئات, قوة/قوات) and
 * of nouns whose stem is a stopword (حالة/حالات).  Such a plural becomes
 * its singular instead: what precedes ات + ة, flagged in add_ta.
 */
void ar_light_suffixes_with(ar_word *w, const ar_suffix_lexicons *lex,
                            int fold)
{
    /* {second-to-last, last} letter; a one-letter suffix has 0 first. */
    static const unsigned suffixes[][2] = {
        {L_HEH, L_ALEF}, {L_ALEF, L_NOON}, {L_ALEF, L_TEH}, {L_WAW, L_NOON},
        {L_YEH, L_NOON}, {L_YEH, L_HEH},   {L_YEH, L_TEH_MARBUTA},
        {0, L_HEH},      {0, L_TEH_MARBUTA}, {0, L_YEH},
    };
    unsigned last = letter_from_end(w, 1), prev = letter_from_end(w, 2);
    for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
        size_t n = suffixes[i][0] ? 2 : 1;
        if (last != suffixes[i][1] || (n == 2 && prev != suffixes[i][0]))
            continue;
        int plural = suffixes[i][0] == L_ALEF && last == L_TEH;
        if (w->nletters < n + AR_MIN_AFTER_SUFFIX) {
            if (plural && w->nletters == 2 + 2 &&
                plural_to_singular(w, lex, fold))
                return;
            continue;
        }
        int kept = suffix_kept(w, suffixes[i], n, lex, fold);
        if (kept == KEEP_STOPWORD && plural && plural_to_singular(w, lex, fold))
            return;
        if (kept)
            continue;
        w->len -= 2 * n;
        w->nletters -= n;
        last = letter_from_end(w, 1);
        prev = letter_from_end(w, 2);
    }
}
