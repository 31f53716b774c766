/*
 * main.c - the khabar command: dispatch to a subcommand.
 *
 * Each subcommand lives in cmd_<name>.c, parses its own options and returns
 * an exit code from cli.h.  This file only knows the table below.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const cli_command commands[] = {
    {"ingest", "read, clean, analyse and store articles", cmd_ingest},
    {"clean", "print cleaned articles as JSON lines (no database)", cmd_clean},
    {"analyze", "show tokens, normalised forms and stems; frequency lists",
     cmd_analyze},
    {"search", "ranked search that understands Arabic spelling", cmd_search},
    {"show", "print one article", cmd_show},
    {"stats", "what the database holds", cmd_stats},
    {"dedup", "duplicate clusters: wire copies, URL variants", cmd_dedup},
    {"stories", "articles about one event, grouped across outlets",
     cmd_stories},
    {"story", "one story's articles side by side", cmd_story},
    {"export", "every article with its story and duplicate, as JSONL/CSV",
     cmd_export},
};

static void usage(FILE *out)
{
    fprintf(out,
            "usage: khabar [--version] [--help] <command> [options] [args]\n"
            "\n"
            "khabar turns piles of Arabic news pages into clean, searchable "
            "articles.\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out,
            "\n'khabar <command> --help' describes a command.\n"
            "The database is $KHABAR_DB, else ./khabar.db, unless --db is "
            "given.\n"
            "\nexit codes: 0 ok, 1 no match, 2 usage, 3 some inputs rejected,\n"
            "            4 database error, 5 input/output error, 70 bug\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 ||
        strcmp(name, "help") == 0) {
        usage(stdout);
        return EXIT_OK;
    }
    if (strcmp(name, "--version") == 0 || strcmp(name, "version") == 0) {
        printf("khabar %s\n", KH_VERSION);
        return EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(name, commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    cli_error("'%s' is not a command; see 'khabar --help'", name);
    return EXIT_USAGE;
}
