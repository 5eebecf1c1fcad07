package main

import (
	"context"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/fathom-oss/fathom/client"
)

const connectionsUsage = `Usage:
  fathom connections list [--app fathom] [--status ACTIVE|PENDING|FAILED] [flags]
  fathom connections create [--app fathom] [--wait] [flags]
  fathom connections get ID [flags]
  fathom connections delete ID [flags]

Manages a gateway's OAuth connections (Maton's API, or this server's gateway).
The gateway key comes from --gateway-key or MATON_API_KEY; --url is the gateway
(https://gateway.maton.ai/fathom, or http://HOST:8080/fathom for this server) and
--connections-url where connections live when elsewhere (https://ctrl.maton.ai).
"create" prints a URL to open in a browser; --wait then waits until the
connection is ACTIVE or FAILED.
`

func runConnections(ctx context.Context, env *environment, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(env.stderr, connectionsUsage)
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	sub, args := args[0], args[1:]
	fs := flagSet(env, "connections "+sub, "connections "+sub+" [flags]")
	var r remote
	r.register(fs, env)
	ctrl := fs.String("connections-url", env.getenv("MATON_CONNECTIONS_URL"), "where connections are managed (env MATON_CONNECTIONS_URL; default: --url without /fathom)")
	app := fs.String("app", "fathom", "the app")
	status := fs.String("status", "", "only connections with this status")
	wait := fs.Bool("wait", false, "after create, wait until the connection is ACTIVE or FAILED")
	if err := parse(fs, args); err != nil {
		return err
	}
	if r.gatewayKey == "" {
		return fmt.Errorf("a gateway key is required: --gateway-key or MATON_API_KEY")
	}
	c, err := client.New(client.WithBaseURL(r.url), client.WithGateway(r.gatewayKey, ""), client.WithConnectionsURL(*ctrl))
	if err != nil {
		return err
	}
	table := func(cs ...client.Connection) func(tw *tabwriter.Writer) {
		return func(tw *tabwriter.Writer) {
			fmt.Fprintln(tw, "ID\tAPP\tSTATUS\tCREATED\tURL")
			for _, cn := range cs {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", cn.ConnectionID, cn.App, cn.Status, cn.CreationTime.Local().Format("2006-01-02 15:04"), cn.URL)
			}
		}
	}
	switch sub {
	case "list":
		cs, err := c.Connections(ctx, *app, *status)
		if err != nil {
			return clientError(err)
		}
		return r.print(env.stdout, cs, table(cs...))
	case "create":
		cn, err := c.CreateConnection(ctx, *app)
		if err != nil {
			return clientError(err)
		}
		fmt.Fprintf(env.stderr, "Open this URL to connect the account:\n\n    %s\n\n", cn.URL)
		if *wait {
			if cn, err = c.WaitConnection(ctx, cn.ConnectionID, 2*time.Second); err != nil {
				return clientError(err)
			}
		}
		return r.print(env.stdout, cn, table(*cn))
	case "get", "delete":
		if fs.NArg() != 1 {
			fmt.Fprintf(env.stderr, "fathom connections %s: give one connection ID\n", sub)
			return errUsage
		}
		if sub == "delete" {
			if err := c.DeleteConnection(ctx, fs.Arg(0)); err != nil {
				return clientError(err)
			}
			fmt.Fprintf(env.stdout, "Connection %s deleted.\n", fs.Arg(0))
			return nil
		}
		cn, err := c.Connection(ctx, fs.Arg(0))
		if err != nil {
			return clientError(err)
		}
		return r.print(env.stdout, cn, table(*cn))
	}
	fmt.Fprintf(env.stderr, "fathom connections: unknown subcommand %q\n\n%s", sub, connectionsUsage)
	return errUsage
}
