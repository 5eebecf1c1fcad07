package summary

import (
	"strconv"
	"strings"
	"time"
)

// Due dates: a phrase of an action item that says when it is due ("by
// Thursday", "tomorrow", "in two days", "by end of day", "by 3 March"),
// resolved against the meeting's day. A weekday is the first such day
// strictly after the meeting's ("next Thursday" too: the phrase is taken to
// name the coming one); "end of the week" is the first Friday on or after it.
// "Next week" and other spans without a day are left unresolved.

var (
	weekdays = map[string]time.Weekday{"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday,
		"wednesday": time.Wednesday, "thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday}
	months = map[string]time.Month{"january": time.January, "february": time.February, "march": time.March,
		"april": time.April, "may": time.May, "june": time.June, "july": time.July, "august": time.August,
		"september": time.September, "october": time.October, "november": time.November, "december": time.December}
	numberWords = map[string]int{"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
		"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "twenty": 20, "thirty": 30}
	// duePrefixes may open a due phrase and belong to it.
	duePrefixes = set("by before on until till this next for the no later than")
	// dayParts may follow a day and belong to the phrase.
	dayParts = set("morning afternoon evening night")
)

// dueSpan is a due phrase found in an action's words.
type dueSpan struct {
	start, end int // words [start, end) of the phrase
	day        time.Time
}

// findDue finds the first due phrase in lower-cased bare words, resolved
// against day (a meeting's date, not zero).
func findDue(lower []string, day time.Time) (dueSpan, bool) {
	d := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, day.Location())
	for i := range lower {
		// "the agenda for today" is this meeting's, not a due date.
		if lower[i] == "today" && i > 0 && lower[i-1] == "for" {
			continue
		}
		if end, due, ok := dueAt(lower, i, d); ok {
			start := i
			for start > 0 && duePrefixes[lower[start-1]] {
				start--
			}
			if start > 0 && lower[start-1] == "thing" && start > 1 && lower[start-2] == "first" {
				start -= 2 // "first thing tomorrow"
			}
			for end < len(lower) && dayParts[lower[end]] {
				end++
			}
			return dueSpan{start: start, end: end, day: due}, true
		}
	}
	return dueSpan{}, false
}

// dueAt reads a due phrase's core at word i: the day it means and the
// word after it.
func dueAt(w []string, i int, d time.Time) (int, time.Time, bool) {
	if end, t, ok := spanFrom(w, i, d); ok {
		return end, t, true
	}
	switch x := strings.TrimSuffix(w[i], "'s"); {
	case weekdays[x] != 0 || x == "sunday":
		for n := 1; n <= 7; n++ {
			if t := d.AddDate(0, 0, n); t.Weekday() == weekdays[x] {
				return i + 1, t, true
			}
		}
	case x == "today" || x == "tonight" || x == "eod" || x == "cob":
		return i + 1, d, true
	case x == "this" && dayParts[wordAt(w, i+1)]: // "this afternoon"
		return i + 2, d, true
	case x == "day" && wordAt(w, i+1) == "after" && wordAt(w, i+2) == "tomorrow":
		return i + 3, d.AddDate(0, 0, 2), true
	case x == "tomorrow":
		return i + 1, d.AddDate(0, 0, 1), true
	case x == "end" || x == "close":
		k := i + 1
		if wordAt(w, k) != "of" {
			break
		}
		k++
		if wordAt(w, k) == "the" || wordAt(w, k) == "this" {
			k++
		}
		switch wordAt(w, k) {
		case "day", "business", "today":
			return k + 1, d, true
		case "week":
			for n := 0; n < 7; n++ {
				if t := d.AddDate(0, 0, n); t.Weekday() == time.Friday {
					return k + 1, t, true
				}
			}
		}
	case (x == "in" || x == "within") && i+2 < len(w):
		k, n := i+1, 0
		if wordAt(w, k) == "a" && wordAt(w, k+1) == "couple" && wordAt(w, k+2) == "of" {
			k, n = k+3, 2
		} else if v, ok := numberWords[wordAt(w, k)]; ok {
			k, n = k+1, v
		} else if v, err := strconv.Atoi(wordAt(w, k)); err == nil && v > 0 && v < 100 {
			k, n = k+1, v
		}
		switch wordAt(w, k) {
		case "day", "days":
			if n > 0 {
				return k + 1, d.AddDate(0, 0, n), true
			}
		case "week", "weeks":
			if n > 0 {
				return k + 1, d.AddDate(0, 0, 7*n), true
			}
		}
	default:
		// "3 March", "March 3rd", "the 3rd of March"
		if m, ok := months[x]; ok {
			if n, ok := dayNumber(wordAt(w, i+1)); ok {
				return i + 2, dateOnOrAfter(d, m, n), true
			}
		}
		if n, ok := dayNumber(x); ok {
			k := i + 1
			if wordAt(w, k) == "of" {
				k++
			}
			if m, ok := months[wordAt(w, k)]; ok {
				return k + 1, dateOnOrAfter(d, m, n), true
			}
		}
	}
	return 0, time.Time{}, false
}

// spanFrom reads "a week from today", "two days from tomorrow", "ten
// days from now" at word i.
func spanFrom(w []string, i int, d time.Time) (int, time.Time, bool) {
	n := numberWords[w[i]]
	if n == 0 {
		n, _ = strconv.Atoi(w[i])
	}
	unit := 0
	switch wordAt(w, i+1) {
	case "day", "days":
		unit = 1
	case "week", "weeks":
		unit = 7
	}
	if n <= 0 || n >= 100 || unit == 0 || (wordAt(w, i+2) != "from" && wordAt(w, i+2) != "after") {
		return 0, time.Time{}, false
	}
	switch wordAt(w, i+3) {
	case "today", "now":
		return i + 4, d.AddDate(0, 0, n*unit), true
	case "tomorrow":
		return i + 4, d.AddDate(0, 0, 1+n*unit), true
	}
	return 0, time.Time{}, false
}

// wordAt is w[k], or "" past the end.
func wordAt(w []string, k int) string {
	if k < len(w) {
		return w[k]
	}
	return ""
}

// dayNumber reads "3", "3rd", "21st" as a day of the month.
func dayNumber(s string) (int, bool) {
	s = strings.TrimRight(s, "stndrh")
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 1 && n <= 31
}

// dateOnOrAfter is the date with month m and day n on or after d.
func dateOnOrAfter(d time.Time, m time.Month, n int) time.Time {
	t := time.Date(d.Year(), m, n, 0, 0, 0, 0, d.Location())
	if t.Before(d) {
		t = t.AddDate(1, 0, 0)
	}
	return t
}
