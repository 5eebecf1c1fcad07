package main

import (
	"context"
	"flag"
	"fmt"
	"text/tabwriter"

	"github.com/fathom-oss/fathom/internal/fathom"
)

const tenantsUsage = `Usage:
  fathom tenants list [flags]
  fathom tenants quota --tenant NAME [--requests N] [--tokens N] [--retrievals N] [flags]

Quotas are monthly; 0 means unlimited. Only the limits given change; the
others keep their value. A running server picks up a new quota within 10
seconds.
`

func runTenants(ctx context.Context, env *environment, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(env.stderr, tenantsUsage)
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	sub, args := args[0], args[1:]
	fs := flagSet(env, "tenants "+sub, "tenants "+sub+" [flags]")
	var name string
	var q fathom.Quota
	switch sub {
	case "list":
	case "quota":
		fs.StringVar(&name, "tenant", "", "tenant name (required)")
		fs.Int64Var(&q.Requests, "requests", 0, "API requests per month (0: unlimited)")
		fs.Int64Var(&q.Tokens, "tokens", 0, "text tokens analysed per month (0: unlimited)")
		fs.Int64Var(&q.Retrievals, "retrievals", 0, "similarity searches per month (0: unlimited)")
	default:
		fmt.Fprintf(env.stderr, "fathom tenants: unknown subcommand %q\n\n%s", sub, tenantsUsage)
		return errUsage
	}
	create := createFlag(fs)
	cfg, err := loadConfig(env, fs, args, false)
	if err != nil {
		return err
	}
	if sub == "quota" && name == "" {
		fmt.Fprint(env.stderr, "fathom tenants quota: --tenant is required\n")
		return errUsage
	}
	svc, closeDB, err := openTenants(ctx, env, cfg, *create)
	if err != nil {
		return err
	}
	defer closeDB()
	if sub == "quota" {
		// Only the limits given change; the others keep their value.
		given := map[string]bool{}
		fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
		want := q
		q, err = svc.UpdateQuota(ctx, name, func(have *fathom.Quota) {
			if given["requests"] {
				have.Requests = want.Requests
			}
			if given["tokens"] {
				have.Tokens = want.Tokens
			}
			if given["retrievals"] {
				have.Retrievals = want.Retrievals
			}
		})
		if err != nil {
			return err
		}
		fmt.Fprintf(env.stdout, "Tenant %q: %d requests, %d tokens, %d retrievals per month (0 = unlimited).\n",
			name, q.Requests, q.Tokens, q.Retrievals)
		return nil
	}
	tenants, err := svc.ListTenants(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tREQUESTS/MONTH\tTOKENS/MONTH\tRETRIEVALS/MONTH")
	for _, t := range tenants {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", t.ID, t.Name, unlimited(t.Quota.Requests), unlimited(t.Quota.Tokens), unlimited(t.Quota.Retrievals))
	}
	return tw.Flush()
}

func unlimited(n int64) string {
	if n == 0 {
		return "unlimited"
	}
	return fmt.Sprint(n)
}
