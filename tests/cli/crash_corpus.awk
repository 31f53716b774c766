# crash_corpus.awk - a generated news corpus for the crash test: N articles
# (awk -v n=N) as JSON lines in the SaudiNewsNet shape, from six outlets,
# each with a footer on most of its articles (chrome to learn), every 40th
# article a wire copy of the one before it in another outlet, and words
# that appear with attached و ب ل ال, with and without hamza.  A fixed
# linear congruential generator keeps the corpus the same on every awk.

function rnd(k) {            # 0 .. k-1
    seed = (seed * 16807) % 2147483647
    return seed % k
}
function pick(list,    parts, m) {
    m = split(list, parts, " ")
    return parts[rnd(m) + 1]
}
function sentence(i,    s, w) {
    s = pick(subjects) " " pick(verbs) " " pick(objects)
    for (w = 0; w < 6; w++)
        s = s " " pick(fillers)
    return s " " pick(places) "."
}
BEGIN {
    if (n == "") n = 2000
    seed = 20150721
    split("okaz sabq was alyaum almadina aawsat", outlets, " ")
    footer["okaz"] = "من أرشيف مكتب التحرير في جدة"
    footer["sabq"] = "للمزيد من الأخبار المحلية زوروا قسم المناطق"
    footer["was"] = "وكالة الأنباء الرسمية - الخدمة العامة"
    footer["alyaum"] = "يمكنكم متابعة التحديثات من المحرر المناوب"
    footer["almadina"] = "الخدمة الإخبارية للمشتركين على الهاتف"
    footer["aawsat"] = "نشر في الطبعة الدولية للصحيفة"
    subjects = "روسيا وروسيا لروسيا إيران ايران وإيران الحكومة للحكومة " \
               "وزير_الخارجية الوزارة بالوزارة المجلس الرئيس"
    verbs = "أعلن أكد ناقش بحث رفض دعا أعلنت قررت"
    objects = "التنسيق بالتنسيق والتنسيق الاتفاق المشروع الخطة الميزانية " \
              "الاستثمار التعاون"
    fillers = "مع في على بين حول بعد قبل الأطراف المعنية الجديدة الدولية " \
              "الإقليمية الاقتصادية الأمنية المحلية العامة الرسمية الأولى"
    places = "الرياض جدة الدمام موسكو طهران الرقة دمشق القاهرة"
    for (i = 1; i <= n; i++) {
        src = outlets[rnd(6) + 1]
        if (i % 40 == 0) {
            text = prev_text        # a wire copy, in another outlet
            if (src == prev_src)
                src = (src == "okaz") ? "sabq" : "okaz"
        } else {
            text = "الخبر رقم " i ": " sentence(i)
            m = 2 + rnd(3)
            for (j = 0; j < m; j++)
                text = text "\\n\\n" sentence(i)
        }
        body = text
        if (rnd(10) < 8)
            body = body "\\n\\n" footer[src]
        gsub(/_/, " ", body)
        day = 21 + (i % 7)
        printf "{\"source\": \"%s\", \"url\": \"https://%s.example/%d\", " \
               "\"date_extracted\": \"2015-07-%02d 10:%02d:00\", " \
               "\"title\": \"عنوان الخبر %d\", \"author\": \"\", " \
               "\"content\": \"%s\"}\n", src, src, i, day, i % 60, i, body
        prev_text = text
        prev_src = src
    }
}
