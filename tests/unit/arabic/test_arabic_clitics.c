/*
 * test_arabic_clitics.c - how well the clitic pass splits words, measured
 * on a hand-labelled sample, with and without the exception lexicon.
 *
 * The sample: 110 word types drawn at random (seed 2026) from the
 * SaudiNewsNet words of 2+ occurrences that begin with و ف ب ك ل and that
 * the length guards alone would strip, stopwords and ال-words left out
 * (those are covered in test_arabic_stem.c).  Three ambiguous ones were
 * dropped (بوهب, كرقي, وجهتي).  Each is labelled with what a reader would
 * call the word without its clitics.  The words are in normal form (ؤ and
 * ئ spelt ء since hamza folding).  The rules of scripts/derive-lists.py
 * were adjusted while looking at this sample, so a second, held-out sample
 * gives the honest figure.  The "dominant" rule (برقيه) was added later,
 * without looking at either: it changes no answer in them.
 */
#include <stdio.h>
#include <string.h>

#include "arabic/ar_stem.h"
#include "kh_test.h"

static const char *const sample[][2] = {
    {"فشله", "فشله"}, {"والعقم", "عقم"}, {"ويتعرضون", "يتعرضون"},
    {"ويفصل", "يفصل"}, {"فاختارت", "اختارت"}, {"للمخلصين", "مخلصين"},
    {"وستنتهي", "ستنتهي"}, {"ونشب", "نشب"}, {"وعقدت", "عقدت"},
    {"لنبيه", "نبيه"}, {"باحلامه", "احلامه"}, {"بلانغ", "بلانغ"},
    {"فايران", "ايران"}, {"والاوصياء", "اوصياء"}, {"وقاومت", "قاومت"},
    {"بالاختلاط", "اختلاط"}, {"ونزولا", "نزولا"}, {"والشيخ", "شيخ"},
    {"للخطوه", "خطوه"}, {"وجمال", "جمال"}, {"ليهديه", "يهديه"},
    {"والوديان", "وديان"}, {"وايذاء", "ايذاء"}, {"وترحيله", "ترحيله"},
    {"ويلمسه", "يلمسه"}, {"بفديه", "فديه"}, {"والمكشوفه", "مكشوفه"},
    {"بمنفذ", "منفذ"}, {"والتحليه", "تحليه"}, {"والايرانيين", "ايرانيين"},
    {"ولانه", "انه"}, {"والريث", "ريث"}, {"بالرغم", "رغم"},
    {"وتبعده", "تبعده"}, {"وبعضنا", "بعضنا"}, {"وللحفاظ", "حفاظ"},
    {"وسكانه", "سكانه"}, {"بميول", "ميول"}, {"وجوش", "جوش"},
    {"ووساءل", "وساءل"}, {"فرسان", "فرسان"}, {"وسيذاع", "سيذاع"},
    {"ويرتاح", "يرتاح"}, {"ونشطت", "نشطت"}, {"واختصاصات", "اختصاصات"},
    {"وسترن", "وسترن"}, {"ومعمل", "معمل"}, {"ويكسبهم", "يكسبهم"},
    {"بالزهو", "زهو"}, {"للمستلزمات", "مستلزمات"}, {"فيراريس", "فيراريس"},
    {"بتشجيع", "تشجيع"}, {"فاخبرت", "اخبرت"}, {"وشعوره", "شعوره"},
    {"ومحللي", "محللي"}, {"كسيناريست", "سيناريست"}, {"وملخص", "ملخص"},
    {"للنجوميه", "نجوميه"}, {"فقضايا", "قضايا"}, {"ولادتها", "ولادتها"},
    {"ومحبيك", "محبيك"}, {"لينثروا", "ينثروا"}, {"وحصدهم", "حصدهم"},
    {"والرجال", "رجال"}, {"ويتراجع", "يتراجع"}, {"ومعصوب", "معصوب"},
    {"وحشرات", "حشرات"}, {"وصنيع", "صنيع"}, {"للبرلمان", "برلمان"},
    {"والتصق", "التصق"}, {"واشنع", "اشنع"}, {"بافراغ", "افراغ"},
    {"بالكلاسيكيه", "كلاسيكيه"}, {"كورنر", "كورنر"}, {"ولتلافي", "تلافي"},
    {"ونحن", "نحن"}, {"وببراعه", "براعه"}, {"للاغلاق", "اغلاق"},
    {"وادام", "ادام"}, {"وموازنتها", "موازنتها"},
    {"ومترجمتها", "مترجمتها"}, {"ويعيدها", "يعيدها"}, {"وواضعا", "واضعا"},
    {"وضعت", "وضعت"}, {"باللغات", "لغات"}, {"والبنكرياس", "بنكرياس"},
    {"والطبع", "طبع"}, {"ولايزال", "لايزال"}, {"بيازيد", "بيازيد"},
    {"وعبدالحفيظ", "عبدالحفيظ"}, {"وينشغل", "ينشغل"}, {"واختلط", "اختلط"},
    {"وقيمته", "قيمته"}, {"لربع", "ربع"}, {"وسيستطيع", "سيستطيع"},
    {"ومعلومات", "معلومات"}, {"بروجرس", "بروجرس"},
    {"واستنكارات", "استنكارات"}, {"ووزيرها", "وزيرها"},
    {"وتتعرف", "تتعرف"}, {"بوعاءشه", "بوعاءشه"}, {"لقنبله", "قنبله"},
    {"وذهن", "ذهن"}, {"كمتنزه", "متنزه"}, {"وقاطعتها", "قاطعتها"},
    {"بالاكراميات", "اكراميات"}, {"بنظامنا", "نظامنا"},
};

/* A second sample drawn after the rules were settled (seed 4242, same
 * population, فورتان dropped as ambiguous): the held-out measure. */
static const char *const held_out[][2] = {
    {"وروده", "وروده"}, {"كاءنات", "كاءنات"}, {"بالطبخ", "طبخ"},
    {"وتنذر", "تنذر"}, {"وتسليه", "تسليه"}, {"والغرنوق", "غرنوق"},
    {"واقترب", "اقترب"}, {"لسبع", "سبع"}, {"وينقلبون", "ينقلبون"},
    {"وننظر", "ننظر"}, {"بالدوران", "دوران"}, {"ومحاماه", "محاماه"},
    {"لازلو", "لازلو"}, {"لاختراق", "اختراق"}, {"ومصححه", "مصححه"},
    {"فضولا", "فضولا"}, {"بالشرطه", "شرطه"}, {"ويدركه", "يدركه"},
    {"كسبه", "كسبه"}, {"لحكومات", "حكومات"}, {"والمصريون", "مصريون"},
    {"فغالبيه", "غالبيه"}, {"لتسقط", "تسقط"}, {"لمليكي", "مليكي"},
    {"لمذيع", "مذيع"}, {"وفتاتين", "فتاتين"}, {"برءيته", "رءيته"},
    {"وافسادا", "افسادا"}, {"والمشروعه", "مشروعه"}, {"باربره", "باربره"},
    {"والعشواءيه", "عشواءيه"}, {"لتبعات", "تبعات"}, {"والمشايات", "مشايات"},
    {"واوسعوه", "اوسعوه"}, {"وثوابته", "ثوابته"}, {"وحماسته", "حماسته"},
    {"والغدد", "غدد"}, {"والرءاسه", "رءاسه"}, {"لتاثيرات", "تاثيرات"},
    {"والناقده", "ناقده"}, {"ومنوها", "منوها"}, {"واسهل", "اسهل"},
    {"وعضويه", "عضويه"}, {"بقواته", "قواته"}, {"ومعاونيهم", "معاونيهم"},
    {"واحتجت", "احتجت"}, {"لبلوره", "بلوره"}, {"لباه", "لباه"},
    {"والاسلاميين", "اسلاميين"}, {"ومقتنياتها", "مقتنياتها"},
    {"والاثبات", "اثبات"}, {"بمدارسهم", "مدارسهم"}, {"فاءدتها", "فاءدتها"},
    {"وتستاثر", "تستاثر"}, {"وشوهد", "شوهد"}, {"ومتحدث", "متحدث"},
    {"ومران", "مران"}, {"للنباتات", "نباتات"}, {"ونيكول", "نيكول"},
    {"للمزاج", "مزاج"}, {"فافرينكا", "فافرينكا"}, {"وفصول", "فصول"},
    {"ورقتي", "ورقتي"}, {"وسدنته", "سدنته"}, {"للماء", "ماء"},
    {"ليزيل", "يزيل"}, {"وبمحاوله", "محاوله"}, {"للظالم", "ظالم"},
    {"وتعبءتها", "تعبءتها"}, {"بمخطوط", "مخطوط"}, {"والزميل", "زميل"},
    {"بديهي", "بديهي"}, {"للطيب", "طيب"}, {"بيونجتشانج", "بيونجتشانج"},
};

#define N_SAMPLE (sizeof sample / sizeof *sample)
#define N_HELD_OUT (sizeof held_out / sizeof *held_out)

static size_t count_letters(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* How many of the sample the clitic pass gets right with `lexicon`;
 * prints the misses when `verbose`. */
static size_t score(const char *const (*set)[2], size_t n,
                    const ar_wordset *lexicon, int verbose)
{
    size_t right = 0;
    for (size_t i = 0; i < n; i++) {
        ar_word w = {set[i][0], strlen(set[i][0]),
                     count_letters(set[i][0]), 0};
        ar_strip_clitics_with(&w, lexicon, 0);
        int ok = w.len == strlen(set[i][1]) &&
                 memcmp(w.s, set[i][1], w.len) == 0;
        right += ok;
        if (!ok && verbose)
            fprintf(stderr, "  miss: %s -> %.*s, want %s\n", set[i][0],
                    (int)w.len, w.s, set[i][1]);
    }
    return right;
}

static void test_lexicon_accuracy(void)
{
    ar_wordset empty;
    ar_wordset_build(&empty, NULL, 0);
    size_t guards = score(sample, N_SAMPLE, &empty, 0);
    size_t lexicon = score(sample, N_SAMPLE, ar_clitic_exceptions(), 1);
    fprintf(stderr, "tuning sample: right with guards and order alone "
            "%zu/%zu, with the lexicon %zu/%zu\n", guards, N_SAMPLE, lexicon,
            N_SAMPLE);
    KH_CHECK_INT(N_SAMPLE, 107);
    /* measured when written: 94/107 without, 103/107 with */
    KH_CHECK(lexicon >= N_SAMPLE * 95 / 100);
    KH_CHECK(lexicon > guards);

    guards = score(held_out, N_HELD_OUT, &empty, 0);
    lexicon = score(held_out, N_HELD_OUT, ar_clitic_exceptions(), 1);
    fprintf(stderr, "held-out sample: right with guards and order alone "
            "%zu/%zu, with the lexicon %zu/%zu\n", guards, N_HELD_OUT,
            lexicon, N_HELD_OUT);
    KH_CHECK_INT(N_HELD_OUT, 74);
    KH_CHECK(lexicon >= N_HELD_OUT * 90 / 100);
    KH_CHECK(lexicon >= guards);
    ar_wordset_free(&empty);
}

int main(void)
{
    KH_RUN(test_lexicon_accuracy);
    return kh_test_report();
}
