/*
 * story_time.h - article dates as hours on one time line, for the story
 * windows ("at most 48 hours from the story's latest article").
 *
 * Internal to the stories stage.
 */
#ifndef KH_STORIES_TIME_H
#define KH_STORIES_TIME_H

#include <stdint.h>

#define KH_NO_TIME INT64_MIN

/*
 * kh_story_hours: hours since 1970-01-01T00:00 of an ISO 8601 date,
 * "YYYY-MM-DD" (taken as noon: a day without a time is closest to every
 * hour of it) or "YYYY-MM-DDThh:mm[:ss]" (a space may stand for the T).
 * KH_NO_TIME for NULL or anything else.
 */
int64_t kh_story_hours(const char *date);

#endif
