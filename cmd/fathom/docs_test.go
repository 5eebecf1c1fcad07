package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/fathom-oss/fathom/internal/transcript"
)

// repoRoot is where README.md and docs/ are, seen from this package.
const repoRoot = "../.."

// docFiles lists docs/*.md, failing t when there are none to check.
func docFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(repoRoot, "docs", "*.md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("docs/*.md: %d files, %v", len(files), err)
	}
	return files
}

// relPath is f relative to the repository's root.
func relPath(t *testing.T, f string) string {
	t.Helper()
	rel, err := filepath.Rel(repoRoot, f)
	if err != nil {
		t.Fatal(err)
	}
	return rel
}

// docShellLines returns the command lines of the shell examples (```sh
// blocks) of README.md and docs/*.md, continuation lines joined, by file.
func docShellLines(t *testing.T) map[string][]string {
	t.Helper()
	files := docFiles(t)
	files = append(files, filepath.Join(repoRoot, "README.md"))
	block := regexp.MustCompile("(?s)```(?:sh|bash|shell)\n(.*?)```")
	out := map[string][]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rel := relPath(t, f)
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
				if strings.HasPrefix(p, "../") {
					continue // beside the clone, not in it: the datasets (../shared/data), whose commands skip without them
				}
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

// docCommandLines returns, by file, the command lines the docs give to be
// run: those of the shell examples, of indented code blocks, and the code
// spans of the prose that run fathom (`go run ./cmd/fathom eval star --half
// develop`), which a reader copies as they are.
func docCommandLines(t *testing.T) map[string][]string {
	t.Helper()
	out := docShellLines(t)
	files := docFiles(t)
	files = append(files, filepath.Join(repoRoot, "README.md"))
	fenced := regexp.MustCompile("(?s)```.*?```")
	indented := regexp.MustCompile(`(?m)^(?:    |\t)((?:go|fathom|\./fathom|FATHOM_\w+=\S*|[A-Z]+=\S+) .*)$`)
	span := regexp.MustCompile("`((?:go run \\./cmd/fathom|fathom|\\./fathom) [^`]+)`")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rel := relPath(t, f)
		prose := fenced.ReplaceAllString(string(b), "")
		for _, m := range indented.FindAllStringSubmatch(prose, -1) {
			out[rel] = append(out[rel], strings.TrimSpace(m[1]))
		}
		for _, m := range span.FindAllStringSubmatch(strings.ReplaceAll(prose, "\n", " "), -1) {
			out[rel] = append(out[rel], m[1])
		}
	}
	return out
}

// fathomInvocation returns the words of line from the fathom command on
// (["eval", "star", "--half", "develop"]), up to a pipe, a redirection or
// another command, or nil when line does not run fathom.
func fathomInvocation(line string, cmds map[string]command) []string {
	words := shellWords(line)
	for i := 0; i+1 < len(words); i++ {
		w := words[i]
		if w != "fathom" && w != "./fathom" && (w != "./cmd/fathom" || i == 0 || words[i-1] != "run") {
			continue
		}
		if _, ok := cmds[words[i+1]]; !ok {
			continue
		}
		var out []string
		for _, w := range words[i+1:] {
			if w == "|" || w == "&&" || w == ";" || w == "||" || strings.HasPrefix(w, ">") || strings.HasPrefix(w, "2>") {
				break
			}
			out = append(out, w)
		}
		return out
	}
	return nil
}

// Every flag a documented fathom command line gives is a flag of that
// command, as its --help lists it: a flag renamed or removed, or put on the
// wrong subcommand, fails here rather than in a reader's shell.
func TestDocsExamplesUseKnownFlags(t *testing.T) {
	t.Parallel()
	cmds := commands()
	helps := map[string]string{}
	checked := 0
	for doc, lines := range docCommandLines(t) {
		for _, line := range lines {
			inv := fathomInvocation(line, cmds)
			first := slices.IndexFunc(inv, func(w string) bool { return strings.HasPrefix(w, "-") })
			if first < 0 {
				continue
			}
			prefix := inv[:first]
			key := strings.Join(prefix, " ")
			help, ok := helps[key]
			if !ok {
				_, out, errOut := cli(t, nil, append(slices.Clone(prefix), "--help")...)
				help = out + errOut
				helps[key] = help
			}
			for _, w := range inv[first:] {
				if !strings.HasPrefix(w, "-") || w == "--" || w == "-" {
					continue
				}
				name, _, _ := strings.Cut(strings.TrimLeft(w, "-"), "=")
				if name == "help" || name == "h" || !regexp.MustCompile(`^[a-z][a-z0-9-]*$`).MatchString(name) {
					continue
				}
				checked++
				if !regexp.MustCompile(`(?m)^\s+-` + regexp.QuoteMeta(name) + `(\s|$)`).MatchString(help) {
					t.Errorf("%s: %q gives --%s, which \"fathom %s --help\" does not list", doc, line, name, key)
				}
			}
		}
	}
	if checked < 50 {
		t.Errorf("only %d flags checked: the extraction lost the examples", checked)
	}
}

// shellVar matches a variable a shell example expands ($KEY, "${BASE}").
var shellVar = regexp.MustCompile(`\$\{?([A-Za-z_][A-Za-z0-9_]*)`)

// Every variable a doc's shell examples expand is one that doc tells the
// reader to set or names (`export KEY=fth_…`, a table of FATHOM_*
// variables, `OTHER_KEY` in the prose): an example that expands a variable
// nobody mentions runs with an empty value ("fathom sync --key $FATHOM_KEY").
func TestDocsExamplesSetTheirVariables(t *testing.T) {
	t.Parallel()
	shell := map[string]bool{"HOME": true, "PATH": true, "PWD": true, "USER": true, "TMPDIR": true}
	checked := 0
	for doc, lines := range docShellLines(t) {
		b, err := os.ReadFile(filepath.Join(repoRoot, doc))
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		for _, line := range lines {
			for _, m := range shellVar.FindAllStringSubmatch(line, -1) {
				v := m[1]
				if shell[v] || strings.HasPrefix(line, v+"=") {
					continue
				}
				checked++
				set := regexp.MustCompile(`(^|[^A-Za-z0-9_$])` + v + `=|\bfor ` + v + ` in `).MatchString(text)
				named := strings.Contains(text, "`"+v+"`") || strings.Contains(text, "`$"+v+"`")
				if !set && !named {
					t.Errorf("%s: %q expands $%s, which the page never sets or names", doc, line, v)
				}
			}
		}
	}
	if checked < 10 {
		t.Errorf("only %d variables checked: the extraction lost the examples", checked)
	}
}

// mdLink matches a Markdown link's target.
var mdLink = regexp.MustCompile(`\]\(([^)\s]+)\)`)

// headingAnchor is the anchor GitHub gives a heading: lower case, without
// punctuation, spaces as hyphens.
func headingAnchor(h string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(h)) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Every relative link of the README, docs/ and examples/ leads to a file of
// the clone, and its #anchor to a heading there: a link to a file outside
// the repository (../../elsewhere) or to a renamed section is dead for a
// reader of a fresh clone.
func TestDocsLinksResolve(t *testing.T) {
	t.Parallel()
	files := docFiles(t)
	files = append(files, filepath.Join(repoRoot, "README.md"), filepath.Join(repoRoot, "examples", "README.md"))
	anchors := func(file string) map[string]bool {
		b, err := os.ReadFile(file)
		if err != nil {
			return nil
		}
		out := map[string]bool{}
		text := regexp.MustCompile("(?s)```.*?```").ReplaceAllString(string(b), "")
		for _, m := range regexp.MustCompile(`(?m)^#+ (.*)$`).FindAllStringSubmatch(text, -1) {
			out[headingAnchor(m[1])] = true
		}
		return out
	}
	checked := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rel := relPath(t, f)
		text := regexp.MustCompile("(?s)```.*?```").ReplaceAllString(string(b), "")
		for _, m := range mdLink.FindAllStringSubmatch(text, -1) {
			target := m[1]
			if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
				continue
			}
			path, anchor, _ := strings.Cut(target, "#")
			file := f
			if path != "" {
				file = filepath.Join(filepath.Dir(f), path)
				abs, err := filepath.Abs(file)
				if err != nil {
					t.Fatal(err)
				}
				root, err := filepath.Abs(repoRoot)
				if err != nil {
					t.Fatal(err)
				}
				if !strings.HasPrefix(abs, root+string(filepath.Separator)) {
					t.Errorf("%s: link %s leads out of the repository", rel, target)
					continue
				}
				if _, err := os.Stat(file); err != nil {
					t.Errorf("%s: link %s names a file the clone does not have", rel, target)
					continue
				}
			}
			checked++
			if anchor != "" && strings.HasSuffix(file, ".md") && !anchors(file)[anchor] {
				t.Errorf("%s: link %s names a section %s does not have", rel, target, filepath.Base(file))
			}
		}
	}
	if checked < 30 {
		t.Errorf("only %d links checked", checked)
	}
}
