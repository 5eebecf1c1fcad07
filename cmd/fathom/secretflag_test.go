package main

import (
	"strings"
	"testing"
)

// No command prints a secret taken from the environment: not in --help,
// not in the usage printed after a wrong flag.
func TestCLIHelpHidesSecrets(t *testing.T) {
	t.Parallel()
	env := map[string]string{
		"FATHOM_API_KEY":               "fth_apikeyapikeyapikeyapikeyapikeyap",
		"FATHOM_ACCESS_TOKEN":          "tok-accesstokenvalue",
		"MATON_API_KEY":                "maton-gatewaykeyvalue",
		"FATHOM_WEBHOOK_SECRET":        "whsec_webhooksecretvalue",
		"FATHOM_SECRET_KEY":            "secretkeysecretkeyvalue",
		"FATHOM_GATEWAY_CLIENT_SECRET": "clientsecretvalue",
		"FATHOM_DATABASE_URL":          "postgres://fathom:dbpasswordvalue@127.0.0.1:1/fathom",
		"FATHOM_SIM_API_KEY":           "fth_simkeyvalue",
		"FATHOM_REPORT_API_KEY":        "fth_reportkeyvalue",
	}
	commands := [][]string{
		{"meetings", "list", "--help"}, {"meetings", "list", "--bogus"},
		{"context", "similar", "--help"}, {"webhooks", "list", "--help"},
		{"webhooks", "verify", "--help"}, {"webhooks", "verify", "--bogus"},
		{"import", "--help"}, {"import", "--bogus"}, {"sync", "--help"},
		{"bench", "--help"}, {"eval", "banking77", "--help"}, {"eval", "star", "--help"},
		{"serve", "--help"}, {"serve", "--bogus"}, {"keys", "list", "--help"},
	}
	for _, args := range commands {
		code, out, errOut := cli(t, env, args...)
		all := out + errOut
		want := 0 // --help
		if args[len(args)-1] == "--bogus" {
			want = 2 // a usage error
		}
		if code != want {
			t.Errorf("fathom %s: exit %d, want %d:\n%s", strings.Join(args, " "), code, want, all)
		}
		for name, secret := range env {
			if strings.Contains(all, strings.TrimPrefix(secret, "postgres://fathom:")[:12]) {
				t.Errorf("fathom %s shows %s:\n%s", strings.Join(args, " "), name, all)
			}
		}
		if !strings.Contains(all, ": set)") {
			t.Errorf("fathom %s does not say which secrets are set:\n%s", strings.Join(args, " "), all)
		}
	}
	code, _, errOut := cli(t, map[string]string{}, "meetings", "list", "--help")
	if code != 0 || !strings.Contains(errOut, "FATHOM_API_KEY: not set)") {
		t.Errorf("with no key in the environment, --help does not say so:\n%s", errOut)
	}
}
