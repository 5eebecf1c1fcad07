package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/fathom-oss/fathom/internal/oauth"
)

const appsUsage = `Usage:
  fathom apps create --name NAME --redirect-uri URI [--redirect-uri URI...] [flags]
  fathom apps list [flags]
  fathom apps delete CLIENT_ID [flags]

Apps are OAuth clients of the meetings API: a user of any workspace signs in
at /external/v1/oauth2/authorize and consents, and the app calls
/external/v1 with the access token. Redirect URIs are matched exactly and
must be https (http only on localhost). The client secret is printed once:
only its hash is stored. Deleting an app revokes every token it holds.
`

// stringList is a flag that may be given several times.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

func runApps(ctx context.Context, env *environment, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(env.stderr, appsUsage)
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	sub, args := args[0], args[1:]
	fs := flagSet(env, "apps "+sub, "apps "+sub+" [flags]")
	var name string
	var uris stringList
	switch sub {
	case "create":
		fs.StringVar(&name, "name", "", "the app's name, shown on the consent page (required)")
		fs.Var(&uris, "redirect-uri", "an exact redirect URI (required; repeat for several)")
	case "list", "delete":
	default:
		fmt.Fprintf(env.stderr, "fathom apps: unknown subcommand %q\n\n%s", sub, appsUsage)
		return errUsage
	}
	create := createFlag(fs)
	cfg, err := loadConfig(env, fs, args, false)
	if err != nil {
		return err
	}
	switch {
	case sub == "create" && (name == "" || len(uris) == 0):
		fmt.Fprint(env.stderr, "fathom apps create: --name and at least one --redirect-uri are required\n")
		return errUsage
	case sub == "delete" && fs.NArg() != 1:
		fmt.Fprint(env.stderr, "fathom apps delete: give exactly one CLIENT_ID (see fathom apps list)\n")
		return errUsage
	}
	db, err := openAdmin(ctx, env, cfg, *create)
	if err != nil {
		return err
	}
	defer db.Close()
	svc := oauth.NewService(oauth.Deps{Store: db}, oauth.Config{})
	switch sub {
	case "create":
		reg, err := svc.RegisterApp(ctx, name, uris)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.stdout, "Registered app %q. Store the secret now; it is not shown again:\n\n"+
			"    client_id:     %s\n    client_secret: %s\n", reg.App.Name, reg.App.ClientID, reg.Secret)
		return nil
	case "delete":
		if err := svc.DeleteApp(ctx, fs.Arg(0)); err != nil {
			return err
		}
		fmt.Fprintf(env.stdout, "Deleted app %s and revoked its tokens.\n", fs.Arg(0))
		return nil
	}
	apps, err := svc.ListApps(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CLIENT_ID\tNAME\tREDIRECT_URIS\tCREATED")
	for _, a := range apps {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", a.ClientID, a.Name, strings.Join(a.RedirectURIs, " "), a.CreatedAt.Format(time.DateTime))
	}
	return tw.Flush()
}

// setPassword is "fathom workspace users password": the password comes from
// FATHOM_PASSWORD or one line of standard input, never from a flag.
func (ws workspace) setPassword(ctx context.Context, email string) error {
	if email == "" {
		fmt.Fprint(ws.env.stderr, "fathom workspace users password: --email is required\n")
		return errUsage
	}
	password := ws.env.getenv("FATHOM_PASSWORD")
	if password == "" {
		if fi, err := os.Stdin.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			// A prompt for a person at a terminal; piped in, the line is already there.
			fmt.Fprintf(ws.env.stderr, "Password for %s (one line on standard input): ", email)
		}
		line, err := bufio.NewReader(os.Stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("read password: %w", err)
		}
		password = strings.TrimRight(line, "\r\n")
	}
	svc := oauth.NewService(oauth.Deps{Store: ws.db}, oauth.Config{})
	if err := svc.SetPassword(ctx, ws.tenantID, email, password); err != nil {
		return err
	}
	fmt.Fprintf(ws.env.stdout, "Password of %s set.\n", email)
	return nil
}
