/*
 * clean_rules.c - chrome that can be recognised in one paragraph, by its
 * words: navigation, font-size pickers, "read also" links, comment headers,
 * share/subscribe/contact footers, ad markers, bare URLs (clean_rules.h).
 *
 * Every phrase below is written in key form (clean_key: folded letters, no
 * punctuation), so "إقرأ أيضاً:" and "اقرأ ايضا" both match "اقرا ايضا".
 * A unit test checks that each table entry is its own key.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/utf8.h"
#include "extract/clean_rules.h"

/* --- phrase tables -------------------------------------------------------- */

/* A whole line that opens a block of links to other stories. */
static const char *const read_headers[] = {
    "اقرا ايضا", "اقرا كذلك", "اقرا المزيد", "اقرا اكثر", "اقرا", "شاهد ايضا",
    "شاهد المزيد", "المزيد", "للمزيد", "المزيد من الاخبار", "مواضيع ذات صله",
    "اخبار ذات صله", "مقالات ذات صله", "روابط ذات صله", "ذات صله",
    "مواضيع متعلقه", "اخبار متعلقه", "قد يهمك", "قد يهمك ايضا", "اخترنا لك",
    "ننصحك بقراءه", "الاكثر قراءه", "الاكثر مشاهده", "الاكثر تداولا",
    "اقرا في العدد", "read more", "read also", "see also", "related",
    "related articles", "related stories", "related news", "more stories",
    "you may also like", "recommended", "most read", NULL};

/* The same links with the headline on the line ("إقرأ المزيد: ...").  Not
 * "للمزيد": "للمزيد من ..." opens ordinary sentences. */
static const char *const read_inline[] = {
    "اقرا ايضا", "اقرا كذلك", "اقرا المزيد", "اقرا اكثر", "شاهد ايضا",
    "شاهد المزيد", "read more", "read also", "see also", NULL};

/* A writer's other articles, their titles glued on ("مقالات أخرى للكاتبالاتفاق
 * النووي..." in aljazirah): matched as a plain prefix, no word boundary. */
static const char *const more_by_writer[] = {
    "مقالات اخري للكاتب", "مقالات سابقه للكاتب", "المزيد من مقالات الكاتب",
    NULL};

static const char *const nav_lines[] = {
    "accessibility links", "skip to content", "skip to main content",
    "skip navigation", "logo print", "logo", "menu", "main menu", "home",
    "search", "next", "previous", "next previous", "previous next", "القايمه",
    "القايمه الرييسيه", "الرييسيه", "الصفحه الرييسيه", "بحث", "ابحث",
    "السابق", "التالي", "السابق التالي", "التالي السابق", "الخبر السابق",
    "الخبر التالي", "المقال السابق", "المقال التالي", "طباعه", "print",
    "ارسل", "ارسال", "email", "back to top", "العوده للاعلي", "اعلي الصفحه",
    "تخطي الي المحتوي", "انتقل الي المحتوي", "login", "sign in", "register",
    "تسجيل الدخول", "حفظ", "تكبير", "تصغير", "ارشيف", "archive", NULL};

/* "click here" links: the phrase alone, or after a purpose ("لقراءة
 * الحوار كاملا أنقر هنا"); an instruction that ends with it stays. */
static const char *const click_here[] = {
    "انقر هنا", "اضغط هنا", "اضغط علي الرابط", "click here", NULL};
static const char *const click_purposes[] = {
    "لقراءه", "لمشاهده", "للاطلاع", "للمزيد", "لمزيد", "لتحميل", "للتحميل",
    "للتسجيل", "لمتابعه", "to read", "to watch", "for more", NULL};

static const char *const font_phrases[] = {
    "تكبير الخط", "تصغير الخط", "حجم الخط", "حجم النص", "تكبير النص",
    "تصغير النص", "font size", "text size", NULL};

/* Tokens of a font-size picker: "XS SM MD LG", "A A A", "A- A A+". */
static const char *const font_tokens[] = {
    "xs", "s", "sm", "m", "md", "l", "lg", "xl", "xxl", "a", "aa", "aaa",
    NULL};

static const char *const comment_headers[] = {
    "تعليقات", "التعليقات", "تعليق", "اضف تعليقا", "اضف تعليق",
    "اضف تعليقك", "اترك تعليقا", "اترك تعليق", "اترك تعليقك", "اترك ردا",
    "اكتب تعليقك", "اكتب تعليقا", "شارك برايك", "اضف رايك", "اراء القراء",
    "تعليقات القراء", "تعليقات الزوار", "لا توجد تعليقات", "لا يوجد تعليقات",
    "التعليقات مغلقه", "comments", "comment", "leave a comment",
    "leave a reply", "add comment", "add a comment", "no comments",
    "post a comment", NULL};

/* A count with a comment word: "9 Comments", "12 تعليقا". */
static const char *const comment_count_words[] = {
    "comments", "comment", "تعليقات", "تعليق", "تعليقا", "رد", "ردود",
    "replies", NULL};

static const char *const comment_disclaimers[] = {
    "التعليقات المنشوره لا تعبر", "التعليقات لا تعبر",
    "جميع التعليقات تخضع", "لن يتم نشر عنوان بريدك",
    "الحقول الالزاميه مشار اليها", "your email address will not be published",
    "required fields are marked", "يرجي الالتزام بسياسه التعليقات", NULL};

/* Share bars and links to the story itself. */
static const char *const share_starts[] = {
    "شارك من خلال", "شارك عبر", "شارك علي", "شارك الخبر", "شارك المقال",
    "شارك هذا", "شارك", "شاركها", "مشاركه الخبر", "مشاركه", "انشر علي",
    "ارسل لصديق", "رابط الخبر", "رابط مختصر", "الرابط المختصر", "share",
    "share this", "share on", "tweet", "short link", NULL};

/* Words of a share bar or a social-network footer. */
static const char *const social_words[] = {
    "تيلغرام", "تلغرام", "تليغرام", "تيليغرام", "تلجرام", "تليجرام",
    "تويتر", "فيسبوك", "فيس بوك", "الفيسبوك", "فيس", "بوك", "انستغرام",
    "انستقرام", "انستجرام", "يوتيوب", "واتس اب", "واتساب", "الواتس", "واتس",
    "اب", "سناب", "سناب شات", "لينكدان", "جوجل", "جوجل بلس", "غوغل", "بلس",
    "تطبيق", "صفحتنا", "قناتنا", "حسابنا", "موقعنا", "الرابط", "telegram",
    "twitter", "facebook", "instagram", "youtube", "whatsapp", "vk", "rss",
    "google", "linkedin", "snapchat", "النشره البريديه", "بريدك", NULL};

/* Words of a share bar between the network names. */
static const char *const bar_words[] = {
    "من", "خلال", "عبر", "علي", "اكتب", "رايك", "تعليقك", "ارسل", "لصديق",
    "طباعه", "مشاركه", NULL};

/* The first words of a "follow us / subscribe / contact" line. */
static const char *const follow_starts[] = {
    "تابعوا", "تابعونا", "تابعنا", "اشترك", "اشتركوا", "للاشتراك",
    "حمل تطبيق", "حملوا تطبيق", "انضم الي", "انضموا الي", "لمراسله الكاتب",
    "للتواصل مع الكاتب", "للتواصل", "follow us", "subscribe", "join us",
    "download our app", NULL};

/* Words of an SMS contact block (almadina, okaz). */
static const char *const sms_word[] = {"sms", NULL};
static const char *const sms_contact_words[] = {"للتواصل", "ارسل", "الكاتب",
                                                NULL};
static const char *const sms_code_word[] = {"بالرمز", NULL};
static const char *const sms_space_word[] = {"مسافه", NULL};
static const char *const sms_tail_words[] = {"ثم الرساله", "مسافه ثم", NULL};
static const char *const sms_words[] = {
    "sms", "بالرمز", "ثم الرساله", "مسافه ثم", "stc", "mobily", "zain",
    "موبايلي", "الاتصالات", NULL};

/* A contact line: "فاكس: 6923348", "هاتف 0112345678". */
static const char *const contact_labels[] = {
    "فاكس", "هاتف", "جوال", "تلفون", "تليفون", "ص ب", "الرمز البريدي",
    "fax", "tel", "phone", "mobile", NULL};

/* Labels of a tag list ("سمات" is 3alyoum's). */
static const char *const tag_labels[] = {
    "سمات", "الوسوم", "وسوم", "الكلمات الدلاليه", "كلمات دلاليه", "tags",
    NULL};

/* Words a line after a footer line may have and still be footer. */
static const char *const footer_words[] = {
    "اشتراك", "الاشتراك", "sms", "رساله", "الرابط", "الرقم", "موبايلي",
    "زين", "الاتصالات", "stc", "mobily", "zain", NULL};

/* Ad lines. */
static const char *const ad_lines[] = {
    "اعلان", "اعلانات", "مساحه اعلانيه", "advertisement", "advertising",
    "sponsored", "محتوي مدعوم", "ads", "ad", NULL};

/* Wire-service markers and syndication credits that are not the story. */
static const char *const wire_lines[] = {
    "انتهي", "يتبع", "نهايه", "end", NULL};
static const char *const credit_starts[] = {
    "خدمه", "بالاتفاق مع", "خاص ب", NULL};

/* Photo credits. */
static const char *const photo_credits[] = {
    "تصوير", "عدسه", "الصوره", "صوره", "photo", NULL};

/* Connectives that open a continuation paragraph. */
static const char *const connective_words[] = {
    "كما", "ثم", "لكن", "لكنه", "لكنها", "غير", "الا", "بينما", "فيما", "حيث",
    "اذ", "ايضا", "هذا", "يذكر", "يشار", "يجدر", "اما", "كذلك", "بدوره",
    "بدورها", "بدورهم", "مضيفا", "مضيفه", "موضحا", "مشيرا", "موكدا",
    "لافتا", "كان", "كانت", "اضاف", "اضافت", "تابع", "بحسب", "وسط", NULL};
static const char *const connective_phrases[] = {
    "في غضون", "في سياق", "في المقابل", "في حين", "في الاثناء",
    "في هذه الاثناء", "في الوقت", "في ذلك", "في هذا", "في السياق",
    "من جهته", "من جهتها", "من جهتهم", "من جانبه", "من جانبها",
    "من جانبهم", "من ناحيته", "من ناحيتها", "من ناحيه", "من جهه",
    "من جانب", "علي صعيد", "علي الصعيد", "الي ذلك", "الي جانب",
    "علاوه علي", "فضلا عن", "بالاضافه الي", "بالتزامن مع", NULL};
/* Words that begin with و or ف as part of their root: not a connective. */
static const char *const waw_fa_roots[] = {
    "وزير", "وزيره", "وزراء", "وزاره", "وزارتا", "وزارات", "وكاله",
    "وكالات", "وكيل", "وافق", "وافقت", "وصل", "وصلت", "وقع", "وقعت", "وجه",
    "وجهت", "وصف", "وصفت", "وضع", "وضعت", "وعد", "وعدت", "ولد", "ولي",
    "والي", "وفد", "وفاه", "وقف", "وقفت", "ورد", "وردت", "واشنطن",
    "وثيقه", "واصل", "واصلت", "وجد", "وجدت", "وصول", "ودع", "ودعت", "وحده",
    "وحدات", "ورشه", "وسايل", "ولايه", "وليد", "وايل", "وقعت", "وزع", "وزعت",
    "فاز", "فازت", "فرض", "فرضت", "فشل", "فشلت", "فتح", "فتحت", "فقد", "فقدت",
    "فريق", "فرنسا", "فلسطين", "فصل", "فحص", "فجر", "فجرت", "فند", "فندت",
    "فيصل", "فهد", "فاطمه", "فلاديمير", "فيروس", "فنزويلا", "فيتنام",
    "فنلندا", "فوز", "فتاه", "فرق", "فرقه", "فتره", NULL};

/* Labels before a handle or link on a contact line. */
static const char *const url_labels[] = {
    "الرابط", "رابط", "الموقع", "الموقع الالكتروني", "تويتر", "twitter",
    "البريد الالكتروني", "البريد", "email", "e mail", "ايميل", "انستغرام",
    "instagram", "فيسبوك", "facebook", "سناب", "snapchat", "المصدر", NULL};

const char *const *const clean_phrase_tables[] = {
    read_headers, read_inline, more_by_writer, nav_lines, click_here, click_purposes,
    font_phrases, font_tokens, comment_headers, comment_count_words,
    comment_disclaimers, share_starts, social_words, follow_starts,
    sms_words, sms_word, sms_contact_words, sms_code_word, sms_space_word,
    sms_tail_words, bar_words, tag_labels, contact_labels, footer_words, ad_lines,
    wire_lines,
    credit_starts, photo_credits, connective_words, connective_phrases,
    waw_fa_roots, url_labels, NULL};

/* --- small helpers --------------------------------------------------------- */

/* Every word of key is in the table. */
static int all_words_in(const char *key, const char *const *table)
{
    if (!*key)
        return 0;
    char word[64];
    for (const char *p = key; *p;) {
        size_t n = clean_key_first_word(p);
        if (n >= sizeof word)
            return 0;
        memcpy(word, p, n);
        word[n] = '\0';
        if (!clean_key_is(word, table))
            return 0;
        p += n;
        while (*p == ' ')
            p++;
    }
    return 1;
}

static int first_word_is(const char *key, const char *const *table)
{
    char word[64];
    size_t n = clean_key_first_word(key);
    if (n == 0 || n >= sizeof word)
        return 0;
    memcpy(word, key, n);
    word[n] = '\0';
    return clean_key_is(word, table);
}

static int is_digits_word(const char *w, size_t n)
{
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (w[i] < '0' || w[i] > '9')
            return 0;
    return 1;
}

/* --- URLs --------------------------------------------------------------- */

static int ascii_prefix_ci(const char *s, const char *prefix)
{
    for (; *prefix; s++, prefix++) {
        char c = *s;
        if (c >= 'A' && c <= 'Z')
            c += 32;
        if (c != *prefix)
            return 0;
    }
    return 1;
}

/* One space-free token that is a URL, an e-mail address or a @handle. */
static int is_link_token(const char *t, size_t n)
{
    if (n >= 8 && (ascii_prefix_ci(t, "http://") ||
                   ascii_prefix_ci(t, "https://")))
        return 1;
    if (n >= 5 && ascii_prefix_ci(t, "www."))
        return 1;
    if (n >= 2 && t[0] == '@')
        return 1;
    const char *at = memchr(t, '@', n);
    if (at && at > t && memchr(at, '.', n - (size_t)(at - t)))
        return 1;
    /* a bare domain: ascii letters, a dot, a known ending */
    static const char *const tlds[] = {".com", ".net", ".org", ".sa", ".me",
                                       ".gov", ".info", NULL};
    for (const char *const *d = tlds; *d; d++) {
        size_t dl = strlen(*d);
        if (n > dl + 1 && (ascii_prefix_ci(t + n - dl, *d) ||
                           (n > dl + 2 && t[n - 1] == '/' &&
                            ascii_prefix_ci(t + n - dl - 1, *d)))) {
            for (size_t i = 0; i < n; i++)
                if ((unsigned char)t[i] >= 0x80)
                    return 0;
            return 1;
        }
    }
    return 0;
}

/* "تويتر: Arfaj1", "T: Arfaj1", "الرابط: ...": a label, a colon, one
 * ASCII handle. */
static int is_handle_line(const char *text, const clean_facts *f)
{
    const char *colon = strchr(text, ':');
    if (!colon || f->words > 4 || f->arabic > 12)
        return 0;
    size_t label = clean_key_starts(f->key, url_labels);
    if (!label && strncmp(f->key, "t ", 2) != 0)
        return 0;
    const char *h = colon + 1;
    while (*h == ' ')
        h++;
    if (!*h || strchr(h, ' '))
        return 0;
    for (const char *c = h; *c; c++)
        if ((unsigned char)*c >= 0x80)
            return 0;
    return 1;
}

int clean_is_url_line(const char *text, const clean_facts *f)
{
    if (f->words == 0 || f->words > 12)
        return 0;
    /* Tokens are separated by single spaces (the text is tidied).  A label
     * ending with ':' may come first ("الرابط:", "تويتر:"). */
    int links = 0, others = 0;
    const char *p = text;
    while (*p) {
        const char *sp = strchr(p, ' ');
        size_t n = sp ? (size_t)(sp - p) : strlen(p);
        if (is_link_token(p, n))
            links++;
        else
            others++;
        p += n;
        while (*p == ' ')
            p++;
    }
    if (links == 0)
        return is_handle_line(text, f);
    if (others == 0)
        return 1;
    if (others == 1 && is_handle_line(text, f))
        return 1;
    return 0;
}

/* --- connectives and headlines ---------------------------------------------- */

int clean_opens_report(const clean_facts *f)
{
    const char *key = f->key;
    if (!*key)
        return 0;
    if (first_word_is(key, connective_words) ||
        clean_key_starts(key, connective_phrases))
        return 0;
    size_t n = clean_key_first_word(key);
    /* و/ف + at least two more letters (Arabic letters are 2 bytes) */
    int waw = n >= 6 && (memcmp(key, "\xD9\x88", 2) == 0 ||
                         memcmp(key, "\xD9\x81", 2) == 0);
    if (waw && !first_word_is(key, waw_fa_roots))
        return 0;
    return 1;
}

int clean_headline_like(const clean_facts *f, kh_para_kind kind)
{
    if (f->letters == 0)
        return 0;
    if (kind == KH_PARA_HEADING)
        return f->words <= 30;
    return !f->ends_sentence && f->words <= 16;
}

/* --- single-line rules ------------------------------------------------------ */

static int is_font_picker(const char *text, const clean_facts *f)
{
    if (f->arabic == 0 && strlen(text) <= 24 && all_words_in(f->key, font_tokens))
        return 1;
    return f->words <= 6 && clean_key_has(f->key, font_phrases);
}

/* A menu: several short items between separators ("الرئيسية | أخبار |
 * رياضة", "Home > News > World").  Not « »: they are Arabic quotes. */
static int is_menu(const char *text, const clean_facts *f)
{
    if (f->ends_sentence || f->words > 30)
        return 0;
    size_t items = 1, words_in_item = 0, max_words = 0;
    int in_word = 0;
    const unsigned char *s = (const unsigned char *)text;
    size_t n = strlen(text);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += kh_utf8_decode(s + i, n - i, &cp, NULL);
        if (cp == '|' || cp == 0x2022 || cp == 0xB7 || cp == 0x203A ||
            cp == '>' || cp == 0x2190 || cp == 0x2192) {
            items++;
            words_in_item = 0;
            in_word = 0;
        } else if (clean_is_word_char(cp)) {
            if (!in_word && ++words_in_item > max_words)
                max_words = words_in_item;
            in_word = 1;
        } else if (!clean_is_ignorable(cp)) {
            in_word = 0;
        }
    }
    return items >= 4 && max_words <= 3;
}

static int is_comment_header(const clean_facts *f)
{
    const char *key = f->key;
    if (clean_key_is(key, comment_headers))
        return 1;
    if (clean_key_starts(key, comment_disclaimers))
        return 1;
    /* "9 Comments", "التعليقات 12", "عدد التعليقات 3" */
    if (f->words == 2) {
        size_t n = clean_key_first_word(key);
        const char *second = key + n + 1;
        if (is_digits_word(key, n) && clean_key_is(second, comment_count_words))
            return 1;
        if (is_digits_word(second, strlen(second)) &&
            (first_word_is(key, comment_count_words) ||
             strncmp(key, "التعليقات", n) == 0))
            return 1;
    }
    if (f->words == 3 && strncmp(key, "عدد التعليقات ", 26) == 0)
        return 1;
    return 0;
}

static int has_social_word(const char *key)
{
    return clean_key_has(key, social_words);
}

/* An SMS contact block ("للتواصل مع الكاتب ارسل رسالة SMS تبدأ بالرمز
 * (136) ثم مسافة ..."), whole or cut across lines.  Short lines only: a
 * report about an SMS campaign mentions the same words in a long
 * paragraph. */
static int is_sms_contact(const clean_facts *f)
{
    const char *key = f->key;
    if (f->words > 25)
        return 0;
    if (clean_key_has(key, sms_word) && clean_key_has(key, sms_contact_words))
        return 1;
    if (clean_key_has(key, sms_code_word) && clean_key_has(key, sms_space_word))
        return 1;
    if (f->words <= 6 && clean_key_has(key, sms_tail_words))
        return 1;
    return f->words <= 10 && f->digit_run >= 5 &&
           clean_key_has(key, sms_words);
}

static const char *footer_reason(const char *text, const clean_facts *f)
{
    const char *key = f->key;
    if (f->words <= 30 && clean_key_starts(key, follow_starts) &&
        (has_social_word(key) || clean_is_url_line(text, f) ||
         strchr(text, '@') || strstr(key, "الكاتب")))
        return KH_WHY_SUBSCRIBE;
    if (is_sms_contact(f))
        return KH_WHY_SUBSCRIBE;
    if (f->words <= 8 && f->digit_run >= 5 &&
        clean_key_starts(key, contact_labels))
        return KH_WHY_SUBSCRIBE;
    size_t share = clean_key_starts(key, share_starts);
    if (share && f->words <= 20) {
        const char *rest = key + share;
        while (*rest == ' ')
            rest++;
        /* "شارك" alone is a button; with words after it, they must be
         * networks ("شارك من خلال تويتر فيسبوك") or a link to the story */
        if (!*rest || all_words_in(rest, social_words) ||
            has_social_word(key) || strncmp(key, "رابط", 8) == 0 ||
            strncmp(key, "الرابط", 12) == 0 || f->words <= 3)
            return KH_WHY_SHARE;
    }
    if (f->words <= 8 && all_words_in(key, social_words) && f->words >= 2)
        return KH_WHY_SHARE;
    return NULL;
}

int clean_footer_continues(const char *text, const clean_facts *f)
{
    if (f->words > 25)
        return 0;
    if (clean_is_url_line(text, f) || f->digit_run >= 5 || strchr(text, '@'))
        return 1;
    if (has_social_word(f->key) || clean_key_has(f->key, footer_words))
        return 1;
    return f->ends_colon && f->words <= 12;
}

/* "// انتهى //", "// 12:45 ت م", "20:26 ت م": the wire's end marks. */
static int is_wire_mark(const char *text, const clean_facts *f)
{
    const char *key = f->key;
    if (f->words <= 2 && clean_key_is(key, wire_lines) &&
        (strchr(text, '/') || strchr(text, '-') || strchr(text, '(')))
        return 1;
    /* a time of day, optionally with "ت م" / "ص" / "م" and slashes */
    if (f->words >= 2 && f->words <= 4 && f->letters <= 4 && strchr(text, ':')) {
        size_t n = clean_key_first_word(key);
        const char *second = key + n + 1;
        size_t n2 = clean_key_first_word(second);
        if (is_digits_word(key, n) && is_digits_word(second, n2) && n <= 2 &&
            n2 == 2)
            return 1;
    }
    return 0;
}

/* "* خدمة «نيويورك تايمز»", "خاص بـ«الشرق الأوسط»": syndication notes. */
static int is_credit(const char *text, const clean_facts *f)
{
    if (f->words > 6 || f->ends_sentence)
        return 0;
    if (!clean_key_starts(f->key, credit_starts))
        return 0;
    return text[0] == '*' || strstr(text, "\xC2\xAB") || /* « */
           strstr(text, "{") || strncmp(f->key, "خاص ب", 8) == 0;
}

static int is_photo_credit(const char *text, const clean_facts *f)
{
    return f->words <= 6 && clean_key_starts(f->key, photo_credits) &&
           strchr(text, ':') && !f->ends_sentence;
}

const char *clean_rule_line(const char *text, const clean_facts *f,
                            kh_para_kind kind, clean_mark *mark)
{
    *mark = CLEAN_MARK_NONE;
    const char *key = f->key;
    if (!*text)
        return KH_WHY_EMPTY;
    if (!*key)
        return KH_WHY_SEPARATOR;
    if (clean_is_url_line(text, f))
        return KH_WHY_URL;
    if (f->words <= 3 && clean_key_is(key, ad_lines))
        return KH_WHY_AD;
    if (is_font_picker(text, f))
        return KH_WHY_FONT_SIZE;
    if (clean_key_is(key, nav_lines) || is_menu(text, f))
        return KH_WHY_NAVIGATION;
    if (f->words <= 14 && !f->ends_sentence &&
        clean_key_starts(key, tag_labels) && f->words >= 2)
        return KH_WHY_NAVIGATION; /* a tag list on its own line */
    if (f->words <= 10 && clean_key_has(key, click_here) &&
        (clean_key_starts(key, click_here) ||
         clean_key_starts(key, click_purposes)))
        return KH_WHY_NAVIGATION;
    if (clean_key_is(key, read_headers)) {
        *mark = CLEAN_MARK_READ_HEADER;
        return KH_WHY_READ_ALSO;
    }
    if (f->words <= 30 && clean_key_starts(key, read_inline))
        return KH_WHY_READ_ALSO;
    for (const char *const *m = more_by_writer; *m; m++)
        if (strncmp(key, *m, strlen(*m)) == 0)
            return KH_WHY_READ_ALSO;
    if (f->words <= 40 && is_comment_header(f)) {
        *mark = CLEAN_MARK_COMMENTS;
        return KH_WHY_COMMENTS;
    }
    const char *why = footer_reason(text, f);
    if (why) {
        *mark = CLEAN_MARK_FOOTER;
        return why;
    }
    if (is_wire_mark(text, f) || is_credit(text, f))
        return KH_WHY_BOILERPLATE;
    if (is_photo_credit(text, f))
        return KH_WHY_CAPTION;
    if (kind == KH_PARA_CAPTION)
        return KH_WHY_CAPTION;
    if (kind == KH_PARA_LINK_BLOCK && !f->ends_sentence && f->words <= 12)
        return KH_WHY_NAVIGATION;
    return NULL;
}

/* --- cuts inside a paragraph --------------------------------------------- */

size_t clean_text_after_words(const char *text, size_t len, size_t words)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0, seen = 0;
    int in_word = 0;
    while (i < len) {
        uint32_t cp;
        size_t k = kh_utf8_decode(s + i, len - i, &cp, NULL);
        if (clean_is_word_char(cp)) {
            if (!in_word) {
                if (seen == words)
                    break;
                seen++;
            }
            in_word = 1;
        } else if (!clean_is_ignorable(cp)) {
            in_word = 0;
            /* only separators may follow the cut words; an opening quote
             * or bracket belongs to what comes next */
            if (seen == words && !(clean_is_space(cp) || cp == ':' ||
                                   cp == '-' || cp == 0x2013 ||
                                   cp == 0x2014 || cp == ',' ||
                                   cp == 0x060C || cp == '|' || cp == '.'))
                break;
        }
        i += k;
    }
    return i;
}

size_t clean_prefix_cut(const char *text, const clean_facts *f,
                        const char **why)
{
    const char *key = f->key;
    size_t len = strlen(text);
    /* "Next Previous" (3alyoum's slider controls) glued to the byline */
    if (strncmp(key, "next previous ", 14) == 0 ||
        strncmp(key, "previous next ", 14) == 0) {
        *why = KH_WHY_NAVIGATION;
        return clean_text_after_words(text, len, 2);
    }
    /* A share bar glued to the first paragraph: "شارك من خلال تويتر فيسبوك
     * جوجل بلس اكتب رأيك <body>".  Consume share words while they last. */
    size_t share = clean_key_starts(key, share_starts);
    if (share && f->words > 3) {
        const char *p = key;
        size_t words = 0, networks = 0;
        char word[64];
        while (*p) {
            size_t n = clean_key_first_word(p);
            if (n >= sizeof word)
                break;
            memcpy(word, p, n);
            word[n] = '\0';
            int social = clean_key_is(word, social_words);
            if (words > 0 && !social && !clean_key_is(word, bar_words))
                break;
            networks += (size_t)social;
            words++;
            p += n;
            while (*p == ' ')
                p++;
        }
        if (networks >= 2 && *p) {
            *why = KH_WHY_SHARE;
            return clean_text_after_words(text, len, words);
        }
    }
    return 0;
}

/*
 * A tag list glued to the end of the last paragraph: a label, then up to a
 * dozen keywords and no sentence punctuation.  The label is searched from
 * the end, on word boundaries, after the last sentence stop, so "سمات" used
 * in a sentence ("من سمات المرحلة ...") does not match: a sentence stop or
 * more than a dozen words would follow it.
 */
size_t clean_tags_suffix(const char *text, const clean_facts *f)
{
    if (f->words < 3)
        return 0;
    size_t len = strlen(text);
    int spaces = 0;
    for (size_t at = len; at-- > 1 && spaces < 14 && len - at < 400;) {
        if (text[at] != ' ')
            continue;
        spaces++;
        const char *tail = text + at + 1;
        char *key = clean_key(tail, len - at - 1, NULL);
        size_t label = clean_key_starts(key, tag_labels);
        free(key);
        if (!label)
            continue;
        clean_facts tf;
        clean_facts_compute(&tf, tail, len - at - 1);
        int ok = tf.words >= 2 && !tf.ends_sentence &&
                 !strpbrk(tail, ".!?") && !strstr(tail, "\xD8\x9F"); /* ؟ */
        clean_facts_free(&tf);
        return ok ? at : 0;
    }
    return 0;
}

/* "[ads3]", "[ad]", "[ad_1]", "[advertisement]", "[إعلان]" */
static int is_ad_marker_body(const char *s, size_t n)
{
    static const char *const words[] = {"ads", "ad", "advert", "advertisement",
                                        "\xD8\xA5\xD8\xB9\xD9\x84\xD8\xA7\xD9\x86",
                                        "\xD8\xA7\xD8\xB9\xD9\x84\xD8\xA7\xD9\x86",
                                        NULL};
    for (const char *const *w = words; *w; w++) {
        size_t wl = strlen(*w);
        if (n < wl || !ascii_prefix_ci(s, *w))
            continue;
        size_t i = wl;
        while (i < n && (s[i] == '_' || s[i] == '-' || s[i] == ' '))
            i++;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == n)
            return 1;
    }
    return 0;
}

size_t clean_find_ad_marker(const char *text, size_t len, size_t from,
                            size_t *at)
{
    for (size_t i = from; i < len; i++) {
        /* a '[' is rare: memchr finds the next one at its own speed */
        const char *open = memchr(text + i, '[', len - i);
        if (!open)
            break;
        i = (size_t)(open - text);
        const char *close = memchr(text + i + 1, ']',
                                   len - i - 1 < 24 ? len - i - 1 : 24);
        if (!close)
            continue;
        size_t body = (size_t)(close - (text + i + 1));
        if (body > 0 && is_ad_marker_body(text + i + 1, body)) {
            *at = i;
            return body + 2;
        }
    }
    return 0;
}
