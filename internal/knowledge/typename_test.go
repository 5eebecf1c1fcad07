package knowledge

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/knowledge/issuetype"
)

// TestDecodeNames checks the migration of pinned names: names of the first
// scheme (a bare map) are dropped once so the current scheme names those
// types again; current ones are kept.
func TestDecodeNames(t *testing.T) {
	current, err := encodeNames(map[int64]typeName{3: {Name: "payment_declined"}})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, blob, want string
		err              bool
	}{
		{"first scheme", `{"3":{"name":"log_password_says","description":"Conversations about log, password, says."}}`, "map[]", false},
		{"current scheme", string(current), "map[3:{payment_declined }]", false},
		{"a later scheme", `{"version":99,"names":{"3":{"name":"x"}}}`, "map[]", false},
		{"garbage", `[1,2`, "", true},
	}
	for _, tc := range cases {
		got, err := decodeNames([]byte(tc.blob))
		if (err != nil) != tc.err || err == nil && fmt.Sprint(got) != tc.want {
			t.Errorf("%s: decodeNames = %v, %v; want %s (error %v)", tc.name, got, err, tc.want, tc.err)
		}
	}
}

func TestDistinct(t *testing.T) {
	got := distinct([]string{"password reset email never came", "email never came", "reset link", "spam"}, 2)
	if fmt.Sprint(got) != "[password reset email never came reset link]" {
		t.Fatalf("distinct = %v", got)
	}
}

// TestTypeNamesOfFewConversations types four conversations told in
// reported speech, as a helpdesk integration forwards them: with so little
// data, word weights cannot tell "says" from "password", but phrases can.
func TestTypeNamesOfFewConversations(t *testing.T) {
	e := New(issuetype.Config{})
	now := time.Now()
	convs := [][]string{
		{"Customer says their card was declined at the checkout", "Please contact your bank.", "That worked."},
		{"User reports that the payment failed twice", "Please re-enter your card details.", "Went through, thanks."},
		{"Customer says she cannot log in, the password reset email never came", "I have sent a new reset link.", "Got it, thanks."},
		{"The client mentioned the wifi keeps dropping", "Please restart your router.", "Fixed, thank you."},
	}
	var drafts []*Draft
	ids := map[string]int64{}
	for i, turns := range convs {
		c := &fathom.Conversation{ID: int64(i + 1), TenantID: 1, Status: fathom.StatusResolved, ResolvedAt: &now}
		var msgs []fathom.Message
		for j, s := range turns {
			role := fathom.RoleUser
			if j%2 == 1 {
				role = fathom.RoleAssistant
			}
			msgs = append(msgs, fathom.Message{Seq: j, Role: role, Content: s, CreatedAt: now})
		}
		d := e.Analyze(c, msgs, now)
		for j, tpl := range d.templates { // what Store does with the database
			if ids[tpl.Key] == 0 {
				ids[tpl.Key] = int64(len(ids) + 1)
			}
			s := *tpl
			s.ID = ids[tpl.Key]
			d.templates[j], d.Analysis.Attempts[j].SolutionID = &s, s.ID
		}
		drafts = append(drafts, d)
	}
	e.Apply(1, drafts)
	for _, it := range e.IssueTypes(1) {
		toks := strings.Split(it.Name, "_")
		for i, tok := range toks {
			if i == len(toks)-1 && i > 0 && phrasalParticles[tok] {
				continue // the particle of a phrasal verb: "cannot_log_in"
			}
			if why := unreadableToken(tok); why != "" || tok == "customer" || tok == "user" || tok == "client" {
				t.Errorf("type name %q holds %q (%s)", it.Name, tok, why)
			}
		}
		t.Logf("%s: %s", it.Name, it.Description)
	}
}
