package main

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/fathom-oss/fathom/client"
)

const contextUsage = `Usage:
  fathom context track --conversation ID (--user TEXT | --assistant TEXT)... [flags]
  fathom context resolve --conversation ID [--notes TEXT] [flags]
  fathom context feedback --conversation ID --action KEY --outcome success|failure [--note TEXT] [flags]
  fathom context show --conversation ID [--offset N] [--limit N] [flags]
  fathom context similar WORDS... [--limit N] [flags]
  fathom context issues [NAME] [flags]
  fathom context graph [--issue NAME] [flags]

Calls the Context API of a Fathom server (--url, --key). Messages are sent in
the order their --user and --assistant flags are given. feedback confirms which
action was tried (a solution key as shown, or the action as said) and how it went.
show prints a conversation's messages, walking every page of the read unless
--offset or --limit asks for one page.
`

// messagesFlag collects --user and --assistant turns in order.
type messagesFlag struct {
	role string
	msgs *[]client.Message
}

func (m messagesFlag) String() string { return "" }
func (m messagesFlag) Set(s string) error {
	*m.msgs = append(*m.msgs, client.Message{Role: m.role, Content: s})
	return nil
}

func runContext(ctx context.Context, env *environment, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(env.stderr, contextUsage)
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	sub, args := args[0], args[1:]
	fs := flagSet(env, "context "+sub, "context "+sub+" [flags]")
	var r remote
	r.register(fs, env)
	var conv, notes, issue, action, outcome string
	var msgs []client.Message
	limit, offset := 5, 0
	switch sub {
	case "show":
		fs.StringVar(&conv, "conversation", "", "conversation id (required)")
		fs.IntVar(&offset, "offset", 0, "position of the first message of one page")
		fs.IntVar(&limit, "limit", 0, "messages per page (0: the server's default, 200)")
	case "track", "resolve", "feedback":
		fs.StringVar(&conv, "conversation", "", "conversation id (required)")
		switch sub {
		case "track":
			fs.Var(messagesFlag{"user", &msgs}, "user", "a user message (repeatable, in order)")
			fs.Var(messagesFlag{"assistant", &msgs}, "assistant", "an assistant message (repeatable, in order)")
		case "resolve":
			fs.StringVar(&notes, "notes", "", "resolution notes (default: written by the server)")
		case "feedback":
			fs.StringVar(&action, "action", "", "the solution key as shown, or the action as said (required)")
			fs.StringVar(&outcome, "outcome", "", `how it went: "success" or "failure" (required)`)
			fs.StringVar(&notes, "note", "", "a note kept with the feedback")
		}
	case "similar":
		fs.IntVar(&limit, "limit", 5, "how many similar conversations")
	case "graph":
		fs.StringVar(&issue, "issue", "", "only this issue type's part of the graph")
	case "issues":
	default:
		fmt.Fprintf(env.stderr, "fathom context: unknown subcommand %q\n\n%s", sub, contextUsage)
		return errUsage
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	if (sub == "track" || sub == "resolve" || sub == "feedback" || sub == "show") && conv == "" {
		fmt.Fprintf(env.stderr, "fathom context %s: --conversation is required\n", sub)
		return errUsage
	}
	if sub == "track" && len(msgs) == 0 {
		fmt.Fprintln(env.stderr, "fathom context track: give the messages with --user and --assistant (each repeatable, in order)")
		return errUsage
	}
	if sub == "feedback" && (action == "" || outcome == "") {
		fmt.Fprintln(env.stderr, "fathom context feedback: --action and --outcome are required")
		return errUsage
	}
	c, err := r.client()
	if err != nil {
		return err
	}
	switch sub {
	case "track":
		res, err := c.Track(ctx, client.TrackRequest{ConversationID: conv, Messages: msgs})
		if err != nil {
			return clientError(err)
		}
		return r.print(env.stdout, res, func(tw *tabwriter.Writer) {
			fmt.Fprintf(tw, "Conversation %s: %d messages appended (%s).\n", res.ConversationID, res.MessagesAppended, res.Status)
		})
	case "resolve":
		res, err := c.Resolve(ctx, client.ResolveRequest{ConversationID: conv, ResolutionNotes: notes})
		if err != nil {
			return clientError(err)
		}
		return r.print(env.stdout, res, func(tw *tabwriter.Writer) {
			fmt.Fprintf(tw, "Conversation %s resolved.\nNotes:\t%s\n", res.ConversationID, res.ResolutionNotes)
		})
	case "feedback":
		res, err := c.Feedback(ctx, client.FeedbackRequest{ConversationID: conv, Action: action, Outcome: outcome, Note: notes})
		if err != nil {
			return clientError(err)
		}
		return r.print(env.stdout, res, func(tw *tabwriter.Writer) {
			what := "recorded"
			if !res.Changed {
				what = "unchanged (given before)"
			}
			fmt.Fprintf(tw, "Feedback on %s in conversation %s: %s, %s.\n", res.Action, res.ConversationID, res.Outcome, what)
		})
	case "show":
		return show(ctx, env, &r, c, conv, fs, offset, limit)
	case "similar":
		return similar(ctx, env, &r, c, strings.Join(fs.Args(), " "), limit)
	case "issues":
		return issues(ctx, env, &r, c, fs.Arg(0))
	}
	nodes, edges, err := c.Graph(ctx, issue)
	if err != nil {
		return clientError(err)
	}
	return r.print(env.stdout, map[string]any{"nodes": nodes, "edges": edges}, func(tw *tabwriter.Writer) {
		fmt.Fprintln(tw, "FROM\tEDGE\tTO")
		for _, e := range edges {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", e.From, e.Kind, e.To)
		}
	})
}

func similar(ctx context.Context, env *environment, r *remote, c *client.Client, msg string, limit int) error {
	res, err := c.Similarity(ctx, client.SimilarityRequest{Message: msg, Limit: limit})
	if err != nil {
		return clientError(err)
	}
	return r.print(env.stdout, res, func(tw *tabwriter.Writer) {
		if res.Recommendations.IssueType != nil {
			fmt.Fprintf(tw, "Issue type:\t%s\n", *res.Recommendations.IssueType)
		}
		for i, a := range res.Recommendations.RecommendedActions {
			fmt.Fprintf(tw, "Action %d:\t%s\tp=%.2f\t~%.0f min\n", i+1, a.Action, a.SuccessProbability, a.AverageTimeToResolve)
		}
		fmt.Fprintln(tw, "\nCONVERSATION\tSIMILARITY\tSTATUS")
		for _, s := range res.Conversations {
			fmt.Fprintf(tw, "%s\t%.2f\t%s\n", s.ConversationID, s.Similarity, s.Status)
		}
	})
}

func issues(ctx context.Context, env *environment, r *remote, c *client.Client, name string) error {
	if name != "" {
		it, err := c.IssueType(ctx, name)
		if err != nil {
			return clientError(err)
		}
		return r.print(env.stdout, it, func(tw *tabwriter.Writer) {
			d := it.IssueType
			fmt.Fprintf(tw, "%s\t%s\nSymptoms:\t%s\nCauses:\t%s\n", d.Name, d.Description, strings.Join(d.Symptoms, "; "), strings.Join(d.Causes, "; "))
			for _, s := range it.Solutions {
				fmt.Fprintf(tw, "Solution:\t%+v\n", s)
			}
		})
	}
	list, err := c.IssueTypes(ctx)
	if err != nil {
		return clientError(err)
	}
	return r.print(env.stdout, list, func(tw *tabwriter.Writer) {
		fmt.Fprintln(tw, "ISSUE TYPE\tOCCURRENCES\tSUCCESS RATE")
		for _, it := range list {
			fmt.Fprintf(tw, "%s\t%d\t%.2f\n", it.Name, it.Occurrences, it.HistoricalSuccessRate)
		}
	})
}

// show prints one page of a conversation when --offset or --limit is
// given, else every page in turn; as JSON it prints the conversation with
// the messages it read.
func show(ctx context.Context, env *environment, r *remote, c *client.Client, id string, fs *flag.FlagSet, offset, limit int) error {
	onePage := given(fs, "offset", "limit")
	var conv *client.Conversation
	var err error
	if onePage {
		conv, err = c.ConversationPage(ctx, id, client.PageOptions{Offset: offset, Limit: limit})
	} else {
		conv, err = c.Conversation(ctx, id)
	}
	if err != nil {
		return clientError(err)
	}
	return r.print(env.stdout, conv, func(tw *tabwriter.Writer) {
		fmt.Fprintf(tw, "Conversation %s (%s): %d messages.\n", conv.ConversationID, conv.Status, conv.MessageCount)
		first := 0
		if onePage {
			first = conv.Page.Offset
		}
		for i, m := range conv.Messages {
			fmt.Fprintf(tw, "%d\t%s\t%s\n", first+i, m.Role, m.Content)
		}
		if onePage && conv.Page.NextOffset != nil {
			fmt.Fprintf(tw, "More from --offset %d.\n", *conv.Page.NextOffset)
		}
	})
}
