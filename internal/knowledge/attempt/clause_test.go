package attempt

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/graphemes"
)

// TestSpokenAndPictographClauses: speech written down without any
// punctuation is cut before the conjunctions that open a clause, and a
// pictograph ends a clause as a full stop does, so the proposal after a
// reason or a report is found.
func TestSpokenAndPictographClauses(t *testing.T) {
	cases := []struct{ turn, key string }{
		{"right the account looks fine from here so you can restart the router and try again", "restart_router"},
		{"yeah the link has expired because it is old so you'll need to request a new link from the page", "request_new_link"},
		{"all sorted 👍 please restart the router", "restart_router"},
		// Punctuated text keeps its clauses whole: "so" inside one stays.
		{"Please restart the router so it picks up the settings.", "restart_router"},
	}
	for _, c := range cases {
		p, _, _, ok := parseTurn(c.turn)
		if !ok || p.phrase().Key() != c.key {
			t.Errorf("%q: got %q (ok %v), want %q", c.turn, p.phrase().Key(), ok, c.key)
		}
	}
	if got := len(clauses("so it is fine and you can go")); got != 1 {
		t.Errorf("a short unpunctuated turn is cut into %d clauses, want 1", got)
	}
}

// TestEmojiEndClauses: an emoji, with its modifiers and joined pictographs,
// ends a clause; symbols of running text and combining accents do not.
func TestEmojiEndClauses(t *testing.T) {
	cases := []struct {
		turn string
		want []string
	}{
		{"done ✅ it's locked", []string{"done", "it's locked"}},
		{"thanks 👍🏽 all good", []string{"thanks", "all good"}},
		{"👍🏽", nil},
		{"on it 👩\u200d💻 checking now", []string{"on it", "checking now"}},
		{"great ❤️ thanks", []string{"great", "thanks"}},
		{"it is 20°C in the server room", []string{"it is 20°C in the server room"}},
		{"the cafe\u0301 wifi is down", []string{"the cafe\u0301 wifi is down"}},
		{"the Acme™ router © 2024 is ±5 volts", []string{"the Acme™ router © 2024 is ±5 volts"}},
	}
	for _, c := range cases {
		var got []string
		for _, cl := range clauses(c.turn) {
			got = append(got, cl.text)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%q: clauses %q, want %q", c.turn, got, c.want)
		}
	}
}

// TestExtendedPictographic checks the table against the grapheme segmenter,
// whose rule GB11 joins a pictograph to one after a zero-width joiner: every
// code point is a pictograph in the table exactly when the segmenter joins it
// after "😀" and a joiner but not after a letter and a joiner.
func TestExtendedPictographic(t *testing.T) {
	joined := func(s string) bool {
		g := graphemes.FromString(s)
		g.Next()
		return len(g.Value()) == len(s)
	}
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		seg := joined("😀\u200d"+string(r)) && !joined("a\u200d"+string(r))
		if seg != unicode.Is(extendedPictographic, r) {
			t.Errorf("%U: segmenter says Extended_Pictographic %v, table says %v", r, seg, !seg)
		}
	}
}

// TestNumberedListIsAProcedure: a numbered list's numbers are no part of
// its items, and its action is its last item's, the items before it its
// steps; numbers that begin no list from 1 stay in the text.
func TestNumberedListIsAProcedure(t *testing.T) {
	cases := []struct {
		turn, key string
		steps     []string
	}{
		{"1. Open the app 2. Go to Settings 3. Tap Reset password", "tap_reset_password", []string{"Open the app", "Go to Settings"}},
		{"Sure: 1) open the app, 2) tap the card, 3) freeze it.", "freeze_card", []string{"open the app", "tap the card"}},
		{"1) Press and hold the icon. 2) Choose Remove. 3) Download the app again.", "download_app", []string{"Press and hold the icon", "Choose Remove"}},
		// No list: a number before a full stop.
		{"Set the limit to 50. Then try again.", "set_limit", nil},
	}
	for _, c := range cases {
		p, steps, _, ok := parseTurn(c.turn)
		if !ok || p.phrase().Key() != c.key || !slices.Equal(steps, c.steps) {
			t.Errorf("%q: got %q, steps %q (ok %v), want %q, steps %q", c.turn, p.phrase().Key(), steps, ok, c.key, c.steps)
		}
	}
	got := clauses("Set it to 50. Then 1) open the app 2) tap Cards")
	want := []string{"Set it to 50", "Then", "open the app", "tap Cards"}
	var texts []string
	for _, c := range got {
		texts = append(texts, c.text)
	}
	if !slices.Equal(texts, want) {
		t.Errorf("clauses %q, want %q", texts, want)
	}
	if got := clauses("see note 2) below"); len(got) != 1 || got[0].text != "see note 2) below" {
		t.Errorf("a list's 2 alone is cut: %v", got)
	}
}

// TestRequestsAndReportsInLongerForms: a request that names the user
// between the agent's verb and the action ("we would kindly invite you
// to …", "I suggest (that) you …"), a courtesy formula, a report embedded
// after "that", and a frame cut off from its action by a filler are read;
// what asks for information, or a relative clause's "that", is not taken
// for them.
func TestRequestsAndReportsInLongerForms(t *testing.T) {
	wantKeys(t, parseTurnKey, map[string]string{
		"We would kindly invite you to reactivate your card by turning off the 'Frozen' setting.":           "reactivate_card",
		"We would respectfully recommend that you get in touch with the institution that issued your card.": "get_touch",
		"I suggest you call your bank.":             "call_bank",
		"I'd suggest that you reset your password.": "reset_password",
		"Would you be so kind as to load additional funds onto your account, after which it should work.": "load_additional_funds",
		"We confirm that your order has been cancelled as per your request.":                              "cancelled_order",
		"The parcel that was still missing has been resent.":                                              "resent_parcel",
		"um, I've, er, sent a new link to your email just now":                                            "sent_new_link",
		// Information, not action.
		"We'd ask you to confirm your address.":           "",
		"I want you to know that we take this seriously.": "",
	})
}

// wantKeys checks the key read from each text (empty: nothing read).
func wantKeys(t *testing.T, read func(string) (string, bool), want map[string]string) {
	t.Helper()
	for text, key := range want {
		if got, ok := read(text); got != key || ok != (key != "") {
			t.Errorf("%q: got %q (ok %v), want %q", text, got, ok, key)
		}
	}
}

// parseTurnKey and parseNoteKey are the key a turn and a note are read as.
func parseTurnKey(text string) (string, bool) {
	p, _, _, ok := parseTurn(text)
	return p.phrase().Key(), ok
}

// parseAnsweredKey is the key a turn is read as where the user answered
// it with how something went.
func parseAnsweredKey(text string) (string, bool) {
	p, _, _, ok := parseTurnAnswered(text, true)
	return p.phrase().Key(), ok
}

func parseNoteKey(text string) (string, bool) {
	p, ok := parseNote(text)
	return p.phrase().Key(), ok
}

// TestTryWithAThing: "try" before a thing is the action's verb ("try a
// private window"); before a verb it frames the request ("try restarting
// the app"), and trying a thing again is a retry, no action.
func TestTryWithAThing(t *testing.T) {
	wantKeys(t, parseTurnKey, map[string]string{
		"Please try a private window, it skips the saved cookies.": "try_private_window",
		"try restarting the app":                                   "restarting_app",
		"Please try the payment again.":                            "",
		"Let me apply that discount for you.":                      "apply_discount",
	})
}

// TestToldToNotes: an agent's note of what the user was asked or advised
// to do is that action, whether the user stands before or after the verb
// and with or without "to"; what asks for information is no note.
func TestToldToNotes(t *testing.T) {
	wantKeys(t, parseNoteKey, map[string]string{
		"cust asked to upload photo ID via app":           "upload_photo_id",
		"insufficient funds - cust advised to top up":     "top_up",
		"cust advised clear app cache":                    "clear_app_cache",
		"advised cust to allow 24h for pending to settle": "allow_pending",
		"asked cust to re-add card details":               "readd_card_details",
		"asked cust to confirm exp date on card":          "",
		"chargeback raised vs merchant":                   "raised_chargeback",
		"appt booked w/ adviser at branch":                "booked_appt",
	})
}

// TestKeyHasNoEmptyWord: a quoted label whose "?" ends the clause leaves
// its closing quote mark read as the verb; the key shows the words it has,
// never a "_" at its edge.
func TestKeyHasNoEmptyWord(t *testing.T) {
	for _, turn := range []string{
		"In the app, tap 'Didn't get the email?' on the verification screen to have a fresh one sent.",
		"Press 'Can't get in?' under the password box.",
	} {
		ph, _, ok := Read(turn)
		k := ph.Key()
		if ok && (k == "" || k[0] == '_' || k[len(k)-1] == '_' || strings.Contains(k, "__")) {
			t.Errorf("%q: key %q", turn, k)
		}
	}
}

// TestParticiplePhraseBeforeSubject: a short -ing phrase that opens a
// sentence before its subject ("Following your request, we have…")
// frames what the subject did; the act is the subject's. An -ing clause
// with no subject after it is read as before.
func TestParticiplePhraseBeforeSubject(t *testing.T) {
	wantKeys(t, parseTurnKey, map[string]string{
		"Following your request, we have approved a higher withdrawal allowance on your account.": "approved_higher_withdrawal_allowance",
		"Regarding the card, I've ordered a new one for you.":                                     "ordered_new",
		"Following the steps in the app should fix it.":                                           "following_steps",
	})
}

// TestMakeSureAndQuotedLabels: "make sure" checks what its complement
// clause is about, and announces nothing checked when that is a pronoun
// nothing names; a verb before a quoted label acts on the label ("tap
// 'Forgot password'"); "good" opens no imperative.
func TestMakeSureAndQuotedLabels(t *testing.T) {
	wantKeys(t, parseTurnKey, map[string]string{
		"Make sure the card hasn't passed its end date.":                      "make_sure_card",
		"Please make sure that online payments are switched on for the card.": "make_sure_online_payments",
		"I'll make sure it gets sent today.":                                  "",
		"tap 'forgot password' on the sign in page & make a new one":          "tap_forgot_password",
		"press \"Resend email\" on the login screen":                          "press_resend_email",
		"he said \"no\"": "",
		"Good to hear, thanks for letting me know.": "",
	})
}

// TestNumberAbbreviation: "no." after a noun is "number", in a note as
// in a request, and ends no clause; after a verb or before a new sentence
// it is the negation and ends one.
func TestNumberAbbreviation(t *testing.T) {
	wantKeys(t, parseNoteKey, map[string]string{
		"mobile no. changed on acct, old number removed": "changed_mobile_no",
		"acct no. updated": "updated_acct_no",
	})
	wantKeys(t, parseTurnKey, map[string]string{
		"pls update ur mobile no. in profile, we still have the old one": "update_mobile_no",
		"I said no. please reset your password":                          "reset_password",
		"the answer is no. you can reset your password in the app":       "reset_password",
	})
}

// TestSpacedDashEndsAClause: a dash between spaces ends a clause as a
// comma does, in a turn as in a note; a noun told to do something after
// it is the note's, no imperative of the noun.
func TestSpacedDashEndsAClause(t *testing.T) {
	wantKeys(t, parseTurnKey, map[string]string{
		"we need to confirm it's really you - please go through the ID check in the app": "go_id_check",
		"Looks like the balance is too low – could you add some funds and try again?":    "add_funds",
		"For security we need to confirm it's you — please snap your passport":           "snap_passport",
		"declined by issuer - cust to call their bank":                                   "",
		"the well-known fix is a re-install":                                             "",
	})
	wantKeys(t, parseNoteKey, map[string]string{
		"declined by issuer - cust to call their bank": "call_bank",
		"card frozen — replacement ordered":            "frozen_card",
	})
}

// TestConditionWithItsResult: a proposal put as a condition with what it
// leads to ("if you wipe the cache, that should help", "once you've topped
// up, the payment should go through") is the condition's act, in the same
// clause or with its result in the next; a condition with no result, or a
// result negated, proposes nothing.
func TestConditionWithItsResult(t *testing.T) {
	wantKeys(t, parseTurnKey, map[string]string{
		"If you wipe the app's cache and reopen it, that should help.":            "wipe_app_cache",
		"Once you've topped up your balance, the payment should go through fine.": "topped_up_balance",
		"so if you pop some funds in from your other bank it'll go through":       "pop_funds",
		"if you can hang on till tomorrow it should show up":                      "hang_on_till_tomorrow",
		"If you still have the card, it won't work.":                              "",
		"If you need anything else, I'll be here.":                                "",
		"If you received the email, that's all we need.":                          "",
	})
}
