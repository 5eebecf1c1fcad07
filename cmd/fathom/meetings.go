package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/fathom-oss/fathom/client"
)

const meetingsUsage = `Usage:
  fathom meetings list [--team T]... [--recorded-by EMAIL]... [--domain D]... [--type NAME] [--after TIME] [--before TIME] [--limit N] [flags]
  fathom meetings get RECORDING_ID [flags]
  fathom meetings transcript RECORDING_ID [flags]
  fathom meetings summary RECORDING_ID [flags]
  fathom meetings delete RECORDING_ID [flags]
  fathom meetings search [--window] WORDS... [flags]
  fathom meetings analytics RECORDING_ID [flags]
  fathom meetings analytics [--group-by person|team] [--team T] [--after TIME] [--before TIME] [flags]
  fathom meetings types [flags]
  fathom meetings users [--team T] [--status active|deactivated|invited] [--settings-access LEVEL] [flags]
  fathom meetings media RECORDING_ID FILE [--content-type TYPE] [flags]
  fathom meetings download RECORDING_ID [DOWNLOAD_ID] [--destination-url URL] [--to FILE] [flags]

Works against this server, Fathom's hosted API (--url https://api.fathom.ai) or a
gateway (--url https://gateway.maton.ai/fathom --gateway-key KEY). "get", "search"
and "analytics" are extensions of self-hosted servers: "analytics" gives a recording's
talk time per speaker, or the same by person or team over the recordings you can see;
"delete" (also an extension) removes a recording the key's user recorded (any it can
see, for an account admin) and, for a support call, the Context API conversation learned
from it. "types" lists the workspace's meeting types
(the names --type takes); "users" its users and invitees, for an account admin's key.
"media" uploads a recording's audio or video file, replacing any it had (an extension;
the type is read from the bytes unless --content-type says it). "download" makes a
download of a recording's media and prints its signed link (valid 24 h), or with a
DOWNLOAD_ID reads one back; --to writes the file to FILE.
"search" finds every word, or a "quoted phrase" in order, in the same moment of a
transcript (consecutive lines) or in a summary line or action item; --window shows
the moment's lines.
`

// listFlag collects a repeated flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

func runMeetings(ctx context.Context, env *environment, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(env.stderr, meetingsUsage)
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	sub, args := args[0], args[1:]
	fs := flagSet(env, "meetings "+sub, "meetings "+sub+" [flags]")
	var r remote
	r.register(fs, env)
	var teams, recorders, domains listFlag
	var after, before, meetingType string
	var uq client.UserQuery
	var aq client.AnalyticsQuery
	limit := 0
	if sub == "users" {
		fs.StringVar(&uq.Team, "team", "", "team name")
		fs.StringVar(&uq.Status, "status", "", "active, deactivated or invited")
		fs.StringVar(&uq.SettingsAccess, "settings-access", "", "none, team_admin or account_admin")
	}
	if sub == "analytics" {
		fs.StringVar(&aq.GroupBy, "group-by", "person", "person or team")
		fs.StringVar(&aq.Team, "team", "", "only the people of this team, or this team alone")
	}
	if sub == "list" || sub == "analytics" {
		fs.StringVar(&after, "after", "", "created after (RFC 3339 or YYYY-MM-DD)")
		fs.StringVar(&before, "before", "", "created before (RFC 3339 or YYYY-MM-DD)")
	}
	var contentType, destination, save string
	if sub == "media" {
		fs.StringVar(&contentType, "content-type", "", "the file's type, e.g. audio/mpeg (default: read from the bytes)")
	}
	if sub == "download" {
		fs.StringVar(&destination, "destination-url", "", "also POST the download there, signed with your callback secret")
		fs.StringVar(&save, "to", "", "write the file to this path")
	}
	if sub == "list" {
		fs.StringVar(&meetingType, "type", "", "meeting type name (see meetings types)")
		fs.Var(&teams, "team", "team name (repeatable)")
		fs.Var(&recorders, "recorded-by", "recorder email (repeatable)")
		fs.Var(&domains, "domain", "client company domain (repeatable)")
		fs.IntVar(&limit, "limit", 50, "at most this many meetings (0: all)")
	}
	showWindow := false
	if sub == "search" {
		fs.BoolVar(&showWindow, "window", false, "show each transcript hit's consecutive lines (> marks a match)")
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	c, err := r.client()
	if err != nil {
		return err
	}
	rest := fs.Args()
	switch sub {
	case "list":
		q := client.MeetingsQuery{Teams: teams, RecordedBy: recorders, Domains: domains, MeetingType: meetingType}
		if q.CreatedAfter, err = parseWhen("--after", after); err != nil {
			return err
		}
		if q.CreatedBefore, err = parseWhen("--before", before); err != nil {
			return err
		}
		return listMeetings(ctx, env, &r, c, q, limit)
	case "search":
		if len(rest) == 0 {
			fmt.Fprint(env.stderr, "fathom meetings search: give the words to find\n")
			return errUsage
		}
		hits, err := c.Search(ctx, strings.Join(rest, " "), 20)
		if err != nil {
			return clientError(err)
		}
		return r.print(env.stdout, hits, func(tw *tabwriter.Writer) {
			fmt.Fprintln(tw, "RECORDING\tAT\tKIND\tSPEAKER\tSNIPPET")
			for _, h := range hits {
				fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", h.RecordingID, h.Timestamp, h.Kind, deref(h.Speaker), h.Snippet)
				for _, w := range h.Window {
					if !showWindow {
						break
					}
					mark := ""
					if w.Matched {
						mark = ">"
					}
					fmt.Fprintf(tw, "\t%s\t%s\t%s\t%s\n", w.Timestamp, mark, w.Speaker, w.Text)
				}
			}
		})
	case "analytics":
		if len(rest) > 1 {
			fmt.Fprint(env.stderr, "fathom meetings analytics: give one RECORDING_ID, or none for a report\n")
			return errUsage
		}
		if len(rest) == 1 {
			id, err := strconv.ParseInt(rest[0], 10, 64)
			if err != nil || id <= 0 {
				return fmt.Errorf("RECORDING_ID must be a positive integer, got %q", rest[0])
			}
			return showRecordingAnalytics(ctx, env, &r, c, id)
		}
		if aq.CreatedAfter, err = parseWhen("--after", after); err != nil {
			return err
		}
		if aq.CreatedBefore, err = parseWhen("--before", before); err != nil {
			return err
		}
		return showAnalyticsReport(ctx, env, &r, c, aq)
	case "types":
		return listMeetingTypes(ctx, env, &r, c)
	case "users":
		return listWorkspaceUsers(ctx, env, &r, c, uq)
	case "media", "download":
		if n := len(rest); (sub == "media" && n != 2) || (sub == "download" && (n < 1 || n > 2)) {
			fmt.Fprintf(env.stderr, "fathom meetings %s: see the usage\n\n%s", sub, meetingsUsage)
			return errUsage
		}
		id, err := parseRecordingID(rest[0])
		if err != nil {
			return err
		}
		if sub == "media" {
			return setMedia(ctx, env, &r, c, id, rest[1], contentType)
		}
		downloadID := ""
		if len(rest) == 2 {
			downloadID = rest[1]
		}
		return download(ctx, env, &r, c, id, downloadID, destination, save)
	case "get", "transcript", "summary", "delete":
		if len(rest) != 1 {
			fmt.Fprintf(env.stderr, "fathom meetings %s: give one RECORDING_ID\n", sub)
			return errUsage
		}
		id, err := strconv.ParseInt(rest[0], 10, 64)
		if err != nil || id <= 0 {
			return fmt.Errorf("RECORDING_ID must be a positive integer, got %q", rest[0])
		}
		if sub == "delete" {
			if err := c.DeleteMeeting(ctx, id); err != nil {
				return clientError(err)
			}
			fmt.Fprintf(env.stdout, "Recording %d deleted.\n", id)
			return nil
		}
		return showRecording(ctx, env, &r, c, sub, id)
	}
	fmt.Fprintf(env.stderr, "fathom meetings: unknown subcommand %q\n\n%s", sub, meetingsUsage)
	return errUsage
}

func listMeetings(ctx context.Context, env *environment, r *remote, c *client.Client, q client.MeetingsQuery, limit int) error {
	var ms []client.Meeting
	for m, err := range c.Meetings(ctx, q) {
		if err != nil {
			return clientError(err)
		}
		ms = append(ms, m)
		if limit > 0 && len(ms) == limit {
			break
		}
	}
	return r.print(env.stdout, ms, func(tw *tabwriter.Writer) {
		fmt.Fprintln(tw, "RECORDING\tCREATED\tLENGTH\tRECORDED BY\tTITLE")
		for _, m := range ms {
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", m.RecordingID, m.CreatedAt.Local().Format("2006-01-02 15:04"),
				recordingLength(m.RecordingEndTime.Sub(m.RecordingStartTime)), m.RecordedBy.Email, m.Title)
		}
	})
}

func listMeetingTypes(ctx context.Context, env *environment, r *remote, c *client.Client) error {
	var mts []client.MeetingType
	for mt, err := range c.MeetingTypes(ctx) {
		if err != nil {
			return clientError(err)
		}
		mts = append(mts, mt)
	}
	return r.print(env.stdout, mts, func(tw *tabwriter.Writer) {
		fmt.Fprintln(tw, "NAME\tSTATUS\tCREATED")
		for _, mt := range mts {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", mt.Name, mt.Status, mt.CreatedAt.Local().Format("2006-01-02 15:04"))
		}
	})
}

func listWorkspaceUsers(ctx context.Context, env *environment, r *remote, c *client.Client, q client.UserQuery) error {
	var us []client.User
	for u, err := range c.Users(ctx, q) {
		if err != nil {
			return clientError(err)
		}
		us = append(us, u)
	}
	return r.print(env.stdout, us, func(tw *tabwriter.Writer) {
		fmt.Fprintln(tw, "EMAIL\tNAME\tTEAM\tSTATUS\tSETTINGS ACCESS\tVIEW ACCESS\tSINCE")
		for _, u := range us {
			access, view := "-", "-"
			if p := u.Permissions; p != nil {
				access, view = p.SettingsAccess, p.ViewAccess
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", u.Email, u.Name, deref(u.Team), u.Status, access, view,
				u.CreatedAt.Local().Format("2006-01-02"))
		}
	})
}

func showRecording(ctx context.Context, env *environment, r *remote, c *client.Client, what string, id int64) error {
	switch what {
	case "transcript":
		items, err := c.RecordingTranscript(ctx, id)
		if err != nil {
			return clientError(err)
		}
		return r.print(env.stdout, items, func(tw *tabwriter.Writer) {
			for _, it := range items {
				fmt.Fprintf(tw, "%s\t%s\t%s\n", it.Timestamp, it.Speaker.DisplayName, it.Text)
			}
		})
	case "summary":
		s, err := c.RecordingSummary(ctx, id)
		if err != nil {
			return clientError(err)
		}
		if r.output == "json" {
			return r.print(env.stdout, s, nil)
		}
		if s == nil || s.MarkdownFormatted == nil {
			fmt.Fprintln(env.stdout, "(no summary yet: the recording is still being processed)")
			return nil
		}
		fmt.Fprint(env.stdout, *s.MarkdownFormatted)
		return nil
	}
	m, err := c.Meeting(ctx, id, client.MeetingsQuery{IncludeActionItems: true})
	if err != nil {
		return clientError(err)
	}
	return r.print(env.stdout, m, func(tw *tabwriter.Writer) {
		fmt.Fprintf(tw, "Title:\t%s\nRecording:\t%d\nRecorded by:\t%s\nStart:\t%s\nEnd:\t%s\nInvitees:\t%s\nShared with:\t%s\nURL:\t%s\n",
			m.Title, m.RecordingID, m.RecordedBy.Email, m.RecordingStartTime.Local().Format(time.RFC1123),
			m.RecordingEndTime.Local().Format(time.RFC1123), m.CalendarInviteesDomainsType, m.SharedWith, m.URL)
		for _, a := range m.ActionItems {
			fmt.Fprintf(tw, "Action:\t[%s] %s (%s)\n", a.RecordingTimestamp, a.Description, deref(a.Assignee.Name))
		}
	})
}

func parseWhen(flagName, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%s must be RFC 3339 (2025-01-31T09:00:00Z) or a date (2025-01-31), got %q", flagName, s)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// recordingLength is a recording's length for a table: to the minute, or to
// the second under a minute (a 23 s recording is not "0s").
func recordingLength(d time.Duration) time.Duration {
	if d < time.Minute {
		return d.Round(time.Second)
	}
	return d.Round(time.Minute)
}
