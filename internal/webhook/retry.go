package webhook

import "time"

// retrySchedule is the spec's svix-like schedule (§10.2): the wait before
// each attempt, counted from the failure of the one before.
var retrySchedule = [...]time.Duration{
	0,
	5 * time.Second,
	5 * time.Minute,
	30 * time.Minute,
	2 * time.Hour,
	5 * time.Hour,
	10 * time.Hour,
	10 * time.Hour,
}

// MaxAttempts is how many times one event is tried before it is given up.
const MaxAttempts = len(retrySchedule)

// RetryDelay reports how long to wait before attempt number attempt
// (1-based): attempt 1 goes at once, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h
// and 10 h after the previous failure. It returns false when attempt is
// outside 1..MaxAttempts, i.e. the event is exhausted.
//
// There is deliberately no jitter: deliveries are already spread by the
// moments their meetings finish, a receiver gets few of them, and a fixed
// schedule keeps the job queue, its tests and the delivery log predictable
// (an operator can tell from the log exactly when the next try is due).
func RetryDelay(attempt int) (time.Duration, bool) {
	if attempt < 1 || attempt > MaxAttempts {
		return 0, false
	}
	return retrySchedule[attempt-1], true
}
