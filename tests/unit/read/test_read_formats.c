/*
 * test_read_formats.c - each format the readers understand (plain text,
 * HTML, JSON arrays, single objects, JSON lines, value streams), field
 * mapping, encodings inside files, and every kind of bad input.
 */
#include "kh_test.h"
#include "read_collect.h"

static char *fixture(const char *rel)
{
    char *p = kh_test_env_path("KH_FIXTURES", rel);
    if (!p)
        fprintf(stderr, "fixture %s not found (KH_FIXTURES unset?)\n", rel);
    return p;
}

static void test_text_page(void)
{
    const char page[] = "\xEF\xBB\xBF" "عنوان الخبر\n\nنص الخبر هنا.\n";
    collect c = {0};
    kh_read_opts o;
    kh_read_opts_init(&o);
    o.source = "okaz";
    KH_CHECK_INT(collect_buffer(&c, "x.txt", page, sizeof page - 1, &o),
                 KH_OK);
    KH_CHECK_INT(c.n, 1);
    if (c.n == 1) {
        KH_CHECK_STR(c.a[0].raw, "عنوان الخبر\n\nنص الخبر هنا.\n");
        KH_CHECK_INT(c.a[0].format, KH_FORMAT_TEXT);
        KH_CHECK(c.a[0].title == NULL);
        KH_CHECK_STR(c.a[0].source, "okaz");
        KH_CHECK_STR(c.a[0].origin, "x.txt");
        KH_CHECK_STR(c.a[0].encoding, "utf-8");
        KH_CHECK_INT(c.a[0].id, 0);
    }
    collect_free(&c);
    /* a headline in brackets is text, not JSON */
    const char tagged[] = "[عاجل] انقطاع الكهرباء\n";
    KH_CHECK_INT(collect_buffer(&c, "", tagged, sizeof tagged - 1, NULL),
                 KH_OK);
    KH_CHECK(c.n == 1 && c.a[0].format == KH_FORMAT_TEXT);
    collect_free(&c);
}

static void test_html_page(void)
{
    char *path = fixture("read/page.html");
    if (!path)
        return;
    collect c = {0};
    const char *paths[] = {path};
    KH_CHECK_INT(collect_paths(&c, paths, 1, NULL), KH_OK);
    KH_CHECK_INT(c.n, 1);
    if (c.n == 1) {
        KH_CHECK_INT(c.a[0].format, KH_FORMAT_HTML);
        KH_CHECK(strstr(c.a[0].raw, "فقرة أولى") != NULL);
        KH_CHECK(c.a[0].source == NULL); /* given directly, not walked */
    }
    collect_free(&c);
    /* sniffed without a name; windows-1256 declared and used */
    size_t n;
    char *body = collect_iconv("<html><head><meta charset=\"windows-1256\">"
                           "</head><body><p>مرحبا بكم</p></body></html>",
                           "CP1256", &n);
    KH_CHECK_INT(collect_buffer(&c, "", body, n, NULL), KH_OK);
    KH_CHECK_INT(c.n, 1);
    if (c.n == 1) {
        KH_CHECK_INT(c.a[0].format, KH_FORMAT_HTML);
        KH_CHECK_STR(c.a[0].encoding, "windows-1256");
        KH_CHECK(strstr(c.a[0].raw, "مرحبا بكم") != NULL);
    }
    free(body);
    collect_free(&c);
    free(path);
}

static void test_legacy_text(void)
{
    const char *text = "وزير الخارجية يصل إلى القاهرة في زيارة رسمية تستغرق "
                       "يومين يلتقي خلالها كبار المسؤولين.\n";
    const char *encs[] = {"CP1256", "ISO-8859-6"};
    const char *names[] = {"windows-1256", "iso-8859-6"};
    for (int i = 0; i < 2; i++) {
        size_t n;
        char *bytes = collect_iconv(text, encs[i], &n);
        collect c = {0};
        KH_CHECK_INT(collect_buffer(&c, "legacy.txt", bytes, n, NULL), KH_OK);
        KH_CHECK_INT(c.n, 1);
        if (c.n == 1) {
            KH_CHECK_STR(c.a[0].raw, text);
            KH_CHECK_STR(c.a[0].encoding, names[i]);
            KH_CHECK_INT(c.a[0].invalid, 0);
        }
        collect_free(&c);
        free(bytes);
    }
    /* UTF-16 with a BOM */
    size_t n;
    char *le = collect_iconv(text, "UTF-16LE", &n);
    char *bom = malloc(n + 2);
    memcpy(bom, "\xFF\xFE", 2);
    memcpy(bom + 2, le, n);
    collect c = {0};
    KH_CHECK_INT(collect_buffer(&c, "u16.txt", bom, n + 2, NULL), KH_OK);
    KH_CHECK(c.n == 1 && strcmp(c.a[0].raw, text) == 0);
    KH_CHECK(c.n == 1 && strcmp(c.a[0].encoding, "utf-16le") == 0);
    collect_free(&c);
    free(bom);
    free(le);
    /* invalid UTF-8 replaced and counted */
    const char bad[] = "خبر \xFF مع بايت \xC3 تالف\n";
    KH_CHECK_INT(collect_buffer(&c, "bad.txt", bad, sizeof bad - 1, NULL),
                 KH_OK);
    KH_CHECK(c.n == 1 && c.a[0].invalid == 2);
    KH_CHECK(c.n == 1 && strstr(c.a[0].raw, "\xEF\xBF\xBD") != NULL);
    collect_free(&c);
}

static void test_json_array(void)
{
    char *path = fixture("read/articles.json");
    if (!path)
        return;
    collect c = {0};
    const char *paths[] = {path};
    KH_CHECK_INT(collect_paths(&c, paths, 1, NULL), KH_OK);
    KH_CHECK_INT(c.n, 3);
    KH_CHECK_INT(c.ne, 0);
    if (c.n == 3) {
        got_article *a = c.a;
        KH_CHECK_STR(a[0].source, "sabq");
        KH_CHECK_STR(a[0].title, "افتتاح جسر جديد في الدمام");
        KH_CHECK(a[0].author == NULL); /* "" becomes NULL */
        KH_CHECK_STR(a[0].date, "2015-07-21T02:51:32");
        KH_CHECK_STR(a[0].url, "HTTP://WWW.Example.COM:80/news/101?live#top");
        KH_CHECK(a[0].id != 0);
        KH_CHECK(a[0].id != a[1].id); /* ?live and ?weekly */
        KH_CHECK(strstr(a[0].raw, "\n\nويبلغ") != NULL);
        KH_CHECK_INT(a[0].format, KH_FORMAT_TEXT);
        KH_CHECK(strstr(a[0].origin, "articles.json#0") != NULL);
        KH_CHECK(strstr(a[2].origin, "articles.json#2") != NULL);
        KH_CHECK_STR(a[1].date, "2015-07-22");
        KH_CHECK_STR(a[1].author, "الرياض: فريق التحرير");
        KH_CHECK(a[2].url == NULL && a[2].id == 0);
        KH_CHECK(a[2].raw == NULL && a[2].raw_len == 0); /* empty content */
        KH_CHECK_STR(a[2].date, "قبل ساعتين");           /* kept */
        KH_CHECK_STR(a[2].source, "aawsat");
    }
    collect_free(&c);
    free(path);
}

static void test_json_single_and_stream(void)
{
    char *path = fixture("read/single.json");
    if (!path)
        return;
    collect c = {0};
    const char *paths[] = {path};
    KH_CHECK_INT(collect_paths(&c, paths, 1, NULL), KH_OK);
    KH_CHECK_INT(c.n, 1);
    if (c.n == 1) {
        KH_CHECK_STR(c.a[0].source, "alwatan");
        KH_CHECK(c.a[0].author == NULL);
        KH_CHECK_STR(c.a[0].date, "2015-08-03");
    }
    collect_free(&c);
    free(path);
    /* pretty-printed objects one after another, no name */
    const char stream[] = "{\n \"title\": \"أ\", \"content\": \"نص أ\"\n}\n"
                          "{\n \"title\": \"ب\", \"content\": \"نص ب\"\n}\n";
    KH_CHECK_INT(collect_buffer(&c, "", stream, sizeof stream - 1, NULL),
                 KH_OK);
    KH_CHECK_INT(c.n, 2);
    KH_CHECK(c.n == 2 && strcmp(c.a[1].title, "ب") == 0);
    collect_free(&c);
}

static void test_jsonl(void)
{
    char *path = fixture("read/articles.jsonl");
    if (!path)
        return;
    collect c = {0};
    const char *paths[] = {path};
    KH_CHECK_INT(collect_paths(&c, paths, 1, NULL), KH_OK);
    KH_CHECK_INT(c.n, 3);
    KH_CHECK_INT(c.ne, 3);
    if (c.n == 3) {
        KH_CHECK_STR(c.a[0].date, "2015-08-01T10:15:00");
        KH_CHECK_STR(c.a[1].date, "2015-07-21");
        KH_CHECK(strstr(c.a[1].origin, "articles.jsonl:3") != NULL);
        /* alternative names: published, headline, articleBody */
        KH_CHECK_STR(c.a[2].title, "عنوان بديل");
        KH_CHECK_STR(c.a[2].raw, "نص تحت اسم حقل بديل.");
        KH_CHECK_STR(c.a[2].date, "2015-08-01T09:00:00");
    }
    if (c.ne == 3) {
        KH_CHECK_INT(c.e[0].line, 4); /* unterminated string */
        KH_CHECK_INT(c.e[0].code, KH_EPARSE);
        /* the place is said once, by e.line, not again in the message */
        KH_CHECK(strstr(c.e[0].message, "malformed JSON") != NULL);
        KH_CHECK(strstr(c.e[0].message, "line 4") == NULL);
        KH_CHECK_INT(c.e[1].line, 5); /* a number where a date should be */
        KH_CHECK(strstr(c.e[1].message, "\"date\" is a number") != NULL);
        KH_CHECK_INT(c.e[2].line, 6); /* an array, not an object */
        KH_CHECK(strstr(c.e[2].message, "not an article object") != NULL);
        KH_CHECK(strstr(c.e[2].path, "articles.jsonl") != NULL);
    }
    collect_free(&c);
    free(path);
}

static void test_custom_fields(void)
{
    char *path = fixture("read/custom_fields.json");
    if (!path)
        return;
    kh_read_opts o;
    kh_read_opts_init(&o);
    o.field_source = "outlet";
    o.field_url = "link";
    o.field_date = "when";
    o.field_title = "heading";
    o.field_author = "writer";
    o.field_text = "story";
    collect c = {0};
    const char *paths[] = {path};
    KH_CHECK_INT(collect_paths(&c, paths, 1, &o), KH_OK);
    KH_CHECK_INT(c.n, 1);
    if (c.n == 1) {
        KH_CHECK_STR(c.a[0].source, "arreyadi");
        KH_CHECK_STR(c.a[0].url, "https://arreyadi.example/m/9");
        KH_CHECK_STR(c.a[0].date, "2015-07-30");
        KH_CHECK_STR(c.a[0].title, "فوز الفريق في المباراة النهائية");
        KH_CHECK_STR(c.a[0].author, "محرر الرياضة");
        KH_CHECK_STR(c.a[0].raw, "حقق الفريق فوزا مستحقا في المباراة النهائية.");
    }
    collect_free(&c);
    /* with the defaults, "story" is not a content field: no raw */
    KH_CHECK_INT(collect_paths(&c, paths, 1, NULL), KH_OK);
    KH_CHECK(c.n == 1 && c.a[0].raw == NULL && c.a[0].title == NULL);
    collect_free(&c);
    free(path);
}

static void test_json_encodings(void)
{
    /* a JSON array saved in windows-1256, and one in ISO-8859-6 */
    const char *json = "[{\"title\": \"الملك يستقبل ضيوفه\", \"content\": "
                       "\"استقبل خادم الحرمين الشريفين في قصره كبار الضيوف "
                       "وتبادل معهم الحديث.\"},\n{\"title\": \"Ascii only\", "
                       "\"content\": \"plain\"}]";
    const char *encs[] = {"CP1256", "ISO-8859-6"};
    const char *names[] = {"windows-1256", "iso-8859-6"};
    for (int i = 0; i < 2; i++) {
        size_t n;
        char *bytes = collect_iconv(json, encs[i], &n);
        collect c = {0};
        KH_CHECK_INT(collect_buffer(&c, "legacy.json", bytes, n, NULL),
                     KH_OK);
        KH_CHECK_INT(c.n, 2);
        if (c.n == 2) {
            KH_CHECK_STR(c.a[0].title, "الملك يستقبل ضيوفه");
            KH_CHECK_STR(c.a[0].encoding, names[i]);
            KH_CHECK_STR(c.a[1].encoding, names[i]); /* the file's */
        }
        collect_free(&c);
        free(bytes);
    }
    /* UTF-16 JSON lines, decoded on the fly */
    const char *jl = "{\"title\": \"سطر\", \"content\": \"نص\"}\n"
                     "{\"title\": \"سطر ثان\", \"content\": \"نص\"}\n";
    size_t n;
    char *be = collect_iconv(jl, "UTF-16BE", &n);
    char *bom = malloc(n + 2);
    memcpy(bom, "\xFE\xFF", 2);
    memcpy(bom + 2, be, n);
    collect c = {0};
    KH_CHECK_INT(collect_buffer(&c, "u16.jsonl", bom, n + 2, NULL), KH_OK);
    KH_CHECK_INT(c.n, 2);
    KH_CHECK(c.n == 2 && strcmp(c.a[1].title, "سطر ثان") == 0);
    KH_CHECK(c.n == 2 && strcmp(c.a[1].encoding, "utf-16be") == 0);
    collect_free(&c);
    /* the same with no name: sniffed after decoding */
    KH_CHECK_INT(collect_buffer(&c, "", bom, n + 2, NULL), KH_OK);
    KH_CHECK_INT(c.n, 2);
    collect_free(&c);
    free(bom);
    free(be);
    /* invalid UTF-8 inside a JSON string is repaired, not fatal */
    const char bad[] = "[{\"title\": \"عنوان \xFF\", \"content\": \"نص\"}]";
    KH_CHECK_INT(collect_buffer(&c, "bad.json", bad, sizeof bad - 1, NULL),
                 KH_OK);
    KH_CHECK_INT(c.n, 1);
    KH_CHECK(c.n == 1 && c.a[0].invalid == 1);
    KH_CHECK(c.n == 1 && strcmp(c.a[0].title, "عنوان \xEF\xBF\xBD") == 0);
    collect_free(&c);
}

static void test_truncated_json(void)
{
    const char json[] = "[{\"title\": \"a\", \"content\": \"one\"},\n"
                        " {\"title\": \"b\", \"content\": \"two\"},\n"
                        " {\"title\": \"c\", \"content\": \"thr";
    collect c = {0};
    c.quiet = 1;
    KH_CHECK_INT(collect_buffer(&c, "cut.json", json, sizeof json - 1, NULL),
                 KH_OK);
    KH_CHECK_INT(c.n, 2);
    KH_CHECK_INT(c.ne, 1);
    if (c.ne == 1) {
        KH_CHECK_INT(c.e[0].code, KH_EPARSE);
        KH_CHECK_INT(c.e[0].line, 3);
        KH_CHECK_INT(c.e[0].offset, (uint64_t)(strstr(json, "{\"title\": \"c") - json));
        KH_CHECK(strstr(c.e[0].message, "truncated") != NULL);
        KH_CHECK(strstr(c.e[0].message, "element 2") != NULL);
        KH_CHECK_STR(c.e[0].path, "cut.json");
    }
    collect_free(&c);
    /* every element complete, the array never closed */
    const char open[] = "[{\"content\": \"one\"},\n";
    KH_CHECK_INT(collect_buffer(&c, "open.json", open, sizeof open - 1, NULL),
                 KH_OK);
    KH_CHECK(c.n == 1 && c.ne == 1 && strstr(c.e[0].message, "not closed"));
    collect_free(&c);
    /* a malformed element in the middle costs only itself */
    const char mid[] = "[{\"content\": \"one\"}, {\"content\": tw}, "
                       "{\"content\": \"three\"}, 42, \"str\"] trailing";
    KH_CHECK_INT(collect_buffer(&c, "mid.json", mid, sizeof mid - 1, NULL),
                 KH_OK);
    KH_CHECK_INT(c.n, 2);
    KH_CHECK_INT(c.ne, 4);
    if (c.ne == 4) {
        KH_CHECK(strstr(c.e[0].message, "element 1") != NULL);
        KH_CHECK(strstr(c.e[1].message, "a number") != NULL);
        KH_CHECK(strstr(c.e[2].message, "a string") != NULL);
        KH_CHECK(strstr(c.e[3].message, "after the end") != NULL);
    }
    collect_free(&c);
    /* a stray '}' after a string element (found by fuzzing: it looped) */
    const char stray[] = "[\"o{conn\"}e.-, {\"cojtent \"tw";
    KH_CHECK_INT(collect_buffer(&c, "stray.json", stray, sizeof stray - 1,
                                NULL),
                 KH_OK);
    KH_CHECK_INT(c.n, 0);
    KH_CHECK_INT(c.ne, 2);
    collect_free(&c);
    /* not JSON at all though named so */
    KH_CHECK_INT(collect_buffer(&c, "x.json", "hello", 5, NULL), KH_EPARSE);
    KH_CHECK(c.ne == 1 && c.e[0].code == KH_EPARSE);
    collect_free(&c);
}

static void test_record_limits(void)
{
    kh_read_opts o;
    kh_read_opts_init(&o);
    o.max_record_bytes = 100;
    char json[1024];
    char big[300];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    snprintf(json, sizeof json,
             "[{\"content\": \"small\"}, {\"content\": \"%s\"}, "
             "{\"content\": \"after\"}]",
             big);
    collect c = {0};
    KH_CHECK_INT(collect_buffer(&c, "big.json", json, strlen(json), &o),
                 KH_OK);
    KH_CHECK_INT(c.n, 2);
    KH_CHECK(c.n == 2 && strcmp(c.a[1].raw, "after") == 0);
    const got_error *e = collect_find(&c, KH_ETOOBIG);
    KH_CHECK(e != NULL && strstr(e->message, "element 1") != NULL);
    collect_free(&c);
    /* the same as JSON lines */
    snprintf(json, sizeof json,
             "{\"content\": \"small\"}\n{\"content\": \"%s\"}\n"
             "{\"content\": \"after\"}\n",
             big);
    KH_CHECK_INT(collect_buffer(&c, "big.jsonl", json, strlen(json), &o),
                 KH_OK);
    KH_CHECK_INT(c.n, 2);
    e = collect_find(&c, KH_ETOOBIG);
    KH_CHECK(e != NULL && e->line == 2);
    collect_free(&c);
    /* a page over the limit */
    KH_CHECK_INT(collect_buffer(&c, "big.txt", big, strlen(big), &o),
                 KH_ETOOBIG);
    KH_CHECK_INT(c.n, 0);
    collect_free(&c);
}

/* A 100 MB line in a JSON lines file is skipped up to its newline with
 * memory bounded by max_record_bytes (default 64 MiB), and the lines
 * around it are read. */
static void test_huge_jsonl_line(void)
{
    char tmpl[] = "/tmp/kh_read_hugeXXXXXX";
    int fd = mkstemp(tmpl);
    KH_CHECK(fd >= 0);
    if (fd < 0)
        return;
    FILE *f = fdopen(fd, "w");
    fputs("{\"content\": \"before\"}\n{\"content\": \"", f);
    char *chunk = malloc(1 << 20);
    memset(chunk, 'a', 1 << 20);
    for (int i = 0; i < 100; i++)
        fwrite(chunk, 1, 1 << 20, f);
    fputs("\"}\n{\"content\": \"after\"}\n", f);
    fclose(f);
    free(chunk);
    kh_read_opts o;
    kh_read_opts_init(&o);
    o.format = KH_FORMAT_JSONL;
    collect c = {0};
    const char *paths[] = {tmpl};
    KH_CHECK_INT(collect_paths(&c, paths, 1, &o), KH_OK);
    KH_CHECK_INT(c.n, 2);
    KH_CHECK(c.n == 2 && strcmp(c.a[1].raw, "after") == 0);
    const got_error *e = collect_find(&c, KH_ETOOBIG);
    KH_CHECK(e != NULL && e->line == 2 && e->offset == 22);
    KH_CHECK(c.progress_calls >= 50); /* every MiB or so */
    KH_CHECK_INT(c.last_done, c.last_total);
    collect_free(&c);
    remove(tmpl);
}

static void test_empty_and_binary(void)
{
    collect c = {0};
    KH_CHECK_INT(collect_buffer(&c, "empty.txt", "", 0, NULL), KH_EEMPTY);
    KH_CHECK(c.ne == 1 && c.e[0].code == KH_EEMPTY);
    collect_free(&c);
    KH_CHECK_INT(collect_buffer(&c, "blank.json", " \n\t\n", 4, NULL),
                 KH_EEMPTY);
    collect_free(&c);
    KH_CHECK_INT(collect_buffer(&c, "blank.txt", "\xEF\xBB\xBF \n", 5, NULL),
                 KH_EEMPTY);
    collect_free(&c);
    const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
    KH_CHECK_INT(collect_buffer(&c, "image.txt", png, sizeof png - 1, NULL),
                 KH_EBINARY);
    KH_CHECK(c.ne == 1 && strstr(c.e[0].message, "binary") != NULL);
    collect_free(&c);
    char controls[64];
    for (size_t i = 0; i < sizeof controls; i++)
        controls[i] = (char)(i % 2 ? 'a' : 0x01);
    KH_CHECK_INT(collect_buffer(&c, "", controls, sizeof controls, NULL),
                 KH_EBINARY);
    collect_free(&c);
    /* a NUL deep inside an otherwise fine page is replaced, not fatal */
    char page[9000];
    memset(page, 'a', sizeof page);
    page[8500] = '\0';
    KH_CHECK_INT(collect_buffer(&c, "nul.txt", page, sizeof page, NULL),
                 KH_OK);
    KH_CHECK(c.n == 1 && c.a[0].invalid == 1 &&
             strlen(c.a[0].raw) == c.a[0].raw_len);
    collect_free(&c);
}

static void test_stop_and_formats(void)
{
    const char jl[] = "{\"content\": \"1\"}\n{\"content\": \"2\"}\n"
                      "{\"content\": \"3\"}\n";
    collect c = {0};
    c.stop_after = 2;
    KH_CHECK_INT(collect_buffer(&c, "s.jsonl", jl, sizeof jl - 1, NULL),
                 KH_ESTOP);
    KH_CHECK_INT(c.n, 2);
    collect_free(&c);
    /* an explicit format wins over the name */
    kh_read_opts o;
    kh_read_opts_init(&o);
    o.format = KH_FORMAT_TEXT;
    KH_CHECK_INT(collect_buffer(&c, "s.jsonl", jl, sizeof jl - 1, &o), KH_OK);
    KH_CHECK(c.n == 1 && c.a[0].format == KH_FORMAT_TEXT);
    collect_free(&c);
    /* WARC is sniffed ("WARC/") and handed to the WARC reader, which
     * finds no page in a warcinfo record */
    const char warc[] = "WARC/1.0\r\nWARC-Type: warcinfo\r\n"
                        "Content-Length: 0\r\n\r\n\r\n\r\n";
    c.quiet = 1;
    KH_CHECK_INT(collect_buffer(&c, "", warc, sizeof warc - 1, NULL), KH_OK);
    KH_CHECK_INT(c.n, 0);
    collect_free(&c);
    /* HTML inside a JSON content field is marked as HTML */
    const char hj[] = "[{\"content\": \"<html><body><p>نص</p></body></html>\"}]";
    KH_CHECK_INT(collect_buffer(&c, "h.json", hj, sizeof hj - 1, NULL), KH_OK);
    KH_CHECK(c.n == 1 && c.a[0].format == KH_FORMAT_HTML);
    collect_free(&c);
}

int main(void)
{
    KH_RUN(test_text_page);
    KH_RUN(test_html_page);
    KH_RUN(test_legacy_text);
    KH_RUN(test_json_array);
    KH_RUN(test_json_single_and_stream);
    KH_RUN(test_jsonl);
    KH_RUN(test_custom_fields);
    KH_RUN(test_json_encodings);
    KH_RUN(test_truncated_json);
    KH_RUN(test_record_limits);
    KH_RUN(test_huge_jsonl_line);
    KH_RUN(test_empty_and_binary);
    KH_RUN(test_stop_and_formats);
    return kh_test_report();
}
