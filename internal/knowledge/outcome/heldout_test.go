package outcome

import "testing"

// heldOutTable was written after the cue tables were built and was run once
// before any further tuning: its first score was 31/40 (77.5%). The misses
// were fixed with general cues (enders such as "gone", arrival and
// acceptance verbs, a wider negation window), not per-sentence rules. It has
// been a develop set since; the domain verbs have left the cue table.
var heldOutTable = []labelled{
	{"yes it went through this time", Success},
	{"Oh that did it!", Success},
	{"it's all working now, cheers", Success},
	{"The page loads fine now", Success},
	{"I'm in! thanks so much", Success},
	{"Looks like that fixed the problem", Success},
	{"that seems to have worked", Success},
	{"hooray, payment accepted", Success},
	{"Top up completed successfully", Success},
	{"no problems anymore, thank you", Success},
	{"It doesn't give me the error any more", Success},
	{"the refund shows in my account now", Success},
	{"I updated the card and now it works fine", Success},
	{"ok great that's sorted then", Success},
	{"the error is gone", Success},
	{"Still the same", Failure},
	{"it still says declined", Failure},
	{"Not working, sorry", Failure},
	{"Tried it, no joy", Failure},
	{"I did everything you said and it still won't go through", Failure},
	{"Doesn't help, the card gets rejected every time", Failure},
	{"that didn't change anything", Failure},
	{"it's even worse now", Failure},
	{"I'm still locked out", Failure},
	{"it won't let me log in", Failure},
	{"Nah it's the same thing", Failure},
	{"The email never arrived", Failure},
	{"Reinstalled it, still crashing", Failure},
	{"no that didn't work", Failure},
	{"Ok let me give that a shot", Pending},
	{"I'll do it when I get home", Pending},
	{"brb trying it", Pending},
	{"will try tomorrow morning and let you know", Pending},
	{"Let me restart and see", Pending},
	{"ok one sec", Pending},
	{"How long does it usually take?", Unknown},
	{"I have a Visa card", Unknown},
	{"what's the cache?", Unknown},
	{"Hmm I'm not sure if that's what happened", Unknown},
	{"Can you do it for me instead?", Unknown},
}

func TestClassifyHeldOut(t *testing.T) {
	scoreReplies(t, "held-out", heldOutTable, 0.95)
}
