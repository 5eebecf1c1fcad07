package outcome

import "testing"

// supportPool is a report-only check on support reactions: written in full
// before the cue knowledge was rewritten and before any measurement, and
// never edited after. Nothing is tuned on it; its first score with each
// classifier is what docs/evaluation.md reports. New phrasings, typos,
// emoji and long replies that mention a problem but say it is fixed.
var supportPool = []labelled{
	// Success.
	{"that did the trick", Success},
	{"it went through this time", Success},
	{"Ahh there we go, all working", Success},
	{"yes!! that was it 🎉", Success},
	{"thnaks, its workign now", Success},
	{"Worked 👍", Success},
	{"ok that fixed the sync problem, appreciate the help", Success},
	{"I had the same error for two days and tried reinstalling twice before I wrote in, but after doing what you said it finally works", Success},
	{"Problem is gone now, thank you so much for your patience", Success},
	{"Sorted! You're a lifesaver", Success},
	{"Looks good on my end now", Success},
	{"it's back to normal", Success},
	{"Just tested it and everything is fine", Success},
	{"Yep, no more crashes since the update", Success},
	{"that solved it, cheers mate", Success},
	{"The export finished without errors this time", Success},
	{"Brilliant, up and running again", Success},
	{"Confirmed, that fixed it", Success},
	{"ok it works now, had to restart twice but it works", Success},
	{"Great news, the upload went fine", Success},
	{"all good now :)", Success},
	{"I think that did it, thanks!", Success},

	// Failure.
	{"nope, same problem", Failure},
	{"still broken, unfortunately", Failure},
	{"I tried that already", Failure},
	{"Same thing happens 😞", Failure},
	{"didnt work", Failure},
	{"still doesnt wrok", Failure},
	{"No change at all", Failure},
	{"It still shows the old version", Failure},
	{"Did that, same error message as before", Failure},
	{"Nope", Failure},
	{"That's what I did yesterday and it didn't help", Failure},
	{"It keeps failing at the last step", Failure},
	{"No luck I'm afraid", Failure},
	{"Still not fixed, it crashed again an hour later", Failure},
	{"I've already done that twice", Failure},
	{"Tried restarting, no difference", Failure},
	{"nothing happens when I tap it", Failure},
	{"It worked for a minute and then broke again", Failure},
	{"unfortunately the problem persists", Failure},
	{"no, I still get the warning", Failure},
	{"this isn't working either 😤", Failure},
	{"Hmm, still the same for me", Failure},

	// Pending.
	{"ok I'll give it a try and get back to you", Pending},
	{"give me a few minutes to test", Pending},
	{"Trying it now", Pending},
	{"I'll check tonight when I'm home", Pending},
	{"doing it now, one moment", Pending},
	{"Will try and report back", Pending},
	{"let me see if that works", Pending},
	{"Restarting now, hang on", Pending},

	// Unknown.
	{"Where do I find the settings menu?", Unknown},
	{"I'm on version 4.2 on Android", Unknown},
	{"Which account, the personal one or the business one?", Unknown},
	{"ok", Unknown},
	{"Is that going to delete my files?", Unknown},
	{"not sure yet, it's still loading", Unknown},
	{"How long does the reset take?", Unknown},
	{"Do I need to be logged in for that?", Unknown},
}

// TestSupportPool reports accuracy on supportPool and fails below 85%, a
// floor fixed with the pool, before the first measurement.
func TestSupportPool(t *testing.T) {
	if len(supportPool) < 60 {
		t.Fatalf("pool has %d reactions, want at least 60", len(supportPool))
	}
	scoreReplies(t, "support pool", supportPool, 0.85)
}
