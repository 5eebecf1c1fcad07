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

func TestDoing(t *testing.T) {
	for in, want := range map[string]string{
		"contact bank": "contacting the bank", "reset password": "resetting the password",
		"restart": "restarting", "update your card": "updating your card", "": "",
	} {
		if got := Doing(in); got != want {
			t.Errorf("Doing(%q) = %q, want %q", in, got, want)
		}
	}
}
