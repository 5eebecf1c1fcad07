package contextapi

import (
	"reflect"
	"strings"
	"testing"

	"github.com/fathom-oss/fathom/internal/conversation"
)

// trackBodies are bodies of every kind for the track decoders: the plain
// shape, escapes, and what the fast path must leave to the general one.
var trackBodies = []string{
	`{"conversationId":"c1","messages":[{"role":"user","content":"My card was declined"},{"role":"assistant","content":"Is it expired?"}]}`,
	` { "conversationId" : "c1" , "userId" : "u1" , "messages" : [ { "content" : "a" , "role" : "user" } ] } ` + "\n",
	`{"messages":[],"conversationId":""}`,
	`{"conversationId":"c1","userId":null,"messages":[{"role":"user","content":"x"}]}`,
	`{"conversationId":"c\"1\\","messages":[{"role":"user","content":"line\none\ttab \u00e9 \u2019 \ud83d\ude00 \/ \b\f\r"}]}`,
	`{"conversationId":"c1","messages":[{"role":"user","content":"caf` + "\u00e9 \U0001F600" + `"}]}`,
	`{"conversation\u0049d":"c1","messages":[{"role":"user","content":"x"}]}`,
	// Left to the general path.
	`{"conversationId":"c1","conversationId":"c2","messages":[]}`,
	`{"conversationId":"c1","messages":[{"role":"user","content":"x","content":"y"}]}`,
	`{"conversationId":"c1","messages":[{"role":"user","content":"a\u0000b"}]}`,
	`{"conversationId":"c1","messages":[{"role":"user","content":"\ud800"}]}`,
	`{"conversationId":"c1","messages":[{"role":"user","content":"` + "\xff" + `"}]}`,
	`{"conversationId":"c1","messages":[{"role":"user","content":3}]}`,
	`{"conversationId":"c1","messages":[{"role":"user"}]}`,
	`{"conversationId":"c1","messages":[null]}`,
	`{"conversationId":"c1","messages":null}`,
	`{"conversationId":null,"messages":[]}`,
	`{"conversationId":"c1","messages":[],"extra":{"a":[1,2]}}`,
	`{"conversationId":"c1","messages":[{"role":"user","content":"x","name":"n"}]}`,
	`{"conversationId":"c1","messages":[]} {}`,
	`{"conversationId":"c1","messages":[],}`,
	`{"conversationId":"c1","messages":[{"role":"user","content":"x"},]}`,
	`{"conversationId":"c1" "messages":[]}`,
	`{"conversationId":"c1","messages":[]`,
	`[]`, `{}`, ``, `null`,
}

// FuzzDecodeTrackFast checks that whatever body the fast path accepts,
// the general path (server.CheckJSON, parseObject, decodeTrack) accepts
// too and decodes to the same params.
func FuzzDecodeTrackFast(f *testing.F) {
	for _, s := range trackBodies {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		fast, ok := decodeTrackFast(body)
		if !ok {
			return
		}
		obj, err := decodeObject(body)
		if err != nil {
			t.Fatalf("fast path accepted %q, general path refused it: %v", body, err)
		}
		want, err := decodeTrack(obj)
		if err != nil {
			t.Fatalf("fast path accepted %q, general path refused it: %v", body, err)
		}
		if !reflect.DeepEqual(fast, want) {
			t.Fatalf("%q: fast path %+v, general path %+v", body, fast, want)
		}
	})
}

// TestDecodeTrackFastTakes checks that the fast path takes the bodies
// clients send, so that they are not all left to the general path, and
// leaves the others.
func TestDecodeTrackFastTakes(t *testing.T) {
	long := `{"conversationId":"c","messages":[` + strings.Repeat(`{"role":"user","content":"x"},`, conversation.MaxMessages) + `{"role":"user","content":"x"}]}`
	for i, s := range append(trackBodies, long) {
		_, ok := decodeTrackFast([]byte(s))
		if want := i < 7; ok != want {
			t.Errorf("%q: fast path took it %v, want %v", s, ok, want)
		}
	}
}
