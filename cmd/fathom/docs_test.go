package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/fathom-oss/fathom/internal/transcript"
)

// repoRoot is where README.md and docs/ are, seen from this package.
const repoRoot = "../.."

// docShellLines returns the command lines of the shell examples (```sh
// blocks) of README.md and docs/*.md, continuation lines joined, by file.
func docShellLines(t *testing.T) map[string][]string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(repoRoot, "docs", "*.md"))
	files = append(files, filepath.Join(repoRoot, "README.md"))
	block := regexp.MustCompile("(?s)```(?:sh|bash|shell)\n(.*?)```")
	out := map[string][]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(repoRoot, f)
		for _, m := range block.FindAllStringSubmatch(string(b), -1) {
			text := strings.ReplaceAll(m[1], "\\\n", " ")
			for _, line := range strings.Split(text, "\n") {
				if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
					out[rel] = append(out[rel], line)
				}
			}
		}
	}
	return out
}

// shellWords splits a command line as a shell would (quotes, comments),
// well enough for the examples of the docs.
func shellWords(line string) []string {
	var words []string
	var cur strings.Builder
	in, quote := false, byte(0)
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
			cur.WriteByte(c)
		case c == '\'' || c == '"':
			quote, in = c, true
		case c == '#' && !in:
			return words
		case c == ' ' || c == '\t':
			if in {
				words = append(words, cur.String())
				cur.Reset()
				in = false
			}
		default:
			cur.WriteByte(c)
			in = true
		}
	}
	if in {
		words = append(words, cur.String())
	}
	return words
}

// pathLike reports whether a word of a command is a file or directory of
// the clone: a relative path or a file name with a known extension, not an
// absolute path (an installation's), URL, flag, variable, pattern or value
// with separators.
var fileExt = regexp.MustCompile(`\.(vtt|srt|txt|json|md|db|key|go)$`)

// testPattern holds the flags of go test whose value is a name pattern.
var testPattern = map[string]bool{"-run": true, "-bench": true, "-skip": true, "-test.run": true, "-test.bench": true}

func pathLike(w string) bool {
	switch {
	case w == "" || strings.HasPrefix(w, "-") || strings.HasPrefix(w, "/") || strings.ContainsAny(w, "$:=,+*@{}()<>|`") || strings.Contains(w, "..."):
		return false
	case strings.HasPrefix(w, "./") || strings.HasPrefix(w, "../") || strings.HasSuffix(w, "/"):
		return true
	}
	return fileExt.MatchString(w)
}

// Every file and directory the docs' shell examples name exists in the
// repository, or is made by an earlier example (go build -o, fathom backup --to, a shell
// redirection, fathom serve's data directory): a fresh clone runs them as
// printed.
func TestDocsExamplesNameExistingFiles(t *testing.T) {
	t.Parallel()
	made := map[string]bool{"fathom-data": true, "fathom": true}
	checked := 0
	for doc, lines := range docShellLines(t) {
		for _, line := range lines {
			words := shellWords(line)
			for i, w := range words {
				if i > 0 && (words[i-1] == "-o" || words[i-1] == "--to" || words[i-1] == ">" || words[i-1] == ">>") {
					made[strings.TrimPrefix(w, "./")] = true
					continue
				}
				if i == 0 && !strings.Contains(w, "/") {
					continue // the command itself
				}
				if i > 0 && testPattern[words[i-1]] {
					continue // a test or benchmark name pattern, not a path
				}
				if !pathLike(w) {
					continue
				}
				p := strings.TrimSuffix(strings.TrimPrefix(w, "./"), "/")
				if dir, _, _ := strings.Cut(p, "/"); made[p] || made[dir] {
					continue // made, or in a directory made (fathom-data/secret.key)
				}
				checked++
				if _, err := os.Stat(filepath.Join(repoRoot, p)); err != nil {
					t.Errorf("%s: example %q names %s, which a fresh clone does not have", doc, line, w)
				}
			}
		}
	}
	if checked < 5 {
		t.Errorf("only %d paths checked: the extraction lost the examples", checked)
	}
}

// The sample transcripts in examples/ are ones fathom import accepts.
func TestExamplesParse(t *testing.T) {
	t.Parallel()
	n := 0
	err := filepath.WalkDir(filepath.Join(repoRoot, "examples"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.Contains(".vtt.srt.txt", filepath.Ext(p)) {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		doc, err := transcript.Parse(filepath.Base(p), b)
		if err != nil || len(doc.Items) < 2 {
			t.Errorf("%s: %v, %d items", p, err, len(doc.Items))
		}
		n++
		return nil
	})
	if err != nil || n < 3 {
		t.Errorf("examples: %v, %d transcripts", err, n)
	}
}

// The webhook verification example of docs/cli.md runs as printed.
func TestDocsWebhookVerifyExample(t *testing.T) {
	t.Parallel()
	for _, line := range docShellLines(t)[filepath.Join("docs", "cli.md")] {
		words := shellWords(line)
		if len(words) < 3 || words[0] != "fathom" || words[1] != "webhooks" || words[2] != "verify" {
			continue
		}
		for i, w := range words {
			if pathLike(w) {
				words[i] = filepath.Join(repoRoot, w)
			}
		}
		code, out, errOut := cli(t, nil, words[1:]...)
		if code != 0 || out != "Signature valid.\n" {
			t.Errorf("%q: exit %d, %q %q", line, code, out, errOut)
		}
		return
	}
	t.Error("docs/cli.md has no webhooks verify example")
}
