package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/fathom-oss/fathom/internal/config"
	"github.com/fathom-oss/fathom/internal/tenant"
)

const keysUsage = `Usage:
  fathom keys create [--tenant NAME] [--email EMAIL] [--name LABEL] [flags]
  fathom keys list [--json] [flags]
  fathom keys revoke ID [flags]

A key belongs to a user of a tenant; the tenant and user are created if new.
The secret is printed once: only its hash is stored.
`

func runKeys(ctx context.Context, env *environment, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(env.stderr, keysUsage)
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	sub, args := args[0], args[1:]
	fs := flagSet(env, "keys "+sub, "keys "+sub+" [flags]")
	var p tenant.CreateKeyParams
	var asJSON bool
	switch sub {
	case "create":
		fs.StringVar(&p.Tenant, "tenant", tenant.DefaultTenant, "tenant (workspace) name")
		fs.StringVar(&p.UserEmail, "email", tenant.DefaultEmail, "email of the user who owns the key")
		fs.StringVar(&p.UserName, "user-name", "", "display name of a new user")
		fs.StringVar(&p.Name, "name", "", "label to recognise the key by")
	case "list":
		fs.BoolVar(&asJSON, "json", false, "print JSON instead of a table")
	case "revoke":
	default:
		fmt.Fprintf(env.stderr, "fathom keys: unknown subcommand %q\n\n%s", sub, keysUsage)
		return errUsage
	}
	create := createFlag(fs)
	cfg, err := loadConfig(env, fs, args, false)
	if err != nil {
		return err
	}
	var revokeID int64
	if sub == "revoke" {
		if fs.NArg() != 1 {
			fmt.Fprint(env.stderr, "fathom keys revoke: give exactly one key ID (see fathom keys list)\n")
			return errUsage
		}
		if revokeID, err = strconv.ParseInt(fs.Arg(0), 10, 64); err != nil {
			fmt.Fprintf(env.stderr, "fathom keys revoke: ID must be a number, got %q\n", fs.Arg(0))
			return errUsage
		}
	}
	svc, closeDB, err := openTenants(ctx, env, cfg, *create)
	if err != nil {
		return err
	}
	defer closeDB()
	switch sub {
	case "create":
		k, err := svc.CreateKey(ctx, p)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.stdout, "Created key %d for %s in tenant %q. Store it now; it is not shown again:\n\n    %s\n",
			k.Key.ID, k.Key.UserEmail, k.Key.TenantName, k.Secret)
	case "list":
		return listKeys(ctx, env, svc, asJSON)
	case "revoke":
		if err := svc.RevokeKey(ctx, revokeID); err != nil {
			return err
		}
		fmt.Fprintf(env.stdout, "Revoked key %d.\n", revokeID)
	}
	return nil
}

func listKeys(ctx context.Context, env *environment, svc *tenant.Service, asJSON bool) error {
	keys, err := svc.ListKeys(ctx)
	if err != nil {
		return err
	}
	if asJSON {
		type row struct {
			ID        int64      `json:"id"`
			Tenant    string     `json:"tenant"`
			User      string     `json:"user"`
			Name      string     `json:"name"`
			Prefix    string     `json:"prefix"`
			CreatedAt time.Time  `json:"createdAt"`
			RevokedAt *time.Time `json:"revokedAt"`
		}
		rows := make([]row, 0, len(keys))
		for _, k := range keys {
			rows = append(rows, row{k.ID, k.TenantName, k.UserEmail, k.Name, k.Prefix, k.CreatedAt, k.RevokedAt})
		}
		enc := json.NewEncoder(env.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rows)
	}
	tw := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tTENANT\tUSER\tNAME\tPREFIX\tCREATED\tSTATUS")
	for _, k := range keys {
		status := "active"
		if k.RevokedAt != nil {
			status = "revoked " + k.RevokedAt.Format(time.DateOnly)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s…\t%s\t%s\n", k.ID, k.TenantName, k.UserEmail, k.Name, k.Prefix,
			k.CreatedAt.Format(time.DateTime), status)
	}
	return tw.Flush()
}

// openTenants opens (and migrates) the database for a management command.
func openTenants(ctx context.Context, env *environment, cfg config.Config, create bool) (*tenant.Service, func(), error) {
	db, err := openAdmin(ctx, env, cfg, create)
	if err != nil {
		return nil, nil, err
	}
	return tenant.NewService(db, nil), func() { db.Close() }, nil
}
