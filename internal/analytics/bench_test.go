package analytics

import (
	"fmt"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// hourLong is an hour's transcript: 720 items, one every 5 s, by four
// speakers of whom two are invitees.
func hourLong() []fathom.TranscriptItem {
	names := []string{"Ann", "Carl", "Bob", "Eve"}
	items := make([]fathom.TranscriptItem, 720)
	for i := range items {
		items[i] = fathom.TranscriptItem{Speaker: names[(i/3)%4], Text: "Could we go over the numbers again? I think so.",
			At: time.Duration(i) * 5 * time.Second}
	}
	return items
}

func BenchmarkMeeting(b *testing.B) {
	items := hourLong()
	for b.Loop() {
		Meeting(items, invitees, time.Hour)
	}
}

// BenchmarkReport sums 1,000 meetings of four speakers by person.
func BenchmarkReport(b *testing.B) {
	ms := make([]*fathom.MeetingAnalytics, 1000)
	for i := range ms {
		ms[i] = &fathom.MeetingAnalytics{MeetingID: int64(i + 1), Speakers: Meeting(hourLong(), invitees, time.Hour)}
		for j := range ms[i].Speakers {
			ms[i].Speakers[j].Email = fmt.Sprintf("p%d@x.test", (i+j)%40)
		}
	}
	for b.Loop() {
		r := NewReport(ByPerson, "")
		for _, a := range ms {
			r.Add(a)
		}
		r.Rows()
	}
}
