/*
 * article.c - the life cycle of kh_article, the struct every stage passes
 * along (khabar.h).
 */
#include <stdlib.h>
#include <string.h>

#include "khabar.h"

void kh_article_clear(kh_article *a)
{
    if (!a)
        return;
    free(a->source);
    free(a->url);
    free(a->title);
    free(a->author);
    free(a->date);
    free(a->lang);
    free(a->raw);
    free(a->text);
    for (size_t i = 0; i < a->n_removed; i++)
        free(a->removed[i].line);
    free(a->removed);
    free(a->origin);
    memset(a, 0, sizeof *a);
}
