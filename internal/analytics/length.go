package analytics

import (
	"slices"
	"strings"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// DefaultWordTime is how long a word takes to say when a transcript gives
// no pace of its own: 150 words a minute, a usual conversational rate.
const DefaultWordTime = 400 * time.Millisecond

// TranscriptLength estimates how long a recording whose times were not
// given lasted: until its last item ends. The last item lasts its words
// at the transcript's own pace, the median time per word of the other
// items (each lasting until the next one, as for talk time; items out of
// order left out), or DefaultWordTime when no other item tells. So
// "Bye." ends soon after it starts and a closing monologue is not cut
// short.
func TranscriptLength(items []fathom.TranscriptItem) time.Duration {
	n := len(items)
	if n == 0 {
		return 0
	}
	var paces []time.Duration
	for i := range n - 1 {
		w, d := len(strings.Fields(items[i].Text)), duration(items, i, 0)
		if w > 0 && d > 0 {
			paces = append(paces, d/time.Duration(w))
		}
	}
	pace := DefaultWordTime
	if len(paces) > 0 {
		slices.Sort(paces)
		pace = paces[len(paces)/2]
	}
	return items[n-1].At + pace*time.Duration(len(strings.Fields(items[n-1].Text)))
}
