/*
 * test_stories.c - the stories stage alone: dates, terms, and the
 * clusterer (one event across outlets, topics kept apart by time, a story
 * across midnight, copies, undated articles, templates, stable ids across
 * batches, merges, repeats, prepare and place, save and restore, 10,000
 * copies, closed stories freed).  The texts are written for this test.
 */
#include <math.h>
#include <string.h>
#include <time.h>

#include "common/alloc.h"
#include "kh_test.h"
#include "khabar.h"
#include "stories/stories_state.h"
#include "stories/story_terms.h"
#include "stories/story_time.h"

static void test_hours(void)
{
    int64_t noon = kh_story_hours("2015-08-03");
    KH_CHECK(noon != KH_NO_TIME);
    KH_CHECK_INT(kh_story_hours("2015-08-03T23:30:00") - noon, 11);
    KH_CHECK_INT(kh_story_hours("2015-08-04 01:05:00") - noon, 13);
    KH_CHECK_INT(kh_story_hours("1970-01-01T00:00:00"), 0);
    KH_CHECK_INT(kh_story_hours("2016-03-01") - kh_story_hours("2016-02-28"),
                 48); /* a leap year */
    KH_CHECK(kh_story_hours(NULL) == KH_NO_TIME);
    KH_CHECK(kh_story_hours("yesterday") == KH_NO_TIME);
    KH_CHECK(kh_story_hours("2015-13-01") == KH_NO_TIME);
    KH_CHECK(kh_story_hours("2015-08-03T25:00") == KH_NO_TIME);
    KH_CHECK(kh_story_hours("2015-08-03junk") == KH_NO_TIME);
}

static const kh_term *term_of(const kh_termvec *t, const char *word)
{
    uint32_t term = kh_story_term(word, strlen(word));
    for (size_t i = 0; i < t->n; i++)
        if (t->v[i].term == term)
            return &t->v[i];
    return NULL;
}

static float weight_of(const kh_termvec *t, const char *word)
{
    const kh_term *x = term_of(t, word);
    return x ? x->weight : 0.0f;
}

static void test_terms(void)
{
    kh_stories_opts o;
    kh_stories_opts_init(&o);
    o.lead_words = 4;
    kh_analyzer_opts ao;
    kh_analyzer_opts_init(&ao);
    ao.stemmer = KH_STEM_NONE;
    ao.strip_clitics = 0;
    kh_analyzer *an = kh_analyzer_create(&ao);
    kh_termvec t = {0};
    kh_story_terms(an, &o, "convoy near taiz",
                   "taiz 3 convoy of trucks road trucks Trucks taiz", &t);
    /* title 2; text 1 + ln(count); lead +1; x1.5 once for a term in title
     * and text or one form repeated (a name); numbers x1.5 */
    KH_CHECK(fabs(weight_of(&t, "taiz") - (2 + 1 + log(2) + 1) * 1.5) < 1e-5);
    KH_CHECK(fabs(weight_of(&t, "near") - 2) < 1e-6);
    KH_CHECK(fabs(weight_of(&t, "3") - (1 + 1) * 1.5) < 1e-6);
    KH_CHECK(fabs(weight_of(&t, "road") - 1) < 1e-6); /* past the lead */
    /* "trucks" three times in one form (case folding joins Trucks) */
    KH_CHECK(term_of(&t, "trucks")->flags & KH_TERM_NAME);
    KH_CHECK(!(term_of(&t, "near")->flags & KH_TERM_BODY));
    KH_CHECK(term_of(&t, "3")->flags & KH_TERM_NUMBER);
    for (size_t i = 1; i < t.n; i++)
        KH_CHECK(t.v[i - 1].term < t.v[i].term);
    /* Arabic: a word always in one form is a name, a common noun in
     * several forms is not */
    kh_analyzer *def = kh_analyzer_create(NULL);
    kh_story_terms(def, &o, NULL,
                   "لافروف قال إن التنسيق ممكن. وقال لافروف إن للتنسيق شروطا",
                   &t);
    const kh_term *lavrov = term_of(&t, "لافروف");
    KH_CHECK(lavrov && (lavrov->flags & KH_TERM_NAME));
    kh_story_terms(an, &o, NULL, NULL, &t);
    KH_CHECK_INT(t.n, 0);
    kh_termvec_free(&t);
    kh_analyzer_free(an);
    kh_analyzer_free(def);
}

typedef struct doc {
    uint64_t id;
    const char *date, *title, *text, *source;
} doc;

static const doc lavrov[] = {
    {101, "2015-08-04T10:00:00",
     "لافروف: موسكو مستعدة للتنسيق مع واشنطن لطرد داعش من الرقة",
     "أعلن وزير الخارجية الروسي سيرغي لافروف اليوم أن موسكو مستعدة للتنسيق "
     "مع التحالف الدولي بقيادة واشنطن لطرد تنظيم داعش من مدينة الرقة "
     "السورية، وقال إن التنسيق بين الطيران الروسي والأمريكي ممكن.", "aawsat"},
    {102, "2015-08-04T16:30:00",
     "روسيا تبدي استعدادها لتنسيق الضربات في الرقة مع التحالف",
     "قال سيرغي لافروف وزير الخارجية الروسي إن بلاده مستعدة لتنسيق "
     "العمليات الجوية مع التحالف الذي تقوده واشنطن ضد تنظيم داعش في "
     "الرقة، مؤكدا أن الاتصالات مستمرة.", "alriyadh"},
    {103, "2015-08-05T08:00:00",
     "لافروف يدعو إلى تنسيق روسي أمريكي في سماء الرقة",
     "دعا وزير الخارجية الروسي لافروف إلى التنسيق بين الطيران الروسي "
     "وطيران التحالف فوق الرقة معقل تنظيم داعش في سوريا.", "okaz"},
};

/* Terms read from tokens analysed beforehand (ingest analyses each
 * article once) are the terms of kh_story_terms, weights included. */
static void test_terms_from_tokens(void)
{
    kh_stories_opts o;
    kh_stories_opts_init(&o);
    kh_analyzer *an = kh_analyzer_create(NULL);
    kh_article_tokens toks = KH_ARTICLE_TOKENS_INIT;
    kh_termvec a = {0}, b = {0};
    for (int i = 0; i < 3; i++) {
        kh_article art = {0};
        art.title = (char *)lavrov[i].title;
        art.text = (char *)lavrov[i].text;
        kh_story_terms(an, &o, art.title, art.text, &a);
        kh_article_tokens_make(&toks, an, &art);
        kh_story_terms_tokens(an, &toks, &o, art.title, art.text, &b);
        KH_CHECK(a.n > 5);
        KH_CHECK_INT(b.n, a.n);
        KH_CHECK(a.n == b.n &&
                 memcmp(a.v, b.v, a.n * sizeof *a.v) == 0);
    }
    kh_termvec_free(&a);
    kh_termvec_free(&b);
    kh_article_tokens_free(&toks);
    kh_analyzer_free(an);
}

/* One event, three outlets, three wordings. */

/* Another event, spanning midnight and two days. */
static const doc fire[] = {
    {201, "2015-08-05T23:10:00", "الدفاع المدني يخمد حريقا في مستودع أخشاب بجدة",
     "أخمدت فرق الدفاع المدني حريقا اندلع في مستودع للأخشاب بالمنطقة "
     "الصناعية في جدة دون إصابات، والتحقيق جار لمعرفة أسباب الحريق.", "okaz"},
    {202, "2015-08-06T00:40:00", "حريق مستودع أخشاب في جدة دون إصابات",
     "اندلع حريق في مستودع للأخشاب بالمنطقة الصناعية في جدة وتمكنت فرق "
     "الدفاع المدني من إخماده دون إصابات.", "alriyadh"},
    {203, "2015-08-06T09:00:00", "أسباب حريق مستودع الأخشاب بجدة قيد التحقيق",
     "قال الدفاع المدني في جدة إن أسباب حريق مستودع الأخشاب في المنطقة "
     "الصناعية ما زالت قيد التحقيق.", "aawsat"},
};

/* The same wording about one topic, nine days apart: two events. */
static const doc yemen[] = {
    {301, "2015-07-25", "طيران التحالف يقصف مواقع الحوثيين في تعز",
     "شن طيران التحالف غارات على مواقع ميليشيات الحوثي في مدينة تعز "
     "اليمنية ودمر مخازن للأسلحة.", "alyaum"},
    {302, "2015-08-03", "طيران التحالف يقصف مواقع الحوثيين في تعز",
     "شن طيران التحالف غارات على مواقع ميليشيات الحوثي في مدينة تعز "
     "اليمنية واستهدف قافلة للإمدادات.", "alyaum"},
};

static kh_article make(const doc *d)
{
    kh_article a = {0};
    a.id = d->id;
    a.date = (char *)d->date;
    a.title = (char *)d->title;
    a.text = (char *)d->text;
    a.source = (char *)d->source;
    return a;
}

static void add_docs(kh_stories *s, const doc *docs, size_t n,
                     const uint64_t *dup_of, uint64_t *story)
{
    kh_article arts[16];
    const kh_article *ptrs[16];
    KH_CHECK(n <= 16);
    for (size_t i = 0; i < n; i++) {
        arts[i] = make(&docs[i]);
        ptrs[i] = &arts[i];
    }
    KH_CHECK_INT(kh_stories_add_batch(s, ptrs, dup_of, n, story), KH_OK);
}

static void test_events_and_topics(void)
{
    kh_stories *s = kh_stories_create(NULL);
    uint64_t st[8];
    /* batch 1: two events and the first Yemen report, mixed */
    const doc batch1[] = {lavrov[0], fire[0], yemen[0], lavrov[1], fire[1]};
    add_docs(s, batch1, 5, NULL, st);
    KH_CHECK(st[0] == st[3]);     /* Lavrov, two outlets */
    KH_CHECK(st[1] == st[4]);     /* the fire, across midnight */
    KH_CHECK(st[0] != st[1] && st[0] != st[2] && st[1] != st[2]);
    /* batch 2: the same events continue and keep their ids */
    const doc batch2[] = {fire[2], lavrov[2], yemen[1]};
    uint64_t st2[3];
    add_docs(s, batch2, 3, NULL, st2);
    KH_CHECK(st2[0] == st[1]);
    KH_CHECK(st2[1] == st[0]);
    /* the same words nine days later are another event */
    KH_CHECK(st2[2] != st[2]);
    KH_CHECK(st2[2] != st[0] && st2[2] != st[1]);
    /* the same article again keeps its story, in a batch or twice in one */
    uint64_t again[2];
    const doc twice[] = {lavrov[1], lavrov[1]};
    add_docs(s, twice, 2, NULL, again);
    KH_CHECK(again[0] == st[0] && again[1] == st[0]);
    const doc fresh_twice[] = {
        {120, "2015-08-05T12:00:00", "لافروف يكرر استعداد موسكو للتنسيق في الرقة",
         "كرر وزير الخارجية الروسي سيرغي لافروف استعداد موسكو للتنسيق مع "
         "واشنطن والتحالف لطرد تنظيم داعش من الرقة.", "tass"},
        {120, "2015-08-05T12:00:00", "لافروف يكرر استعداد موسكو للتنسيق في الرقة",
         "كرر وزير الخارجية الروسي سيرغي لافروف استعداد موسكو للتنسيق مع "
         "واشنطن والتحالف لطرد تنظيم داعش من الرقة.", "tass"},
    };
    add_docs(s, fresh_twice, 2, NULL, again);
    KH_CHECK(again[0] == again[1] && again[0] == st[0]);
    KH_CHECK(kh_stories_story_of(s, 999) == 0);
    kh_stories_counters c;
    kh_stories_counters_get(s, &c);
    KH_CHECK_INT(c.articles, 9); /* each article placed once */
    kh_stories_free(s);
}

/*
 * Copies follow their representative; undated articles (a page whose date
 * is only in its text) are placed by their content alone: they join the
 * dated story they tell.
 */
static void test_copies_and_undated(void)
{
    kh_stories *s = kh_stories_create(NULL);
    uint64_t st[5];
    /* a copy (another outlet's text of 101, with another title) */
    doc copy = {150, "2015-08-04T18:00:00", "عنوان آخر تماما لا يشبه شيئا",
                "نص منسوخ", "okaz"};
    doc undated = fire[0], undated2 = fire[1];
    undated.id = 250;
    undated2.id = 251;
    undated.date = undated2.date = NULL;
    undated.source = "nakhla";
    undated2.source = "saei";
    const doc batch[] = {copy, lavrov[0], fire[0], undated, undated2};
    uint64_t dup_of[] = {101, 0, 0, 0, 0};
    add_docs(s, batch, 5, dup_of, st);
    KH_CHECK(st[0] == st[1]); /* the copy follows its representative */
    KH_CHECK(st[2] != st[1]);
    KH_CHECK(st[3] == st[2]); /* undated, by content */
    KH_CHECK(st[4] == st[2]);
    /* a copy whose representative is unknown is placed as an original */
    doc orphan = fire[1];
    orphan.id = 252;
    uint64_t rep = 987654, st_orphan;
    add_docs(s, &orphan, 1, &rep, &st_orphan);
    KH_CHECK(st_orphan == st[2]);
    /* the same text a week later (a template reused) is not part of the
     * story any more: it is placed as an original */
    doc late = {151, "2015-08-12", "عنوان آخر تماما لا يشبه شيئا",
                "نص منسوخ", "okaz"};
    uint64_t rep101 = 101, st_late;
    add_docs(s, &late, 1, &rep101, &st_late);
    KH_CHECK(st_late != st[1]);
    KH_CHECK(st_late != 0);
    kh_story_record r;
    KH_CHECK_INT(kh_stories_batch_record(s, 0, &r), KH_OK);
    KH_CHECK_INT(r.duplicate, 0);
    KH_CHECK(r.n_terms > 0);
    KH_CHECK_INT(kh_stories_batch_record(s, 1, &r), KH_EINVAL);
    /* ids of 0 are refused */
    doc zero = fire[0];
    zero.id = 0;
    kh_article a = make(&zero);
    const kh_article *p = &a;
    KH_CHECK_INT(kh_stories_add_batch(s, &p, NULL, 1, NULL), KH_EINVAL);
    kh_stories_free(s);
}

/*
 * Templates.  One outlet's daily bulletin: nearly the same words each day,
 * the day and the figures in the title differ: two events.  Cables to two
 * countries from two outlets: the country, the title's name, differs.
 * The same outlet's follow-up of one event, in other words, stays.
 */
static void test_templates(void)
{
    const doc d[] = {
        {401, NULL, "الأرصاد: طقس الأحد صحو إلى غائم جزئيا مع ضباب على السواحل",
         "توقع المركز الوطني للأرصاد أن يكون الطقس يوم غد الأحد صحوا إلى "
         "غائم جزئيا على معظم المناطق مع فرصة لتكون الضباب على السواحل "
         "الشرقية. وتتراوح درجات الحرارة العظمى بين 27 و33 درجة مئوية "
         "والصغرى بين 16 و21 درجة، ويكون البحر خفيف الموج.", "saei"},
        {402, NULL, "الأرصاد: طقس الجمعة صحو إلى غائم جزئيا مع رياح نشطة",
         "توقع المركز الوطني للأرصاد أن يكون الطقس يوم غد الجمعة صحوا إلى "
         "غائم جزئيا على معظم المناطق مع رياح نشطة على المرتفعات "
         "الغربية. وتتراوح درجات الحرارة العظمى بين 24 و30 درجة مئوية "
         "والصغرى بين 12 و18 درجة، ويكون البحر خفيف الموج.", "saei"},
        {403, "2015-08-04T10:00:00", "القيادة تهنئ رئيس بوليفيا بذكرى الاستقلال",
         "بعث خادم الحرمين الشريفين برقية تهنئة لرئيس بوليفيا بمناسبة ذكرى "
         "استقلال بلاده، متمنيا لشعب بوليفيا الصديق التقدم والازدهار.",
         "alriyadh"},
        {404, "2015-08-04T11:00:00", "القيادة تهنئ حاكم جامايكا بذكرى الاستقلال",
         "بعث خادم الحرمين الشريفين برقية تهنئة لحاكم جامايكا بمناسبة ذكرى "
         "استقلال بلاده، متمنيا لشعب جامايكا الصديق التقدم والازدهار.",
         "okaz"},
    };
    kh_stories *s = kh_stories_create(NULL);
    uint64_t st[4];
    add_docs(s, d, 4, NULL, st);
    KH_CHECK(st[0] != st[1]);
    KH_CHECK(st[2] != st[3]);
    kh_stories_counters c;
    kh_stories_counters_get(s, &c);
    KH_CHECK(c.templates >= 1);
    /* the fire story: the same outlet's report and its follow-up */
    doc a = fire[0], b = fire[2];
    a.source = b.source = "alriyadh";
    const doc follow[] = {a, b};
    uint64_t sf[2];
    add_docs(s, follow, 2, NULL, sf);
    KH_CHECK(sf[0] == sf[1]);
    kh_stories_free(s);
}

/*
 * Two events that share one name and nothing else (a footballer and a
 * preacher of one family name) stay apart: one term cannot carry the
 * whole cosine.  One outlet's bulletin of another day, in nearly the
 * same words and under the same title, is the next bulletin, not the
 * same event.
 */
static void test_one_name_and_bulletins(void)
{
    const doc names[] = {
        {501, "2015-07-31T03:00:00", "الرائد يترقب مصير البريك ويرصد الكعبي",
         "ينتظر نادي الرائد حسم مصير لاعبه البريك بعد انتهاء عقده، فيما "
         "تتابع إدارة النادي مستوى المهاجم الكعبي تمهيدا للتعاقد معه قبل "
         "بداية الموسم الرياضي الجديد.", "alriyadh"},
        {502, "2015-07-31T09:00:00", "الشيخ البريك يزور مريضا في بللسمر",
         "زار الشيخ البريك المواطن ابن فحاس في منزله بمحافظة بللسمر "
         "للاطمئنان على صحته بعد خروجه من المستشفى، وسط ترحيب من أهالي "
         "المحافظة.", "sabq"},
    };
    kh_stories *s = kh_stories_create(NULL);
    uint64_t st[3];
    add_docs(s, names, 2, NULL, st);
    KH_CHECK(st[0] != st[1]);
    kh_stories_free(s);

    const doc days[] = {
        {511, "2015-08-01T08:00:00",
         "الأرصاد: سماء غائمة جزئيا على معظم مناطق المملكة",
         "توقعت الرئاسة العامة للأرصاد وحماية البيئة أن تكون السماء غائمة "
         "جزئيا إلى غائمة على مرتفعات عسير والباحة وجازان مع فرصة لهطول "
         "أمطار رعدية، ورياح نشطة مثيرة للأتربة على الرياض والقصيم.",
         "saei"},
        {512, "2015-08-01T10:00:00", "أمطار رعدية متوقعة على عسير والباحة",
         "أعلنت الرئاسة العامة للأرصاد وحماية البيئة توقعاتها بهطول أمطار "
         "رعدية على مرتفعات عسير والباحة وجازان، وأن تكون السماء غائمة "
         "جزئيا مع رياح نشطة مثيرة للأتربة على الرياض.", "okaz"},
        {513, "2015-08-02T20:00:00",
         "الأرصاد: سماء غائمة جزئيا على معظم مناطق المملكة",
         "توقعت الرئاسة العامة للأرصاد وحماية البيئة أن تكون السماء غائمة "
         "جزئيا إلى غائمة على مرتفعات نجران والطائف وجازان مع فرصة لهطول "
         "أمطار رعدية، ورياح نشطة مثيرة للأتربة على الشرقية وحائل.",
         "saei"},
    };
    s = kh_stories_create(NULL);
    add_docs(s, days, 3, NULL, st);
    KH_CHECK(st[0] == st[1]); /* one day's forecast, two outlets */
    KH_CHECK(st[2] != st[0]); /* saei's bulletin of the next day */
    kh_stories_counters c;
    kh_stories_counters_get(s, &c);
    KH_CHECK(c.templates >= 1);
    kh_stories_free(s);
}

/*
 * A topic, not an event: two reports of one club's camp (a signing, the
 * coach resting his players) make one story, and a third piece that takes
 * a little of each (the new forward in the coach's programme) reaches the
 * needed cosine with their sum (0.33) but with neither report (0.31 and
 * 0.25): it starts its own story.
 */
static void test_between_two_reports(void)
{
    const doc camp[] = {
        {601, "2015-08-02T09:00:00",
         "الوحدة يتعاقد مع المهاجم البرازيلي ماركينيو في معسكر زيلامسي",
         "أعلن نادي الوحدة تعاقده مع المهاجم البرازيلي ماركينيو لمدة "
         "موسمين، ووقع اللاعب العقد في معسكر الفريق في زيلامسي بحضور رئيس "
         "النادي الذي قال إن صفقة ماركينيو تكمل خط الهجوم.", "alriyadh"},
        {602, "2015-08-02T13:00:00",
         "مدرب الوحدة يمنح لاعبيه راحة في معسكر زيلامسي",
         "منح المدرب الروماني لفريق الوحدة لاعبيه راحة يومين في معسكر "
         "الفريق في زيلامسي بعد ثلاث مباريات ودية، وأكد المدرب أن اللياقة "
         "تتحسن وأن الفريق يحتاج إلى مباريات ودية أقوى.", "okaz"},
        {603, "2015-08-02T18:00:00",
         "ماركينيو في برنامج المدرب الروماني للمباريات الودية",
         "يخضع المهاجم البرازيلي لبرنامج يعده المدرب الروماني "
         "للمباريات الودية المقبلة، ليكون جاهزا مع زملائه قبل انطلاق "
         "الموسم.", "sabq"},
    };
    kh_stories *s = kh_stories_create(NULL);
    uint64_t st[3];
    add_docs(s, camp, 3, NULL, st);
    KH_CHECK(st[0] == st[1]); /* the camp's story */
    KH_CHECK(st[2] != st[0]); /* near the sum, near neither report */
    kh_stories_free(s);
}

/*
 * Two stories that grew apart meet through an article close to both: with
 * their cores alike enough they merge, and the older keeps its id.
 */
static void test_merge_keeps_oldest_id(void)
{
    kh_stories_opts o;
    kh_stories_opts_init(&o);
    o.threshold = 0.6;
    o.merge_threshold = 0.2;
    kh_stories *s = kh_stories_create(&o);
    const doc a[] = {
        {1, "2015-08-01", "alpha bravo charlie delta echo", "", NULL},
        {2, "2015-08-01", "kilo lima mike november oscar", "", NULL},
        {3, "2015-08-01", "alpha bravo charlie foxtrot golf", "", NULL},
        {4, "2015-08-01", "foxtrot golf hotel india juliet", "", NULL},
    };
    uint64_t st[4];
    add_docs(s, a, 4, NULL, st);
    KH_CHECK(st[0] != st[2]); /* cos below 0.6: apart for now */
    const doc bridge = {5, "2015-08-02",
                        "alpha bravo charlie delta echo foxtrot golf", "",
                        NULL};
    uint64_t sb;
    add_docs(s, &bridge, 1, NULL, &sb);
    size_t n_merges;
    const kh_story_merge *m = kh_stories_merges(s, &n_merges);
    KH_CHECK_INT(n_merges, 1);
    if (n_merges == 1) {
        KH_CHECK(m[0].into == st[0]);
        KH_CHECK(m[0].from == st[2]);
    }
    KH_CHECK(sb == st[0]);
    KH_CHECK(kh_stories_story_of(s, 3) == st[0]);
    KH_CHECK(kh_stories_story_of(s, 2) == st[1]);
    kh_stories_free(s);
}

/* Prepared elsewhere, placed here: the same stories as add_batch. */
static void test_prepare_and_place(void)
{
    kh_stories *s = kh_stories_create(NULL), *t = kh_stories_create(NULL);
    kh_analyzer *an = kh_analyzer_create(NULL);
    const doc batch[] = {lavrov[0], fire[0], yemen[0], lavrov[1], fire[1]};
    kh_stories_prep *p[5];
    const kh_stories_prep *cp[5];
    for (int i = 0; i < 5; i++) {
        kh_article a = make(&batch[i]);
        p[i] = kh_stories_prep_create();
        KH_CHECK_INT(kh_stories_prepare(t, an, &a, p[i]), KH_OK);
        cp[i] = p[i];
    }
    uint64_t s1[5], s2[5];
    add_docs(s, batch, 5, NULL, s1);
    KH_CHECK_INT(kh_stories_place_batch(t, cp, NULL, 5, s2), KH_OK);
    for (int i = 0; i < 5; i++)
        KH_CHECK(s1[i] == s2[i]);
    kh_stories_prep *empty = kh_stories_prep_create();
    const kh_stories_prep *ce = empty;
    KH_CHECK_INT(kh_stories_place_batch(t, &ce, NULL, 1, NULL), KH_EINVAL);
    kh_article zero = {0};
    KH_CHECK_INT(kh_stories_prepare(t, an, &zero, empty), KH_EINVAL);
    for (int i = 0; i < 5; i++)
        kh_stories_prep_free(p[i]);
    kh_stories_prep_free(empty);
    kh_stories_prep_free(NULL);
    kh_analyzer_free(an);
    kh_stories_free(s);
    kh_stories_free(t);
}

/* Records and word weights saved after each batch and restored give the
 * same placements. */
static void test_save_and_restore(void)
{
    kh_stories *s = kh_stories_create(NULL);
    const doc batch[] = {lavrov[0], fire[0], yemen[0], lavrov[1], fire[1]};
    uint64_t st[5];
    add_docs(s, batch, 5, NULL, st);
    kh_story_record recs[5];
    kh_term saved[5][64];
    for (size_t i = 0; i < 5; i++) {
        KH_CHECK_INT(kh_stories_batch_record(s, i, &recs[i]), KH_OK);
        KH_CHECK(recs[i].article == batch[i].id);
        KH_CHECK(recs[i].story == st[i]);
        KH_CHECK(recs[i].n_terms > 0 && recs[i].n_terms <= 40);
        memcpy(saved[i], recs[i].terms, recs[i].n_terms * sizeof(kh_term));
        recs[i].terms = saved[i];
    }
    size_t n_df;
    uint64_t docs;
    const kh_story_df *df = kh_stories_batch_df(s, &n_df, &docs);
    KH_CHECK_INT(docs, 5);
    KH_CHECK(n_df > 20);
    kh_story_df *df_copy = kh_malloc(n_df * sizeof *df_copy);
    memcpy(df_copy, df, n_df * sizeof *df_copy);
    kh_stories *t = kh_stories_create(NULL);
    KH_CHECK_INT(kh_stories_restore(t, df_copy, n_df, docs, recs, 5), KH_OK);
    for (size_t i = 0; i < 5; i++)
        KH_CHECK(kh_stories_story_of(t, batch[i].id) == st[i]);
    uint64_t s1, s2;
    add_docs(s, &lavrov[2], 1, NULL, &s1);
    add_docs(t, &lavrov[2], 1, NULL, &s2);
    KH_CHECK(s1 == st[0]);
    KH_CHECK(s2 == st[0]);
    /* a new story continues after the largest id */
    uint64_t n1, n2;
    add_docs(s, &yemen[1], 1, NULL, &n1);
    add_docs(t, &yemen[1], 1, NULL, &n2);
    KH_CHECK(n1 == n2);
    kh_story_record bad = {0};
    KH_CHECK_INT(kh_stories_restore(t, NULL, 0, 0, &bad, 1), KH_EINVAL);
    free(df_copy);
    kh_stories_free(s);
    kh_stories_free(t);
}

/*
 * Stories closed for good (past window and span, whatever copies may
 * still come) give their memory back: their vectors, members and index
 * entries.  Their ids still answer kh_stories_story_of, and the stories
 * of later dates still take articles.
 */
static void test_closed_stories_freed(void)
{
    kh_stories *s = kh_stories_create(NULL);
    enum { OLD = 1000 };
    kh_article *arts = kh_calloc(OLD, sizeof *arts);
    const kh_article **ptrs = kh_calloc(OLD, sizeof *ptrs);
    uint64_t *story = kh_calloc(OLD, sizeof *story);
    char dates[OLD][24];
    for (int i = 0; i < OLD; i++) {
        arts[i] = make(&lavrov[i % 3]);
        arts[i].id = 7000 + (uint64_t)i;
        snprintf(dates[i], sizeof dates[i], "2015-08-04T%02d:%02d:00",
                 i / 60, i % 60);
        arts[i].date = dates[i];
        ptrs[i] = &arts[i];
    }
    KH_CHECK_INT(kh_stories_add_batch(s, ptrs, NULL, OLD, story), KH_OK);
    uint64_t old_story = story[0];
    kh_stories_counters before, after;
    kh_stories_counters_get(s, &before);
    /* two months later: the fire, in two batches */
    doc later[3] = {fire[0], fire[1], lavrov[2]};
    later[0].date = "2015-10-05T23:10:00";
    later[1].date = "2015-10-06T00:40:00";
    later[2].date = "2015-10-06T08:00:00";
    later[0].id = 8001;
    later[1].id = 8002;
    later[2].id = 8003;
    uint64_t f0, f1, l2;
    add_docs(s, &later[0], 1, NULL, &f0);
    kh_stories_counters_get(s, &after);
    KH_CHECK(after.bytes < before.bytes / 2);
    add_docs(s, &later[1], 1, NULL, &f1);
    KH_CHECK(f1 == f0); /* an open story still takes its next report */
    add_docs(s, &later[2], 1, NULL, &l2);
    KH_CHECK(l2 != old_story && l2 != f0); /* the old event is closed */
    /* a copy of an old report, republished now, starts a story too */
    doc copy = lavrov[0];
    copy.id = 8004;
    copy.date = "2015-10-06T09:00:00";
    uint64_t rep = 7000, c4;
    add_docs(s, &copy, 1, &rep, &c4);
    KH_CHECK(c4 != old_story);
    /* the closed story is still known, with all its articles */
    for (int i = 0; i < OLD; i++)
        KH_CHECK(kh_stories_story_of(s, 7000 + (uint64_t)i) == story[i]);
    kh_stories_counters_get(s, &after);
    KH_CHECK_INT(after.articles, OLD + 4);
    KH_CHECK(after.bytes < before.bytes / 2);
    free(arts);
    free(ptrs);
    free(story);
    kh_stories_free(s);
}

/* 10,000 copies of one report: one story, in time linear in their number
 * (each meets the one story through its words, copies or not). */
static void test_ten_thousand_copies(void)
{
    kh_stories *s = kh_stories_create(NULL);
    enum { N = 10000, BATCH = 1000 };
    kh_article *arts = kh_calloc(BATCH, sizeof *arts);
    const kh_article **ptrs = kh_calloc(BATCH, sizeof *ptrs);
    uint64_t *story = kh_calloc(BATCH, sizeof *story);
    uint64_t first = 0;
    int one = 1;
    clock_t t0 = clock();
    for (int b = 0; b < N / BATCH; b++) {
        for (int i = 0; i < BATCH; i++) {
            arts[i] = make(&fire[0]);
            arts[i].id = 1000000 + (uint64_t)(b * BATCH + i);
            ptrs[i] = &arts[i];
        }
        kh_stories_add_batch(s, ptrs, NULL, BATCH, story);
        for (int i = 0; i < BATCH; i++) {
            if (!first)
                first = story[i];
            one &= story[i] == first;
        }
    }
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    KH_CHECK(one);
    kh_stories_counters c;
    kh_stories_counters_get(s, &c);
    KH_CHECK_INT(c.stories, 1);
    KH_CHECK(c.candidates <= N); /* one story scored per article */
    KH_CHECK(secs < 10.0);
    free(arts);
    free(ptrs);
    free(story);
    kh_stories_free(s);
}

static void test_opts(void)
{
    kh_stories_opts o;
    kh_stories_opts_init(&o);
    const char *why = NULL;
    KH_CHECK_INT(kh_stories_opts_check(&o, &why), KH_OK);
    o.window_hours = 200;
    KH_CHECK_INT(kh_stories_opts_check(&o, &why), KH_EINVAL);
    KH_CHECK(why != NULL);
    kh_stories_opts_init(&o);
    o.day_penalty = -1;
    KH_CHECK_INT(kh_stories_opts_check(&o, &why), KH_EINVAL);
    kh_stories_opts_init(&o);
    o.article_terms = 0;
    KH_CHECK_INT(kh_stories_opts_check(&o, &why), KH_EINVAL);
    kh_stories_free(NULL);
}

int main(void)
{
    KH_RUN(test_hours);
    KH_RUN(test_terms);
    KH_RUN(test_terms_from_tokens);
    KH_RUN(test_events_and_topics);
    KH_RUN(test_copies_and_undated);
    KH_RUN(test_templates);
    KH_RUN(test_one_name_and_bulletins);
    KH_RUN(test_between_two_reports);
    KH_RUN(test_merge_keeps_oldest_id);
    KH_RUN(test_prepare_and_place);
    KH_RUN(test_save_and_restore);
    KH_RUN(test_ten_thousand_copies);
    KH_RUN(test_closed_stories_freed);
    KH_RUN(test_opts);
    return kh_test_report();
}
