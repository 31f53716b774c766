/*
 * ar_chars.c - the character table behind the analyser's hot loop, and the
 * slow path for code points outside it (utf8proc decompositions).
 */
#include "arabic/ar_chars.h"

#include <assert.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "common/utf8.h"

static ar_unit base_table[AR_TABLE_SIZE];
static pthread_once_t base_once = PTHREAD_ONCE_INIT;

static ar_unit unit_cp(uint8_t cls, uint32_t cp)
{
    ar_unit u;
    memset(&u, 0, sizeof u);
    u.cls = cls;
    u.n = (uint8_t)kh_utf8_encode(cp, u.out);
    return u;
}

/* The Arabic letter a code point folds to: alef variants to bare alef,
 * Persian/Urdu forms of yeh, kaf and heh to the Arabic ones.  Hamza on waw
 * and yeh (ؤ ئ) is kept: folding it conflates real words.  ة and ى are
 * left to the analyser's options. */
static uint32_t fold_arabic_letter(uint32_t cp)
{
    switch (cp) {
    case 0x0622: case 0x0623: case 0x0625: /* آ أ إ */
    case 0x0671: case 0x0672: case 0x0673: case 0x0675: /* ٱ and wavy hamza */
        return 0x0627;
    case 0x06CC: case 0x06D2: case 0x06D3: case 0x06D0: /* Farsi yeh, barree */
        return 0x064A;
    case 0x06A9: case 0x06AA: /* keheh, swash kaf */
        return 0x0643;
    case 0x06C0: case 0x06C1: case 0x06C2: case 0x06BE: case 0x06D5:
        return 0x0647;
    default:
        return cp;
    }
}

static int is_arabic_block(uint32_t cp)
{
    return (cp >= 0x0600 && cp <= 0x06FF) || (cp >= 0x0750 && cp <= 0x077F) ||
           (cp >= 0x08A0 && cp <= 0x08FF);
}

/* Class of a code point inside the Arabic blocks. */
static ar_unit arabic_unit(uint32_t cp)
{
    utf8proc_category_t cat = utf8proc_category((utf8proc_int32_t)cp);
    if (cp >= 0x0660 && cp <= 0x0669)
        return unit_cp(AR_DIGIT, '0' + (cp - 0x0660));
    if (cp >= 0x06F0 && cp <= 0x06F9)
        return unit_cp(AR_DIGIT, '0' + (cp - 0x06F0));
    if (cp == 0x066B)
        return unit_cp(AR_NUMSEP, '.');
    if (cp == 0x066C)
        return unit_cp(AR_NUMSEP, ',');
    if (cp >= 0x0653 && cp <= 0x0655)
        return unit_cp(AR_HAMZA, cp);
    if (cp == 0x0640 || cp == 0x061C || cp == 0x06E5 || cp == 0x06E6)
        return unit_cp(AR_DROP, cp); /* tatweel, ALM, small waw/yeh */
    switch (cat) {
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_LM:
        return unit_cp(AR_LETTER, fold_arabic_letter(cp));
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
        return unit_cp(AR_DROP, cp); /* tashkeel, U+0670, Quranic marks */
    default:
        return unit_cp(AR_SEP, cp);
    }
}

/* Class of any other code point from its Unicode category alone, output
 * unchanged: used for decomposed code points. */
static ar_unit raw_unit(uint32_t cp)
{
    if (is_arabic_block(cp))
        return arabic_unit(cp);
    switch (utf8proc_category((utf8proc_int32_t)cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
        return unit_cp(AR_ALNUM, cp);
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
        return unit_cp(AR_MARK, cp);
    case UTF8PROC_CATEGORY_CF:
        return unit_cp(AR_DROP, cp);
    default:
        return unit_cp(AR_SEP, cp);
    }
}

/* Is cp something a word may hold (letter, mark, digit)? */
static int is_word_cp(uint32_t cp)
{
    switch (utf8proc_category((utf8proc_int32_t)cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND:
        return 1;
    default:
        return 0;
    }
}

/* A letter outside the Arabic blocks: NFKC + case folding of the single
 * code point, kept when it fits a unit.  Punctuation the mapping brings
 * along (U+0140 ŀ is "l" + U+00B7) is dropped, so that a normalised word
 * normalises to itself. */
static ar_unit other_letter_unit(uint32_t cp)
{
    char in[4];
    size_t n = kh_utf8_encode(cp, in);
    utf8proc_uint8_t *mapped = NULL;
    utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)in,
                                      (utf8proc_ssize_t)n, &mapped,
                                      UTF8PROC_STABLE | UTF8PROC_COMPAT |
                                          UTF8PROC_COMPOSE |
                                          UTF8PROC_CASEFOLD);
    ar_unit u = unit_cp(AR_ALNUM, cp);
    if (m <= 0) {
        free(mapped);
        return u;
    }
    char out[64];
    size_t kept = 0;
    for (utf8proc_ssize_t i = 0; i < m;) {
        uint32_t d;
        size_t len = kh_utf8_decode(mapped + i, (size_t)(m - i), &d, NULL);
        if (is_word_cp(d) && kept + len <= sizeof out) {
            memcpy(out + kept, mapped + i, len);
            kept += len;
        }
        i += (utf8proc_ssize_t)len;
    }
    free(mapped);
    if (kept == 0 || kept > sizeof u.out) {
        u.cls = AR_SLOW;
        return u;
    }
    memcpy(u.out, out, kept);
    u.n = (uint8_t)kept;
    return u;
}

static ar_unit table_unit(uint32_t cp)
{
    if (cp < 0x80) {
        if (cp >= 'A' && cp <= 'Z')
            return unit_cp(AR_ALNUM, cp + ('a' - 'A'));
        if (cp >= 'a' && cp <= 'z')
            return unit_cp(AR_ALNUM, cp);
        if (cp >= '0' && cp <= '9')
            return unit_cp(AR_DIGIT, cp);
        if (cp == '.' || cp == ',')
            return unit_cp(AR_NUMSEP, cp);
        return unit_cp(AR_SEP, cp);
    }
    if (is_arabic_block(cp))
        return arabic_unit(cp);
    switch (utf8proc_category((utf8proc_int32_t)cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
        return other_letter_unit(cp);
    default:
        return raw_unit(cp);
    }
}

static void build_base_table(void)
{
    for (uint32_t cp = 0; cp < AR_TABLE_SIZE; cp++)
        base_table[cp] = table_unit(cp);
}

const ar_unit *ar_base_table(void)
{
    pthread_once(&base_once, build_base_table);
    return base_table;
}

/* Code points of U+2000-U+206F and a few others that need no utf8proc
 * call: format characters vanish inside words, the rest is punctuation. */
static int quick_unit(uint32_t cp, ar_unit *out)
{
    if ((cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
        (cp >= 0x2060 && cp <= 0x206F) || cp == 0xFEFF) {
        *out = unit_cp(AR_DROP, cp);
        return 1;
    }
    if (cp >= 0x2000 && cp <= 0x206F) {
        *out = unit_cp(AR_SEP, cp);
        return 1;
    }
    return 0;
}

size_t ar_slow_units(uint32_t cp, const ar_unit *table, ar_unit *out)
{
    if (quick_unit(cp, out))
        return 1;
    /* NFKC with case folding, one code point at a time and without
     * allocating: decompose, then compose in place.  Composing matters:
     * a Hangul syllable or ﺆ must come out as one code point, exactly as
     * it reads when it is already precomposed. */
    utf8proc_int32_t dec[AR_SLOW_MAX];
    int boundclass = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(
        (utf8proc_int32_t)cp, dec, AR_SLOW_MAX,
        UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD,
        &boundclass);
    if (n > 0 && n <= AR_SLOW_MAX)
        n = utf8proc_normalize_utf32(dec, n, UTF8PROC_COMPOSE |
                                                 UTF8PROC_STABLE);
    if (n <= 0 || n > AR_SLOW_MAX) {
        out[0] = raw_unit(cp);
        return 1;
    }
    for (utf8proc_ssize_t i = 0; i < n; i++) {
        uint32_t d = (uint32_t)dec[i];
        if (d < AR_TABLE_SIZE && table[d].cls != AR_SLOW)
            out[i] = table[d];
        else
            out[i] = raw_unit(d);
    }
    return (size_t)n;
}
