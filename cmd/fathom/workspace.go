package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/meeting"
	"github.com/fathom-oss/fathom/internal/store"
)

const workspaceUsage = `Usage:
  fathom workspace teams add NAME [flags]
  fathom workspace teams list [flags]
  fathom workspace users add --email EMAIL [--name NAME] [--team TEAM] [flags]
  fathom workspace users list [flags]
  fathom workspace users password --email EMAIL [flags]
  fathom workspace domains set DOMAIN... [flags]
  fathom workspace domains list [flags]

The workspace is what the meetings API sees of a tenant: its users, their
teams, and the email domains that make people internal (calendar invitees
and users outside them are external; a workspace with no domains has no
guests). "users add" updates a user that exists; "teams add" of a team that
exists changes nothing. Give a user a key with
"fathom keys create --email EMAIL". "users password" sets the password a
user signs in with to approve OAuth apps; it reads FATHOM_PASSWORD or else
one line of standard input (never a flag, to keep it out of shell history).
`

func runWorkspace(ctx context.Context, env *environment, args []string) error {
	if len(args) < 2 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(env.stderr, workspaceUsage)
		if len(args) == 0 || (args[0] != "-h" && args[0] != "--help") {
			return errUsage
		}
		return nil
	}
	noun, verb, args := args[0], args[1], args[2:]
	fs := flagSet(env, "workspace "+noun+" "+verb, "workspace "+noun+" "+verb+" [flags]")
	tenantName := fs.String("tenant", "default", "tenant (workspace) name")
	var p meeting.PutUserParams
	switch noun + " " + verb {
	case "users add":
		fs.StringVar(&p.Email, "email", "", "user email (required)")
		fs.StringVar(&p.Name, "name", "", "display name")
		fs.StringVar(&p.Team, "team", "", "team name (must exist)")
	case "users password":
		fs.StringVar(&p.Email, "email", "", "user email (required)")
	case "teams add", "teams list", "users list", "domains set", "domains list":
	default:
		fmt.Fprintf(env.stderr, "fathom workspace: unknown subcommand %q\n\n%s", noun+" "+verb, workspaceUsage)
		return errUsage
	}
	create := createFlag(fs)
	cfg, err := loadConfig(env, fs, args, false)
	if err != nil {
		return err
	}
	db, err := openAdmin(ctx, env, cfg, *create)
	if err != nil {
		return err
	}
	defer db.Close()
	t, err := tenantNamed(ctx, db, *tenantName)
	if err != nil {
		return err
	}
	ws := workspace{env: env, db: db, svc: meeting.NewService(meeting.Deps{Store: db}, meeting.Config{}), tenantID: t.ID}
	rest := fs.Args()
	switch noun + " " + verb {
	case "teams add":
		if len(rest) != 1 {
			fmt.Fprint(env.stderr, "fathom workspace teams add: give one team NAME\n")
			return errUsage
		}
		team, err := ws.svc.CreateTeam(ctx, t.ID, rest[0])
		switch {
		case err == nil:
			fmt.Fprintf(env.stdout, "Team %q created.\n", team.Name)
		case fathom.ErrorCode(err) == fathom.ECONFLICT:
			// Adding a team that is there is done: scripts and the docs'
			// examples may run twice.
			fmt.Fprintf(env.stdout, "Team %q exists already; nothing changed.\n", strings.TrimSpace(rest[0]))
			return nil
		}
		return err
	case "teams list":
		return ws.listTeams(ctx)
	case "users add":
		if p.Email == "" {
			fmt.Fprint(env.stderr, "fathom workspace users add: --email is required\n")
			return errUsage
		}
		p.TenantID = t.ID
		m, err := ws.svc.PutUser(ctx, p)
		if err == nil {
			fmt.Fprintf(env.stdout, "User %s (%s) saved%s.\n", m.Email, m.Name, teamSuffix(m.TeamName))
		}
		return err
	case "users list":
		return ws.listUsers(ctx)
	case "users password":
		return ws.setPassword(ctx, p.Email)
	case "domains set":
		domains, err := ws.svc.SetDomains(ctx, t.ID, rest)
		if err == nil {
			fmt.Fprintf(env.stdout, "Internal domains: %s\n", orNone(domains))
		}
		return err
	}
	domains, err := ws.svc.Domains(ctx, t.ID)
	if err == nil {
		fmt.Fprintln(env.stdout, orNone(domains))
	}
	return err
}

type workspace struct {
	env      *environment
	db       store.Store
	svc      *meeting.Service
	tenantID int64
}

func (ws workspace) listTeams(ctx context.Context) error {
	tw := tabwriter.NewWriter(ws.env.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tCREATED")
	for after := int64(0); ; {
		teams, err := ws.db.TeamList(ctx, ws.tenantID, after, 500)
		if err != nil {
			return err
		}
		for _, t := range teams {
			fmt.Fprintf(tw, "%s\t%s\n", t.Name, t.CreatedAt.Format("2006-01-02 15:04"))
		}
		if len(teams) < 500 {
			return tw.Flush()
		}
		after = teams[len(teams)-1].ID
	}
}

func (ws workspace) listUsers(ctx context.Context) error {
	domains, err := ws.svc.Domains(ctx, ws.tenantID)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(ws.env.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "EMAIL\tNAME\tTEAM\tINTERNAL")
	for after := int64(0); ; {
		ms, err := ws.db.MemberList(ctx, &store.MemberListParams{TenantID: ws.tenantID, AfterID: after, Limit: 500})
		if err != nil {
			return err
		}
		for _, m := range ms {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%v\n", m.Email, m.Name, m.TeamName, !meeting.IsExternal(domains, m.Email))
		}
		if len(ms) < 500 {
			return tw.Flush()
		}
		after = ms[len(ms)-1].ID
	}
}

func teamSuffix(team string) string {
	if team == "" {
		return ""
	}
	return " in team " + team
}

func orNone(ss []string) string {
	if len(ss) == 0 {
		return "(none: everyone is internal)"
	}
	return strings.Join(ss, " ")
}

// tenantNamed finds a tenant, with an error that says how to make one.
func tenantNamed(ctx context.Context, db store.Store, name string) (*fathom.Tenant, error) {
	t, err := db.TenantGetByName(ctx, name)
	if errors.Is(err, store.ErrNotFound) {
		return nil, fathom.Errorf(fathom.ENOTFOUND, "no tenant named %q here (fathom keys create --tenant %s --email EMAIL makes it)", name, name)
	}
	return t, err
}
