package main

import (
	"context"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/fathom-oss/fathom/client"
)

// showRecordingAnalytics prints a recording's talk time per speaker.
func showRecordingAnalytics(ctx context.Context, env *environment, r *remote, c *client.Client, id int64) error {
	a, err := c.RecordingAnalytics(ctx, id)
	if err != nil {
		return clientError(err)
	}
	return r.print(env.stdout, a, func(tw *tabwriter.Writer) {
		fmt.Fprintln(tw, "SPEAKER\tEMAIL\tSIDE\tTALK\tSHARE\tTURNS\tQUESTIONS\tLONGEST MONOLOGUE")
		for _, s := range a.Speakers {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%d\t%s at %s\n", s.Name, deref(s.Email), s.Side, secs(s.TalkTimeSeconds),
				percent(s.Share), s.Turns, s.Questions, secs(s.LongestMonologueSeconds), s.LongestMonologueTimestamp)
		}
		fmt.Fprintf(tw, "\nInternal %s, external %s, unknown %s of %s talk.\n", percent(a.Sides.Internal.Share),
			percent(a.Sides.External.Share), percent(a.Sides.Unknown.Share), secs(a.TalkTimeSeconds))
		if m := a.LongestMonologue; m != nil {
			fmt.Fprintf(tw, "Longest monologue: %s, %s at %s.\n", m.Speaker, secs(m.Seconds), m.Timestamp)
		}
	})
}

// showAnalyticsReport prints the figures by person or by team.
func showAnalyticsReport(ctx context.Context, env *environment, r *remote, c *client.Client, q client.AnalyticsQuery) error {
	rep, err := c.Analytics(ctx, q)
	if err != nil {
		return clientError(err)
	}
	return r.print(env.stdout, rep, func(tw *tabwriter.Writer) {
		fmt.Fprintln(tw, "NAME\tEMAIL\tTEAM\tMEETINGS\tTALK\tSHARE\tINTERNAL\tEXTERNAL\tUNKNOWN\tQUESTIONS\tLONGEST MONOLOGUE")
		for _, row := range rep.Items {
			mono := "-"
			if m := row.LongestMonologue; m != nil {
				mono = fmt.Sprintf("%s (recording %d at %s)", secs(m.Seconds), m.RecordingID, m.Timestamp)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\t%s\t%s\t%s\t%d\t%s\n", row.Name, deref(row.Email), deref(row.Team), row.Meetings,
				secs(row.TalkTimeSeconds), percent(row.Share), percent(row.InternalShare), percent(row.ExternalShare),
				percent(row.UnknownShare), row.Questions, mono)
		}
		fmt.Fprintf(tw, "\nRecordings counted: %d\n", rep.Meetings)
	})
}

// secs is a number of seconds as a duration, to the second.
func secs(s float64) time.Duration { return time.Duration(s * float64(time.Second)).Round(time.Second) }

func percent(f float64) string { return fmt.Sprintf("%.1f%%", f*100) }
