package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/fathom-oss/fathom/internal/eval"
	modelprovider "github.com/fathom-oss/fathom/internal/provider"
	"github.com/fathom-oss/fathom/internal/summary"
)

const evalQMSumSynopsis = `eval qmsum [flags]

Measures the offline General summary on QMSum's AMI meetings: ROUGE-1, -2
and -L (recall and F1, on lower-cased, Snowball-stemmed tokens) against
the human answer to "Summarize the whole meeting.", beside the lead (the
transcript's first words) and TextRank, both cut to the summary's length,
scored in the same harness. The folder holds QMSum's 20 test meetings of
five AMI series; the series in name order are alternately the develop and
the report split (ES2004, IS1003, TS3011 develop; ES2011, TS3004 report).
Runs the library in-process, not a server.

With --chat-url and --chat-model the summary under test is the chat
model's, made as the server makes it (chunked and merged when long, the
extractive summary for any meeting the model fails on, counted in the
output); the key comes from --chat-key or FATHOM_CHAT_KEY.`

func runEvalQMSum(ctx context.Context, env *environment, args []string) error {
	fs := flagSet(env, "eval qmsum", evalQMSumSynopsis)
	data := fs.String("data", "../shared/data/qmsum", "QMSum folder (*.json meetings)")
	split := fs.String("split", "develop", "which split to score: develop, report or both")
	rows := fs.Bool("rows", false, "also print every meeting's scores")
	chatURL := fs.String("chat-url", "", "OpenAI-compatible chat completions base URL whose summaries are scored (default: none, the extractive summary)")
	chatModel := fs.String("chat-model", "", "model asked of --chat-url")
	chatKey := fs.String("chat-key", env.getenv("FATHOM_CHAT_KEY"), "API key of --chat-url (env FATHOM_CHAT_KEY; default: none)")
	chatTimeout := fs.Duration("chat-timeout", 2*time.Minute, "longest wait for one chat request")
	if err := parse(fs, args); err != nil {
		return err
	}
	system, summarise := "General summary", eval.QMSumGeneral
	var failed int
	var lastErr error
	if *chatURL != "" || *chatModel != "" {
		if *chatURL == "" || *chatModel == "" {
			fmt.Fprintln(env.stderr, "fathom eval qmsum: --chat-url and --chat-model go together")
			return errUsage
		}
		c, err := modelprovider.NewChatClient(modelprovider.ChatConfig{URL: *chatURL, Model: *chatModel, Key: *chatKey, Timeout: *chatTimeout,
			Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		if err != nil {
			fmt.Fprintf(env.stderr, "fathom eval qmsum: --chat-url: %v\n", err)
			return errUsage
		}
		system, summarise = "chat summary ("+*chatModel+")", eval.QMSumModel(ctx, summary.Model{Chat: c}, &failed, &lastErr)
	}
	var splits []bool // report?
	switch *split {
	case "develop":
		splits = []bool{false}
	case "report":
		splits = []bool{true}
	case "both":
		splits = []bool{false, true}
	default:
		fmt.Fprintf(env.stderr, "fathom eval qmsum: --split: %q is not develop, report or both\n", *split)
		return errUsage
	}
	ms, err := eval.LoadQMSum(*data)
	if err != nil {
		return dataError(err, *data)
	}
	for _, report := range splits {
		part := qmsumSplit(ms, report)
		name := "develop split"
		if report {
			name = "report split"
		}
		failed, lastErr = 0, nil
		writeQMSumScore(env.stdout, name, system, eval.ScoreQMSum(part, summarise), *rows)
		if *chatURL != "" {
			fmt.Fprintf(env.stdout, "chat model failed on %d of %d meetings (their extractive summary was scored)\n", failed, len(part))
			if lastErr != nil {
				fmt.Fprintf(env.stdout, "last failure: %v\n", lastErr)
			}
		}
	}
	return nil
}

// qmsumSplit is the meetings of the report split, or of the develop one.
func qmsumSplit(ms []eval.QMSumMeeting, report bool) []eval.QMSumMeeting {
	var part []eval.QMSumMeeting
	for _, m := range ms {
		if m.Report == report {
			part = append(part, m)
		}
	}
	return part
}

func writeQMSumScore(w io.Writer, name, system string, s eval.QMSumScore, rows bool) {
	fmt.Fprintf(w, "\nQMSum %s: %d meetings, %d tokens per summary (every system's budget)\n\n", name, len(s.Rows), s.Words)
	fmt.Fprintf(w, "| system | ROUGE-1 R | ROUGE-1 F1 | ROUGE-2 R | ROUGE-2 F1 | ROUGE-L R | ROUGE-L F1 |\n|---|---|---|---|---|---|---|\n")
	for _, x := range []struct {
		name string
		s    eval.QMSumSystem
	}{{system, s.Ours}, {"lead, same length", s.Lead}, {"TextRank, same length", s.TextRank}} {
		fmt.Fprintf(w, "| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |\n", x.name,
			x.s.R1.Recall, x.s.R1.F1, x.s.R2.Recall, x.s.R2.F1, x.s.RL.Recall, x.s.RL.F1)
	}
	fmt.Fprintf(w, "\nover the lead: ROUGE-1 F1 %+.3f, ROUGE-2 F1 %+.3f (targets +0.080, +0.030)\n",
		s.Ours.R1.F1-s.Lead.R1.F1, s.Ours.R2.F1-s.Lead.R2.F1)
	if !rows {
		return
	}
	fmt.Fprintf(w, "\n| meeting | tokens | ours R1 F1 | lead R1 F1 | TextRank R1 F1 | ours R2 F1 | lead R2 F1 | TextRank R2 F1 |\n|---|---|---|---|---|---|---|---|\n")
	for _, r := range s.Rows {
		fmt.Fprintf(w, "| %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |\n", r.Name, r.Words,
			r.Ours.R1.F1, r.Lead.R1.F1, r.TextRank.R1.F1, r.Ours.R2.F1, r.Lead.R2.F1, r.TextRank.R2.F1)
	}
}
