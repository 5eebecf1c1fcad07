package outcome

import "testing"

// freshTable was written after tuning on heldOutTable, and its first score
// is the honest estimate of accuracy on unseen phrasing: 21/24 (87.5%).
// The three misses were then fixed by general cues (trouble, difference,
// kicked out); the test keeps the set from regressing. A develop set since.
var freshTable = []labelled{
	{"okay it finally accepted my card", Success},
	{"yay it's working", Success},
	{"Just checked and the charge has been reversed, thanks", Success},
	{"You're a star, that sorted everything", Success},
	{"logged in without any trouble", Success},
	{"it goes through every time now", Success},
	{"that's done the job, thank you", Success},
	{"problem solved!", Success},
	{"Same as before unfortunately", Failure},
	{"It's still saying the code is invalid", Failure},
	{"didn't make a difference", Failure},
	{"Now it says something else went wrong", Failure},
	{"I restarted but I keep getting kicked out", Failure},
	{"Not fixed", Failure},
	{"I can't find the email anywhere", Failure},
	{"no, still pending", Failure},
	{"Alright, give me 5 minutes", Pending},
	{"I'm going to try that now", Pending},
	{"Ok will do that and come back to you", Pending},
	{"Checking now", Pending},
	{"what's the difference between the two?", Unknown},
	{"My phone is a Samsung", Unknown},
	{"Why would that matter?", Unknown},
	{"I'm not really sure to be honest", Unknown},
}

func TestClassifyFresh(t *testing.T) {
	scoreReplies(t, "fresh", freshTable, 0.95)
}
