package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/fathom-oss/fathom/client"
	"github.com/fathom-oss/fathom/internal/webhook"
)

const webhooksUsage = `Usage:
  fathom webhooks create --destination URL [--trigger T]... [--include summary,transcript,action_items,crm_matches] [flags]
  fathom webhooks list [flags]
  fathom webhooks delete ID [flags]
  fathom webhooks verify --secret whsec_... --webhook-id ID --timestamp UNIX --signature SIG [BODY_FILE]

Triggers: my_recordings (default), shared_external_recordings,
my_shared_with_team_recordings, shared_team_recordings. "create" prints the
secret once. "verify" checks a delivery's Standard Webhooks signature (body from
BODY_FILE or standard input) and exits 0 when it is authentic, 1 when not.
`

func runWebhooks(ctx context.Context, env *environment, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(env.stderr, webhooksUsage)
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	sub, args := args[0], args[1:]
	if sub == "verify" {
		return verifyWebhook(env, args)
	}
	fs := flagSet(env, "webhooks "+sub, "webhooks "+sub+" [flags]")
	var r remote
	r.register(fs, env)
	var triggers listFlag
	var dest, include string
	if sub == "create" {
		fs.StringVar(&dest, "destination", "", "destination URL of the webhook (https)")
		fs.Var(&triggers, "trigger", "which recordings fire it (repeatable; default my_recordings)")
		fs.StringVar(&include, "include", "summary,action_items", "what deliveries carry: summary, transcript, action_items, crm_matches")
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	c, err := r.client()
	if err != nil {
		return err
	}
	switch sub {
	case "create":
		in := client.WebhookInput{DestinationURL: dest, TriggeredFor: triggers}
		if len(in.TriggeredFor) == 0 {
			in.TriggeredFor = []string{"my_recordings"}
		}
		for _, part := range strings.Split(include, ",") {
			switch strings.TrimSpace(part) {
			case "summary":
				in.IncludeSummary = true
			case "transcript":
				in.IncludeTranscript = true
			case "action_items":
				in.IncludeActionItems = true
			case "crm_matches":
				in.IncludeCRMMatches = true
			case "":
			default:
				return fmt.Errorf("--include: unknown part %q (summary, transcript, action_items, crm_matches)", part)
			}
		}
		w, err := c.CreateWebhook(ctx, in)
		if err != nil {
			return clientError(err)
		}
		return r.print(env.stdout, w, func(tw *tabwriter.Writer) {
			fmt.Fprintf(tw, "Webhook %s created for %s.\nSecret (shown only now; keep it to verify deliveries):\t%s\n", w.ID, w.URL, w.Secret)
		})
	case "list":
		ws, err := c.Webhooks(ctx)
		if err != nil {
			return clientError(err)
		}
		return r.print(env.stdout, ws, func(tw *tabwriter.Writer) {
			fmt.Fprintln(tw, "ID\tURL\tTRIGGERS\tCREATED")
			for _, w := range ws {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", w.ID, w.URL, strings.Join(w.TriggeredFor, ","), w.CreatedAt.Local().Format("2006-01-02 15:04"))
			}
		})
	case "delete":
		if fs.NArg() != 1 {
			fmt.Fprint(env.stderr, "fathom webhooks delete: give one webhook ID\n")
			return errUsage
		}
		if err := c.DeleteWebhook(ctx, fs.Arg(0)); err != nil {
			return clientError(err)
		}
		fmt.Fprintf(env.stdout, "Webhook %s deleted.\n", fs.Arg(0))
		return nil
	}
	fmt.Fprintf(env.stderr, "fathom webhooks: unknown subcommand %q\n\n%s", sub, webhooksUsage)
	return errUsage
}

func verifyWebhook(env *environment, args []string) error {
	fs := flagSet(env, "webhooks verify", "webhooks verify [flags] [BODY_FILE]")
	secret := secretString(fs, env, "secret", "FATHOM_WEBHOOK_SECRET", "the webhook's whsec_ `secret`")
	id := fs.String("webhook-id", "", "the webhook-id header")
	ts := fs.String("timestamp", "", "the webhook-timestamp header")
	sig := fs.String("signature", "", "the webhook-signature header")
	ignoreAge := fs.Bool("ignore-age", false, "check the signature of a stored delivery whatever its age (default: refuse a timestamp more than 5 minutes from now, as receivers must)")
	if err := parse(fs, args); err != nil {
		return err
	}
	var body []byte
	var err error
	if fs.NArg() == 1 {
		body, err = os.ReadFile(fs.Arg(0))
	} else {
		body, err = io.ReadAll(os.Stdin)
	}
	if err != nil {
		return err
	}
	h := http.Header{}
	h.Set("webhook-id", *id)
	h.Set("webhook-timestamp", *ts)
	h.Set("webhook-signature", *sig)
	verify := client.VerifyWebhook
	if *ignoreAge {
		at, err := strconv.ParseInt(*ts, 10, 64)
		if err != nil {
			return fmt.Errorf("--timestamp must be Unix seconds, got %q", *ts)
		}
		verify = func(secret string, h http.Header, body []byte) error {
			return webhook.Verify(secret, h, body, time.Unix(at, 0))
		}
	}
	if err := verify(cmp.Or(*secret, "-"), h, body); err != nil {
		return fmt.Errorf("not authentic: %v", err)
	}
	fmt.Fprintln(env.stdout, "Signature valid.")
	return nil
}
