// Command fathom is the Fathom server and its command line: one binary
// that serves the APIs, migrates its database and manages API keys.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"regexp"
	"slices"
	"sort"
	"strings"
	"syscall"

	"github.com/fathom-oss/fathom/internal/config"
	"github.com/fathom-oss/fathom/internal/fathom"
)

// command is one subcommand.
type command struct {
	summary string
	run     func(ctx context.Context, env *environment, args []string) error
}

// environment is what commands read and write, so tests can run them.
type environment struct {
	stdout, stderr io.Writer
	getenv         func(string) string
}

func commands() map[string]command {
	return map[string]command{
		"serve":       {"run the server", runServe},
		"migrate":     {"create or update the database schema", runMigrate},
		"keys":        {"manage API keys: create, list, revoke", runKeys},
		"apps":        {"manage OAuth apps: create, list, delete", runApps},
		"tenants":     {"manage tenants: list, quota", runTenants},
		"workspace":   {"manage a workspace's teams, users and internal domains", runWorkspace},
		"connections": {"list, create, get, delete a gateway's OAuth connections", runConnections},
		"context":     {"track, resolve and query support conversations (the Context API)", runContext},
		"meetings":    {"list, read and search meetings on a server, Fathom's API or a gateway", runMeetings},
		"webhooks":    {"create, list, delete webhooks; verify a delivery's signature", runWebhooks},
		"copy":        {"copy a SQLite installation into a PostgreSQL database, resumably, and verify it", runCopy},
		"backup":      {"write a checked backup of the installation (SQLite or PostgreSQL) while its servers run", runBackup},
		"restore":     {"restore a backup into a new data directory or PostgreSQL database, and verify it", runRestore},
		"sync":        {"copy a Fathom account (hosted, gateway or another server) into this server", runSync},
		"import":      {"import meeting transcripts (WebVTT, SRT, text, QMSum JSON) into a server", runImport},
		"bench":       {"measure throughput and latency (of its own server, or of --url)", runBench},
		"eval":        {"measure quality on real datasets (banking77, sgd, star, recommend, dstc11, abcd, paraphrase, qmsum, actions)", runEval},
		"version":     {"print the version", runVersion},
	}
}

// errUsage marks an error already explained by a usage message.
var errUsage = errors.New("usage")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	env := &environment{stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}
	os.Exit(run(ctx, env, os.Args[1:]))
}

// run executes a command line and returns the process exit code: 0 ok,
// 1 failure, 2 usage error.
func run(ctx context.Context, env *environment, args []string) int {
	cmds := commands()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(env.stdout, cmds)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(env.stderr, "fathom: unknown command %q\n", args[0])
		if near := nearest(args[0], cmds); near != "" {
			// The suggestion alone: under the whole usage it would scroll away.
			fmt.Fprintf(env.stderr, "Did you mean \"fathom %s\"? Run \"fathom --help\" for every command.\n", near)
			return 2
		}
		fmt.Fprintln(env.stderr)
		usage(env.stderr, cmds)
		return 2
	}
	err := cmd.run(ctx, env, args[1:])
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	}
	err = connectError(err)
	msg := err.Error()
	if code := fathom.ErrorCode(err); code != fathom.EINTERNAL {
		msg = fathom.ErrorMessage(err) // an application error: its message is for people
	}
	fmt.Fprintf(env.stderr, "fathom %s: %s\n", args[0], msg)
	return 1
}

func usage(w io.Writer, cmds map[string]command) {
	fmt.Fprint(w, `Fathom is a self-hosted conversation-intelligence server: the Context API for
support conversations and a meetings API compatible with Fathom's.

Usage:
  fathom <command> [flags]

Commands:
`)
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-12s %s\n", n, cmds[n].summary)
	}
	fmt.Fprint(w, `
Getting started:
  fathom serve                                  run the server; prints a first API key
  export FATHOM_API_KEY=fth_...                 the key for the commands below
  fathom import examples/meeting.vtt            add a recording from a transcript
  fathom meetings list                          list meetings (--output json for scripts)
  fathom context similar my card was declined   ask the Context API

The meetings, webhooks and sync commands also reach Fathom's
hosted API (--url https://api.fathom.ai) and gateways (--url
https://gateway.maton.ai/fathom --gateway-key KEY).

Run "fathom <command> --help" for a command's flags. Every flag can also be
set by its FATHOM_* environment variable, shown in the help. Exit codes: 0
done, 1 failed, 2 wrong command line.
`)
}

// flagSet returns a FlagSet that reports errors instead of exiting.
func flagSet(env *environment, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet("fathom "+name, flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: fathom %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// given reports whether any of the named flags was set on the command
// line (as opposed to left at its default).
func given(fs *flag.FlagSet, names ...string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || slices.Contains(names, f.Name) })
	return set
}

// parse parses args, mapping a bad flag to errUsage. Flags may follow the
// other arguments (fathom import FILE --url URL), as people type them.
func parse(fs *flag.FlagSet, args []string) error {
	// The flag package prints its errors itself, naming flags with one dash
	// ("flag needs an argument: -key"); they are printed here instead, with
	// the two the docs and --help use.
	out := fs.Output()
	fs.SetOutput(io.Discard)
	err := fs.Parse(flagsFirst(fs, args))
	fs.SetOutput(out)
	if err == nil {
		return nil
	}
	if !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(out, singleDashFlag.ReplaceAllString(err.Error(), "$1--$2"))
	}
	if fs.Usage != nil {
		fs.Usage()
	} else {
		fs.PrintDefaults()
	}
	if errors.Is(err, flag.ErrHelp) {
		return err
	}
	return errUsage
}

// singleDashFlag finds the flag a flag package error names.
var singleDashFlag = regexp.MustCompile(`(defined: |argument: |flag )-([A-Za-z])`)

// loadConfig registers the options on fs, parses args and validates.
func loadConfig(env *environment, fs *flag.FlagSet, args []string, server bool) (config.Config, error) {
	cfg := config.Default()
	register := cfg.RegisterStorage
	if server {
		register = cfg.RegisterServer
	}
	if err := register(fs, env.getenv); err != nil {
		return cfg, err
	}
	if err := parse(fs, args); err != nil {
		return cfg, err
	}
	return cfg, cfg.Validate()
}

func newLogger(cfg config.Config, w io.Writer) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(cfg.LogLevel))
	opts := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// nearest returns the command closest to name (by edit distance, or the
// one it is a prefix of), or "" when none is close enough to suggest.
func nearest(name string, cmds map[string]command) string {
	best, bestDist := "", 3 // suggest within two edits
	for c := range cmds {
		d := editDistance(name, c)
		if len(name) >= 2 && strings.HasPrefix(c, name) {
			d = 1
		}
		if d < bestDist || (d == bestDist && c < best) {
			best, bestDist = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// flagsFirst moves the flags of fs that follow other arguments before them,
// each with its value, and separates the rest with "--", so that the flag
// package, which stops at the first argument that is not a flag, sees them:
// without it "fathom import FILE --url URL" would take --url for a file,
// and "fathom context similar TEXT --url URL" would ask the default server
// about "TEXT --url URL". A word after "--", and a word that begins with a
// single "-" but names no flag ("-5"), stays an argument; one that begins
// with "--" is taken for a flag, so that a mistyped one is reported.
func flagsFirst(fs *flag.FlagSet, args []string) []string {
	var flags, rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i+1:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			rest = append(rest, a)
			continue
		}
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		f := fs.Lookup(name)
		help := name == "h" || name == "help"
		if f == nil && !help && !strings.HasPrefix(a, "--") {
			rest = append(rest, a)
			continue
		}
		flags = append(flags, a)
		if f != nil && !hasValue && !isBoolFlag(f) && i+1 < len(args) {
			i++
			flags = append(flags, args[i])
		}
	}
	if len(rest) == 0 {
		return flags
	}
	return append(append(flags, "--"), rest...)
}

func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}
