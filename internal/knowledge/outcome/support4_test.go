package outcome

import "testing"

// supportPoolD is a fourth report-only pool, written after pool C's first
// run and before the changes that followed it. Never edited after its
// first run.
var supportPoolD = []labelled{
	{"Yess it's printing now!!", Success},
	{"that cleared it up, thank you", Success},
	{"Perfect 👍", Success},
	{"The sync ran overnight with no errors", Success},
	{"ah that was the culprit, all sorted", Success},
	{"The video plays fine now", Success},
	{"great, it shows the right total now", Success},
	{"Restarted and it's behaving now", Success},
	{"it's good now, no more lag", Success},
	{"It finally uploaded, thank you so much!", Success},
	{"All fixed on my end 🙌", Success},
	{"nope. exact same message", Failure},
	{"Still the same 😕", Failure},
	{"nothing changed at all", Failure},
	{"That made it worse", Failure},
	{"it's still freezing every few minutes", Failure},
	{"No dice", Failure},
	{"Did it twice, no difference", Failure},
	{"still getting kicked out after a minute", Failure},
	{"Not working. This is really frustrating", Failure},
	{"it won't even start now", Failure},
	{"did that last week already", Failure},
	{"Same problem on both devices", Failure},
	{"Let me try it after the meeting", Pending},
	{"Doing it right now", Pending},
	{"I'll give it a go and report back", Pending},
	{"ok, checking now", Pending},
	{"just a sec, restarting", Pending},
	{"Will try tonight", Pending},
	{"Where is the advanced tab?", Unknown},
	{"What do you mean by reset?", Unknown},
	{"my account is under my wife's name", Unknown},
	{"Do I lose my data if I do that?", Unknown},
	{"Is there a phone number I can call?", Unknown},
	{"I use Firefox mostly", Unknown},
	{"hmm, not sure yet", Unknown},
	{"Can you send me the instructions by email?", Unknown},
	{"it's the older model", Unknown},
	{"How do I know which plan I'm on?", Unknown},
	{"I'm confused", Unknown},
}

// TestSupportPoolD reports accuracy on supportPoolD and fails below 75%, a
// floor fixed with the pool, before its first run.
func TestSupportPoolD(t *testing.T) {
	scoreReplies(t, "support pool D", supportPoolD, 0.75)
}
