package transcript

import (
	"fmt"
	"strings"
	"time"
)

// parseClock reads an offset written "[H:]MM:SS[.fff]" with '.' or ',' before
// the fraction: WebVTT's "00:01:02.500" and "01:02.500", SRT's
// "00:01:02,500", and the "1:02" and "01:02:03" of text exports. Minutes
// and seconds below an hour field must be under 60.
func parseClock(s string) (time.Duration, bool) {
	if s == "" || len(s) > 16 {
		return 0, false
	}
	var frac time.Duration
	if i := strings.IndexAny(s, ".,"); i >= 0 {
		f := s[i+1:]
		if len(f) == 0 || len(f) > 3 || !isDigits(f) {
			return 0, false
		}
		n := atoi(f)
		for k := len(f); k < 3; k++ {
			n *= 10
		}
		frac = time.Duration(n) * time.Millisecond
		s = s[:i]
	}
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, false
	}
	for i, p := range parts {
		// The leading field may be wide ("100:00:00", "75:30"), seconds
		// have two digits and minutes after hours one or two.
		if !isDigits(p) || (i > 0 && len(p) > 2) || len(p) > 3 || (i == len(parts)-1 && len(p) != 2) {
			return 0, false
		}
	}
	sec := atoi(parts[len(parts)-1])
	min := atoi(parts[len(parts)-2])
	if sec >= 60 || (len(parts) == 3 && min >= 60) {
		return 0, false
	}
	d := time.Duration(sec)*time.Second + time.Duration(min)*time.Minute + frac
	if len(parts) == 3 {
		d += time.Duration(atoi(parts[0])) * time.Hour
	}
	return d, true
}

// atoi converts a short run of ASCII digits already checked by isDigits.
func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// looksLikeClock reports whether s was meant as a timestamp: digits, a
// colon, then more: "00:0x:01" is a bad timestamp, "2: the plan" is text.
func looksLikeClock(s string) bool {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(s) && s[i] == ':' && s[i+1] != ' '
}

// ParseTimestamp reads an API offset, "HH:MM:SS" (fractions and the
// shorter "MM:SS" are accepted too).
func ParseTimestamp(s string) (time.Duration, error) {
	d, ok := parseClock(s)
	if !ok {
		return 0, fmt.Errorf("bad timestamp %q: want HH:MM:SS", s)
	}
	return d, nil
}
