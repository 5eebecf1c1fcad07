package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/job"
	"github.com/fathom-oss/fathom/internal/meeting"
	"github.com/fathom-oss/fathom/internal/store"
)

const workspaceUsage = `Usage:
  fathom workspace teams add NAME [flags]
  fathom workspace teams list [flags]
  fathom workspace users add --email EMAIL [--name NAME] [--team TEAM] [flags]
  fathom workspace users list [flags]
  fathom workspace users access --email EMAIL [--status active|deactivated]
                                [--settings-access none|team_admin|account_admin] [flags]
  fathom workspace users invite --email EMAIL [--name NAME] [--team TEAM] [flags]
  fathom workspace users uninvite --email EMAIL [flags]
  fathom workspace users password --email EMAIL [flags]
  fathom workspace meeting-types add NAME [flags]
  fathom workspace meeting-types list [flags]
  fathom workspace meeting-types activate|deactivate NAME [flags]
  fathom workspace domains set DOMAIN... [flags]
  fathom workspace domains list [flags]
  fathom workspace support-calls set [--meeting-type NAME]... [--domain DOMAIN]... [flags]
  fathom workspace support-calls list|clear [flags]

The workspace is what the meetings API sees of a tenant: its users, their
teams, and the email domains that make people internal (calendar invitees
and users outside them are external; a workspace with no domains has no
guests). "users add" updates a user that exists; "teams add" of a team that
exists changes nothing. Give a user a key with
"fathom keys create --email EMAIL". "users password" sets the password a
user signs in with to approve OAuth apps; it reads FATHOM_PASSWORD or else
one line of standard input (never a flag, to keep it out of shell history).

"users access" deactivates a user (its keys then get 403 from the meetings
API; its recordings stay shared) or sets its settings access: only an
account_admin may call GET /external/v1/users. "users invite" records a
pending invitation, listed by /users as status invited until "users add"
adds the person. Meeting types are what a meeting's meeting_type names;
recordings ingested with a new name add it. An inactive type is still
listed and still filters meetings.

"support-calls set" replaces the rules that make meetings support calls: a
meeting is one when its meeting type is one named, or when a calendar
invitee's email is at one of the domains (customers' domains, never the
workspace's own). A support call's transcript becomes the Context API
conversation meeting-RECORDING_ID when the meeting is processed: customers'
turns as the user's, the workspace's as the assistant's. The rules apply to
meetings processed after they are set; "clear" removes them all.
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
	var access struct{ status, settings string }
	var callTypes, callDomains listFlag
	switch noun + " " + verb {
	case "users add":
		fs.StringVar(&p.Email, "email", "", "user email (required)")
		fs.StringVar(&p.Name, "name", "", "display name")
		fs.StringVar(&p.Team, "team", "", "team name (must exist)")
	case "users password", "users uninvite":
		fs.StringVar(&p.Email, "email", "", "user email (required)")
	case "users invite":
		fs.StringVar(&p.Email, "email", "", "email to invite (required)")
		fs.StringVar(&p.Name, "name", "", "display name")
		fs.StringVar(&p.Team, "team", "", "team name (must exist)")
	case "users access":
		fs.StringVar(&p.Email, "email", "", "user email (required)")
		fs.StringVar(&access.status, "status", "", "active or deactivated (default: unchanged)")
		fs.StringVar(&access.settings, "settings-access", "", "none, team_admin or account_admin (default: unchanged)")
	case "support-calls set":
		fs.Var(&callTypes, "meeting-type", "a meeting type that makes meetings support calls (repeatable)")
		fs.Var(&callDomains, "domain", "a customers' email domain: a meeting with an invitee there is a support call (repeatable)")
	case "teams add", "teams list", "users list", "domains set", "domains list",
		"meeting-types add", "meeting-types list", "meeting-types activate", "meeting-types deactivate",
		"support-calls list", "support-calls clear":
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
	// Insert-only: a rules change queues the job that applies the rules to
	// the meetings processed before; the server's workers run it.
	q, err := job.New(db.Jobs, job.Config{})
	if err != nil {
		return err
	}
	ws := workspace{env: env, db: db, svc: meeting.NewService(meeting.Deps{Store: db, Queue: q}, meeting.Config{}), tenantID: t.ID}
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
	case "users access", "users invite", "users uninvite":
		if p.Email == "" {
			fmt.Fprintf(env.stderr, "fathom workspace %s: --email is required\n", noun+" "+verb)
			return errUsage
		}
		return ws.people(ctx, verb, p, access.status, access.settings)
	case "meeting-types add", "meeting-types activate", "meeting-types deactivate":
		if len(rest) != 1 {
			fmt.Fprintf(env.stderr, "fathom workspace meeting-types %s: give one meeting type NAME\n", verb)
			return errUsage
		}
		return ws.meetingType(ctx, verb, rest[0])
	case "meeting-types list":
		return ws.listMeetingTypes(ctx)
	case "support-calls set", "support-calls clear", "support-calls list":
		if verb == "set" && len(callTypes)+len(callDomains) == 0 {
			fmt.Fprint(env.stderr, "fathom workspace support-calls set: give --meeting-type or --domain (clear removes the rules)\n")
			return errUsage
		}
		return ws.supportCalls(ctx, verb, callTypes, callDomains)
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
	err := eachRow(func(after int64) ([]*fathom.Team, error) { return ws.db.TeamList(ctx, ws.tenantID, after, listBatch) },
		func(t *fathom.Team) int64 {
			fmt.Fprintf(tw, "%s\t%s\n", t.Name, t.CreatedAt.Format("2006-01-02 15:04"))
			return t.ID
		})
	if err != nil {
		return err
	}
	return tw.Flush()
}

func (ws workspace) listUsers(ctx context.Context) error {
	domains, err := ws.svc.Domains(ctx, ws.tenantID)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(ws.env.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "EMAIL\tNAME\tTEAM\tINTERNAL\tSTATUS\tSETTINGS ACCESS")
	err = eachRow(func(after int64) ([]*fathom.Member, error) {
		return ws.db.MemberList(ctx, &store.MemberListParams{TenantID: ws.tenantID, AfterID: after, Limit: listBatch})
	}, func(m *fathom.Member) int64 {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%v\t%s\t%s\n", m.Email, m.Name, m.TeamName, !meeting.IsExternal(domains, m.Email),
			m.Status, m.SettingsAccess)
		return m.ID
	})
	if err != nil {
		return err
	}
	err = eachRow(func(after int64) ([]*fathom.Invitation, error) {
		return ws.db.InvitationList(ctx, &store.InvitationListParams{TenantID: ws.tenantID, AfterID: after, Limit: listBatch})
	}, func(inv *fathom.Invitation) int64 {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%v\t%s\t-\n", inv.Email, inv.Name, inv.TeamName, !meeting.IsExternal(domains, inv.Email),
			fathom.UserInvited+" "+inv.CreatedAt.Format("2006-01-02"))
		return inv.ID
	})
	if err != nil {
		return err
	}
	return tw.Flush()
}

// people changes a person's standing: users access|invite|uninvite.
func (ws workspace) people(ctx context.Context, verb string, p meeting.PutUserParams, status, settings string) error {
	switch verb {
	case "access":
		if status == "" && settings == "" {
			fmt.Fprint(ws.env.stderr, "fathom workspace users access: give --status or --settings-access\n")
			return errUsage
		}
		m, err := ws.svc.SetUserAccess(ctx, ws.tenantID, p.Email, status, settings)
		if err == nil {
			fmt.Fprintf(ws.env.stdout, "User %s is %s with settings access %s.\n", m.Email, m.Status, m.SettingsAccess)
		}
		return err
	case "invite":
		inv, err := ws.svc.Invite(ctx, meeting.InviteParams{TenantID: ws.tenantID, Email: p.Email, Name: p.Name, Team: p.Team})
		if err == nil {
			fmt.Fprintf(ws.env.stdout, "Invited %s%s.\n", inv.Email, teamSuffix(inv.TeamName))
		}
		return err
	}
	err := ws.svc.Uninvite(ctx, ws.tenantID, p.Email)
	if err == nil {
		fmt.Fprintf(ws.env.stdout, "Invitation of %s withdrawn.\n", p.Email)
	}
	return err
}

func (ws workspace) meetingType(ctx context.Context, verb, name string) error {
	if verb == "add" {
		mt, created, err := ws.svc.AddMeetingType(ctx, ws.tenantID, name)
		switch {
		case err != nil:
			return err
		case created:
			fmt.Fprintf(ws.env.stdout, "Meeting type %q created.\n", mt.Name)
		default:
			fmt.Fprintf(ws.env.stdout, "Meeting type %q exists already (%s); nothing changed.\n", mt.Name, mt.Status)
		}
		return nil
	}
	status := fathom.MeetingTypeActive
	if verb == "deactivate" {
		status = fathom.MeetingTypeInactive
	}
	err := ws.svc.SetMeetingTypeStatus(ctx, ws.tenantID, name, status)
	if err == nil {
		fmt.Fprintf(ws.env.stdout, "Meeting type %q is %s.\n", name, status)
	}
	return err
}

func (ws workspace) listMeetingTypes(ctx context.Context) error {
	tw := tabwriter.NewWriter(ws.env.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tSTATUS\tCREATED")
	err := eachRow(func(after int64) ([]*fathom.MeetingType, error) {
		return ws.db.MeetingTypeList(ctx, ws.tenantID, after, listBatch)
	}, func(mt *fathom.MeetingType) int64 {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", mt.Name, mt.Status, mt.CreatedAt.Format("2006-01-02 15:04"))
		return mt.ID
	})
	if err != nil {
		return err
	}
	return tw.Flush()
}

// supportCalls sets, clears or lists the rules that make meetings support
// calls, and prints the rules in force.
func (ws workspace) supportCalls(ctx context.Context, verb string, meetingTypes, domains []string) error {
	var rules []fathom.SupportCallRule
	var err error
	if verb == "list" {
		rules, err = ws.svc.SupportCallRules(ctx, ws.tenantID)
	} else {
		rules, err = ws.svc.SetSupportCallRules(ctx, ws.tenantID, meetingTypes, domains)
	}
	if err != nil {
		return err
	}
	if len(rules) == 0 {
		fmt.Fprintln(ws.env.stdout, "No support-call rules: no meeting is learned from.")
		return nil
	}
	tw := tabwriter.NewWriter(ws.env.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE\tVALUE")
	for _, r := range rules {
		fmt.Fprintf(tw, "%s\t%s\n", r.Kind, r.Value)
	}
	return tw.Flush()
}

// listBatch is how many rows the workspace lists read at a time.
const listBatch = 500

// eachRow pages through an id-ordered list, listBatch rows at a time:
// list returns the rows after an id, each handles a row and returns its id.
func eachRow[T any](list func(after int64) ([]T, error), each func(T) int64) error {
	for after := int64(0); ; {
		rows, err := list(after)
		if err != nil {
			return err
		}
		for _, r := range rows {
			after = each(r)
		}
		if len(rows) < listBatch {
			return nil
		}
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
