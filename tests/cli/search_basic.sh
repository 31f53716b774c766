#!/bin/sh
# search_basic.sh - `khabar search` over the ingest fixtures: spelling
# variants (hamza, ة/ه, diacritics, tatweel, attached و ب ل ال) find the
# same articles, phrases, operators, prefixes, filters, paging, JSON, exit
# codes, and hostile queries that must never become database errors.
. "$(dirname "$0")/ingest_helpers.inc"

"$KHABAR" ingest --quiet ingest-day1.jsonl ingest-day2.jsonl > /dev/null
[ $? -eq 3 ] || fail "ingest of the fixtures should exit 3 (rejections)"

run search روسيا
run search رُوســيا
run search ايران
run search إيران
run search الرقه
run search '"وزير الخارجية"'
run search وزير الخارجية
run search --source was الخارجية
run search --from 2015-07-22 --to 2015-07-22 وزير
run search --json --limit 2 ايران
run search --limit 1 --offset 1 روسيا
run search كورونا
run search 'روس*'
run search '(موسكو OR الرياض) NOT كورونا'
run search كلمةغيرموجودة
run search 'NOT روسيا'
run search '؟؟ !!'
run search --from 2015/07/22 روسيا
run search --limit x روسيا
run search
run search --db missing.db روسيا
run search 'title:روسيا'
run search '"روسيا'
run search 'روسيا)) OR ((('
run search "'; DROP TABLE articles; --"
run search 'NEAR(روسيا سوريا) ^ * + - {}'
compare search_basic
