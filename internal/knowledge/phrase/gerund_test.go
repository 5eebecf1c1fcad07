package phrase

import "testing"

func TestGerund(t *testing.T) {
	for verb, want := range map[string]string{
		"update": "updating", "contact": "contacting", "log": "logging", "reset": "resetting",
		"submit": "submitting", "transfer": "transferring", "order": "ordering", "open": "opening",
		"enter": "entering", "try": "trying", "restart": "restarting", "freeze": "freezing",
		"see": "seeing", "tie": "tying", "stop": "stopping", "visit": "visiting", "call": "calling",
		"reinstall": "reinstalling", "unblock": "unblocking", "verify": "verifying", "pay": "paying",
		"cancel": "canceling", "send": "sending", "edit": "editing", "reboot": "rebooting", "": "",
	} {
		if got := Gerund(verb); got != want {
			t.Errorf("Gerund(%q) = %q, want %q", verb, got, want)
		}
	}
}
