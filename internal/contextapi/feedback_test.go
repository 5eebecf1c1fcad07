package contextapi

import (
	"encoding/json"
	"testing"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// FuzzDecodeFeedback checks that any body either fails with an EINVALID
// error or yields exactly the strings the body holds, the required ones
// present.
func FuzzDecodeFeedback(f *testing.F) {
	for _, s := range []string{
		`{"conversationId":"c1","action":"check_card_expiry","outcome":"success"}`,
		`{"conversationId":"c1","action":"reset it","outcome":"failure","note":"by email"}`,
		`{"conversationId":"c1","action":5,"outcome":"success"}`,
		`{"conversationId":null,"action":"x","outcome":"success"}`,
		`[]`, `{}`, `{"note":{}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		o, err := parseObject(body)
		if err != nil {
			if fathom.ErrorCode(err) != fathom.EINVALID {
				t.Fatalf("parse %q: %v, want EINVALID", body, err)
			}
			return
		}
		p, err := decodeFeedback(o)
		if err != nil {
			if fathom.ErrorCode(err) != fathom.EINVALID {
				t.Fatalf("decode %q: %v, want EINVALID", body, err)
			}
			return
		}
		// encoding/json matches struct fields without regard to case, the
		// API does not: a generic map is the oracle.
		var want map[string]any
		if err := json.Unmarshal(body, &want); err != nil {
			t.Fatalf("decoded %q, which encoding/json rejects: %v", body, err)
		}
		note, _ := want["note"].(string)
		if p.ConversationID != want["conversationId"] || p.Action != want["action"] || string(p.Outcome) != want["outcome"] || p.Note != note {
			t.Fatalf("decoded %q as %+v", body, p)
		}
	})
}
