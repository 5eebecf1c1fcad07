package outcome

import "testing"

// supportPoolB is a second report-only pool, written (like supportPool)
// before the cue knowledge was rewritten, and first run only once the
// rewrite was done, because supportPool's score under the old cue table
// had been seen by then. Never edited after its first run.
var supportPoolB = []labelled{
	{"wow that actually worked", Success},
	{"Finally!! it connects now", Success},
	{"Yes that's fixed it, thank you", Success},
	{"good call, the printer is printing again", Success},
	{"It's working perfectly now, thanks a lot for your help with this", Success},
	{"The error message went away after I did that", Success},
	{"looks like it's resolved", Success},
	{"it let me in this time", Success},
	{"ok done, and it works", Success},
	{"Success! Thanks", Success},
	{"Everything is back now 🙏", Success},
	{"no issues since yesterday, you can close this", Success},
	{"that was the problem, all fine now", Success},
	{"Nah, didn't do anything", Failure},
	{"same issue here", Failure},
	{"I did exactly that and it is still stuck", Failure},
	{"Still nothing", Failure},
	{"it still wont load", Failure},
	{"That option isn't there for me", Failure},
	{"No good, same result", Failure},
	{"Tried it three times already, no luck", Failure},
	{"It's even slower now", Failure},
	{"the problem came back after a few minutes", Failure},
	{"doesn't seem to make any difference", Failure},
	{"no it still says the same thing", Failure},
	{"Yeah I already tried that", Failure},
	{"ok, will do", Pending},
	{"I'm going to try it after lunch", Pending},
	{"testing it now", Pending},
	{"hold on, let me try that", Pending},
	{"I'll let you know how it goes", Pending},
	{"Give me a sec", Pending},
	{"What does that setting do?", Unknown},
	{"My laptop is a 2019 model", Unknown},
	{"Can I do this from my phone?", Unknown},
	{"hmm hard to tell yet", Unknown},
	{"Why is this happening in the first place?", Unknown},
	{"I'm using the free plan", Unknown},
	{"Could you send me the link?", Unknown},
	{"I don't know if it worked, the screen went blank", Unknown},
}

// TestSupportPoolB reports accuracy on supportPoolB and fails below 85%, a
// floor fixed with the pool, before its first run.
func TestSupportPoolB(t *testing.T) {
	scoreReplies(t, "support pool B", supportPoolB, 0.85)
}
