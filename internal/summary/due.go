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
	// numberWords are the number words: units ("a" and "an" are one),
	// teens and tens; a tens word may take a unit after it ("forty-eight",
	// "twenty one").
	numberWords = map[string]int{"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
		"seven": 7, "eight": 8, "nine": 9,
		"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
		"seventeen": 17, "eighteen": 18, "nineteen": 19,
		"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
	// duePrefixes may open a due phrase and belong to it.
	duePrefixes = set("by before on until till this next for the no later than")
	// dayParts may follow a day and belong to the phrase: parts and
	// times of the day, and the deadline words said after a day ("Friday
	// EOD", "Tuesday lunchtime").
	dayParts = set("morning afternoon evening night noon midday lunchtime lunch eod cob")
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
			// "Thursday's stand-up", "Monday's review": an event of the
			// day said belongs to the phrase.
			if strings.HasSuffix(lower[end-1], "'s") && end < len(lower) && contentWord(lower[end]) {
				end++
			}
			// "tomorrow before lunch", "Friday by noon": a part of the
			// day after it.
			if (wordAt(lower, end) == "before" || wordAt(lower, end) == "by" || wordAt(lower, end) == "after") && dayParts[wordAt(lower, end+1)] {
				end += 2
			}
			// "… at the latest" belongs to the phrase.
			if wordAt(lower, end) == "at" && wordAt(lower, end+1) == "the" && wordAt(lower, end+2) == "latest" {
				end += 3
			}
			return dueSpan{start: start, end: end, day: due}, true
		}
	}
	// A time of the day alone ("by noon", "before 5pm", "by 3 pm") is
	// today's, when no day is said.
	for i := range lower {
		if end, ok := timeOfDay(lower, i); ok && i > 0 && (lower[i-1] == "by" || lower[i-1] == "before" || lower[i-1] == "until") {
			return dueSpan{start: i - 1, end: end, day: d}, true
		}
	}
	return dueSpan{}, false
}

// timeOfDay reads "noon", "midday", "5pm", "5 pm", "3:30pm", "5 o'clock"
// at word i: the word after it.
func timeOfDay(w []string, i int) (int, bool) {
	x := w[i]
	if x == "noon" || x == "midday" || x == "lunchtime" {
		return i + 1, true
	}
	if x == "" || x[0] < '0' || x[0] > '9' {
		return 0, false
	}
	digits := strings.TrimSuffix(strings.TrimSuffix(x, "pm"), "am")
	if h, m, ok := strings.Cut(digits, ":"); ok && len(m) == 2 {
		digits = h
	}
	n, err := strconv.Atoi(digits)
	if err != nil || n < 1 || n > 12 {
		return 0, false
	}
	if digits != x {
		return i + 1, true // "5pm", "3:30pm"
	}
	if a := wordAt(w, i+1); a == "pm" || a == "am" || a == "o'clock" || a == "p.m" || a == "a.m" {
		return i + 2, true
	}
	return 0, false
}

// dueAt reads a due phrase's core at word i: the day it means and the
// word after it.
func dueAt(w []string, i int, d time.Time) (int, time.Time, bool) {
	if end, t, ok := spanFrom(w, i, d); ok {
		return end, t, true
	}
	switch x := strings.TrimSuffix(w[i], "'s"); {
	case weekdays[x] != 0 || x == "sunday":
		t := nextWeekday(d, weekdays[x])
		if wordAt(w, i+1) == "week" { // "Thursday week": a week after it
			return i + 2, t.AddDate(0, 0, 7), true
		}
		return i + 1, t, true
	case x == "today" || x == "tonight" || x == "eod" || x == "cob":
		// "EOD Friday", "COB tomorrow": the deadline of the day said next.
		if k, t, ok := dayNamed(w, i+1, d); ok && (x == "eod" || x == "cob") {
			return k, t, true
		}
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
		case "day", "business", "play", "today":
			// "close of business Wednesday", "end of day tomorrow"
			if k, t, ok := dayNamed(w, k+1, d); ok {
				return k, t, true
			}
			return k + 1, d, true
		case "week", "next":
			next := 0
			if wordAt(w, k) == "next" {
				if wordAt(w, k+1) != "week" {
					break
				}
				k, next = k+1, 7 // "end of next week": that week's Friday
			} else if wordAt(w, k+1) == "after" && wordAt(w, k+2) == "next" {
				k, next = k+2, 14 // "end of the week after next"
			}
			for n := 0; n < 7; n++ {
				if t := d.AddDate(0, 0, n); t.Weekday() == time.Friday {
					return k + 1, t.AddDate(0, 0, next), true
				}
			}
		case "month":
			return k + 1, time.Date(d.Year(), d.Month()+1, 0, 0, 0, 0, 0, d.Location()), true
		}
	case (x == "in" || x == "within") && i+2 < len(w):
		// "in ten days", "within forty-eight hours", "in a fortnight":
		// a quantity read from number words, then a unit.
		k := i + 1
		if wordAt(w, k) == "the" && wordAt(w, k+1) == "next" {
			k += 2 // "within the next ten days"
		}
		if n, k := quantity(w, k); n > 0 {
			// "two working days", "three business days": weekdays only.
			if u := wordAt(w, k); (u == "working" || u == "business") && strings.HasPrefix(wordAt(w, k+1), "day") {
				t := d
				for left := n; left > 0; {
					t = t.AddDate(0, 0, 1)
					if t.Weekday() != time.Saturday && t.Weekday() != time.Sunday {
						left--
					}
				}
				return k + 2, t, true
			}
			// "in a week's time", "in two weeks' time".
			if u := strings.TrimRight(strings.TrimSuffix(wordAt(w, k), "'s"), "'"); u != wordAt(w, k) && wordAt(w, k+1) == "time" {
				if days, ok := unitDays(u, n); ok {
					return k + 2, d.AddDate(0, 0, days), true
				}
			}
			if days, ok := unitDays(wordAt(w, k), n); ok {
				return k + 1, d.AddDate(0, 0, days), true
			}
		}
	case x == "this" && wordAt(w, i+1) == "time":
		// "this time next week", "this time tomorrow": the same hour of
		// the day said after it.
		if wordAt(w, i+2) == "next" && wordAt(w, i+3) == "week" {
			return i + 4, d.AddDate(0, 0, 7), true
		}
		if wordAt(w, i+2) == "tomorrow" {
			return i + 3, d.AddDate(0, 0, 1), true
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
			// "by the 15th": that day of this month, or of the next once passed.
			if i > 0 && w[i-1] == "the" && x != strings.TrimRight(x, "stndrh") {
				t := time.Date(d.Year(), d.Month(), n, 0, 0, 0, 0, d.Location())
				if t.Before(d) {
					t = time.Date(d.Year(), d.Month()+1, n, 0, 0, 0, 0, d.Location())
				}
				if t.Day() == n {
					return i + 1, t, true
				}
			}
		}
	}
	return 0, time.Time{}, false
}

// spanFrom reads "a week from today", "two days from tomorrow", "ten
// days from now" at word i.
func spanFrom(w []string, i int, d time.Time) (int, time.Time, bool) {
	n, k := quantity(w, i)
	days, ok := unitDays(wordAt(w, k), n)
	// "a week on Friday", "two weeks on Monday", "a week from Monday":
	// that day, then the span.
	if n > 0 && ok && (wordAt(w, k+1) == "on" || wordAt(w, k+1) == "from" || wordAt(w, k+1) == "after") {
		if day, named := weekdays[wordAt(w, k+2)]; named {
			return k + 3, nextWeekday(d, day).AddDate(0, 0, days), true
		}
	}
	if n <= 0 || !ok || (wordAt(w, k+1) != "from" && wordAt(w, k+1) != "after") {
		return 0, time.Time{}, false
	}
	switch wordAt(w, k+2) {
	case "today", "now":
		return k + 3, d.AddDate(0, 0, days), true
	case "tomorrow":
		return k + 3, d.AddDate(0, 0, 1+days), true
	}
	return 0, time.Time{}, false
}

// quantity reads a count at word k — digits, a number word, a compound of
// tens and units ("forty-eight", "twenty one"), "a couple of" — and
// returns it with the index of the word after it, or 0.
func quantity(w []string, k int) (int, int) {
	x := wordAt(w, k)
	v := numberWords[x]
	// Most words are no count: ruled out before anything else is read.
	if v == 0 && x != "couple" && !startsWithDigit(x) && !strings.ContainsRune(x, '-') {
		return 0, k
	}
	if x == "a" && wordAt(w, k+1) == "couple" && wordAt(w, k+2) == "of" {
		return 2, k + 3
	}
	if x == "couple" && wordAt(w, k+1) == "of" && k > 0 && w[k-1] == "next" { // "in the next couple of days"
		return 2, k + 2
	}
	// "two or three days": the later of the two.
	if wordAt(w, k+1) == "or" {
		if v, next := quantity(w, k+2); v > 0 {
			return v, next
		}
	}
	if startsWithDigit(x) {
		if v, err := strconv.Atoi(x); err == nil && v > 0 && v < 1000 {
			return v, k + 1
		}
		return 0, k
	}
	if t, u, ok := strings.Cut(x, "-"); ok {
		if tv, uv := numberWords[t], unitWord(u); tv >= 20 && uv > 0 {
			return tv + uv, k + 1
		}
		return 0, k
	}
	if v == 0 {
		return 0, k
	}
	if v >= 20 {
		if uv := unitWord(wordAt(w, k+1)); uv > 0 {
			return v + uv, k + 2
		}
	}
	return v, k + 1
}

// unitWord returns the value of a unit that may follow a tens word, one to
// nine, or 0: "a" and "an" do not ("twenty a day").
func unitWord(s string) int {
	if v := numberWords[s]; v < 10 && s != "a" && s != "an" {
		return v
	}
	return 0
}

// unitDays turns n units of time into days: days, weeks, fortnights, and
// hours when they make whole days ("within
// forty-eight hours"; "in two hours" or "thirty minutes" are the
// meeting's own time, not a due date).
func unitDays(unit string, n int) (int, bool) {
	if n <= 0 {
		return 0, false
	}
	switch unit {
	case "day", "days":
		return n, true
	case "week", "weeks":
		return 7 * n, true
	case "fortnight", "fortnights":
		return 14 * n, true
	case "hour", "hours":
		if n >= 24 && n%24 == 0 {
			return n / 24, true
		}
	}
	return 0, false
}

// dayNamed reads a day said just after a deadline word ("EOD Friday",
// "close of business on Wednesday", "end of day tomorrow") at word k.
func dayNamed(w []string, k int, d time.Time) (int, time.Time, bool) {
	if wordAt(w, k) == "on" {
		k++
	}
	switch x := strings.TrimSuffix(wordAt(w, k), "'s"); {
	case x == "today":
		return k + 1, d, true
	case x == "tomorrow":
		return k + 1, d.AddDate(0, 0, 1), true
	case weekdays[x] != 0 || x == "sunday":
		return k + 1, nextWeekday(d, weekdays[x]), true
	}
	return 0, time.Time{}, false
}

// nextWeekday is the first day after d that falls on wd: "Friday" said on
// a Friday is the one a week on.
func nextWeekday(d time.Time, wd time.Weekday) time.Time {
	t := d.AddDate(0, 0, 1)
	for t.Weekday() != wd {
		t = t.AddDate(0, 0, 1)
	}
	return t
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
	if !startsWithDigit(s) {
		return 0, false
	}
	s = strings.TrimRight(s, "stndrh")
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 1 && n <= 31
}

// startsWithDigit reports whether s opens with a digit: strconv's errors
// allocate, and most words are not numbers.
func startsWithDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

// dateOnOrAfter is the date with month m and day n on or after d.
func dateOnOrAfter(d time.Time, m time.Month, n int) time.Time {
	t := time.Date(d.Year(), m, n, 0, 0, 0, 0, d.Location())
	if t.Before(d) {
		t = t.AddDate(1, 0, 0)
	}
	return t
}
