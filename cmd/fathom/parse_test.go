package main

import (
	"flag"
	"io"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestFlagsFirst(t *testing.T) {
	t.Parallel()
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.String("url", "", "")
	fs.Int("limit", 0, "")
	fs.Bool("quick", false, "")
	tests := []struct {
		args, want []string
	}{
		{[]string{"a.vtt", "dir/"}, []string{"--", "a.vtt", "dir/"}},
		{[]string{"--url", "U", "a.vtt"}, []string{"--url", "U", "--", "a.vtt"}},
		{[]string{"a.vtt", "--url", "U", "b.vtt"}, []string{"--url", "U", "--", "a.vtt", "b.vtt"}},
		{[]string{"a", "--url=U", "--quick", "b"}, []string{"--url=U", "--quick", "--", "a", "b"}},
		{[]string{"card", "-5", "--limit", "-3"}, []string{"--limit", "-3", "--", "card", "-5"}},
		{[]string{"a", "--", "--url", "b"}, []string{"--", "a", "--url", "b"}},
		{[]string{"a", "--nope"}, []string{"--nope", "--", "a"}},
		{[]string{"a", "--help"}, []string{"--help", "--", "a"}},
		{[]string{"--quick"}, []string{"--quick"}},
		{nil, nil},
	}
	for _, tt := range tests {
		if got := flagsFirst(fs, tt.args); !slices.Equal(got, tt.want) {
			t.Errorf("flagsFirst(%q) = %q, want %q", tt.args, got, tt.want)
		}
	}
}

// A flag after the files is read as a flag: before, "fathom import FILE
// --url URL" took --url for a file and URL for another.
func TestParseFlagsAfterArguments(t *testing.T) {
	t.Parallel()
	code, _, errOut := cli(t, map[string]string{"FATHOM_API_KEY": "fth_x"}, "import", "../../examples/meeting.vtt", "--url", "http://127.0.0.1:1")
	if code != 1 || !strings.Contains(errOut, "cannot connect to http://127.0.0.1:1") || strings.Contains(errOut, "stat --url") {
		t.Errorf("import FILE --url: exit %d, stderr %q; want a connection error for --url", code, errOut)
	}
	if code, _, errOut := cli(t, nil, "import", "../../examples/meeting.vtt", "--urll", "x"); code != 2 || !strings.Contains(errOut, "-urll") {
		t.Errorf("import FILE --urll: exit %d, stderr %q; want 2 naming the unknown flag", code, errOut)
	}
}

// Flag errors name flags as the docs and --help do, with two dashes.
func TestParseErrorsNameFlagsWithTwoDashes(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"meetings", "list", "--bogus"}, "flag provided but not defined: --bogus\n"},
		{[]string{"sync", "--key"}, "flag needs an argument: --key\n"},
		{[]string{"meetings", "list", "--limit", "many"}, `invalid value "many" for flag --limit`},
	} {
		code, _, errOut := cli(t, nil, tt.args...)
		if code != 2 || !strings.HasPrefix(errOut, strings.SplitN(tt.want, "\n", 2)[0]) || !strings.Contains(errOut, "Usage: fathom") {
			t.Errorf("fathom %s: exit %d, stderr %q; want 2, %q first, then the usage", strings.Join(tt.args, " "), code, errOut, tt.want)
		}
	}
	if code, _, errOut := cli(t, nil, "meetings", "list", "--help"); code != 0 || !strings.Contains(errOut, "-limit") {
		t.Errorf("meetings list --help: exit %d, stderr %q; want 0 and the flags", code, errOut)
	}
}

func TestRecordingLength(t *testing.T) {
	t.Parallel()
	for d, want := range map[string]string{"23s": "23s", "14.6s": "15s", "59.4s": "59s", "2m29s": "2m0s", "1h0m31s": "1h1m0s"} {
		in, err := time.ParseDuration(d)
		if err != nil {
			t.Fatal(err)
		}
		if got := recordingLength(in).String(); got != want {
			t.Errorf("recordingLength(%s) = %s, want %s", d, got, want)
		}
	}
}
