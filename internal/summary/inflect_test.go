package summary

import "testing"

func TestBaseOfGerund(t *testing.T) {
	t.Parallel()
	for w, want := range map[string]string{
		"updating": "update", "running": "run", "sending": "send", "making": "make", "writing": "write",
		"sharing": "share", "handling": "handle", "scheduling": "schedule", "managing": "manage",
		"changing": "change", "bringing": "bring", "calling": "call", "passing": "pass", "adding": "add",
		"reviewing": "review", "fixing": "fix", "visiting": "visit", "opening": "open", "delivering": "deliver",
		"monitoring": "monitor", "creating": "create", "organising": "organise", "prioritizing": "prioritize",
		"booking": "book", "planning": "plan", "submitting": "submit", "pricing": "price",
		"chasing": "chase", "removing": "remove", "deciding": "decide", "judging": "judge", "emailing": "email",
		"drafting": "draft", "seeing": "see", "executing": "execute", "preparing": "prepare", "ensuring": "ensure",
		"sing": "sing", "thing": "thing",
	} {
		if got := baseOfGerund(w); got != want {
			t.Errorf("%s: got %s, want %s", w, got, want)
		}
	}
}

func TestBaseOfThird(t *testing.T) {
	t.Parallel()
	for w, want := range map[string]string{
		"updates": "update", "fixes": "fix", "copies": "copy", "sends": "send", "pushes": "push",
		"reaches": "reach", "finalizes": "finalize", "focus": "focus", "process": "process", "goes": "go", "does": "do",
	} {
		if got := baseOfThird(w); got != want {
			t.Errorf("%s: got %s, want %s", w, got, want)
		}
	}
}
