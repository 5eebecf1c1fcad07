package attempt

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// TestWhatIsAnAttempt: assistant turns that propose or perform something,
// and turns that only greet, apologise, empathise or gather information.
func TestWhatIsAnAttempt(t *testing.T) {
	for _, c := range []struct {
		turn, action, key string // action "" means not an attempt
	}{
		{"Can you check if your card is expired?", "check if your card is expired", "check_card"},
		{"Please try clearing the cache.", "clearing the cache", "clearing_cache"},
		{"Sorry about that! Could you update the app?", "update the app", "update_app"},
		{"I've reset your password.", "reset your password", "reset_password"},
		{"I have refunded the fee.", "refunded the fee", "refunded_fee"},
		{"I have ordered a replacement card.", "ordered a replacement card", "ordered_replacement_card"},
		{"I've ordered you a new card.", "ordered you a new card", "ordered_new_card"},
		{"Let me order a replacement card for you.", "order a replacement card for you", "order_replacement_card"},
		{"Have you tried restarting your phone?", "restarting your phone", "restarting_phone"},
		{"If that doesn't work, try reinstalling the app.", "reinstalling the app", "reinstalling_app"},
		{"Give your bank a call.", "Give your bank a call", "call_bank"},
		{"Take a look at the logs.", "Take a look at the logs", "look_logs"},
		{"Turn off your phone and back on.", "Turn off your phone and back on", "turn_off_phone"},
		{"Go to Settings > Cards and freeze it.", "Go to Settings > Cards and freeze it", "go_settings_cards"},
		{"Your card has been frozen.", "Your card has been frozen", "frozen_card"},
		{"Can I book the appointment for you?", "book the appointment for you", "book_appointment"},
		{"Would you like me to book it for you?", "book it for you", "book"},
		{"I found a Lyft ride for you. Should I book that for you?", "book that for you", "book_ride"},
		{"Could I get your full name, please?", "", ""},
		{"Take your medicine 2 times a day.", "Take your medicine 2 times a day", "take_medicine_times_day"},
		{"Thanks, may I ask the reason for the return?", "", ""},
		{"Additional to this you would give me the order ID.", "", ""},
		{"Everything in order, soon I will indicate the status of your refund.", "", ""},
		{"Less than a week.", "", ""},
		{"I can escalate to my manager if you'd like.", "escalate to my manager if you'd like", "escalate_manager"},
		{"Hi there, thanks for reaching out!", "", ""},
		{"I'm so sorry for the trouble.", "", ""},
		{"I understand how frustrating that must be.", "", ""},
		{"What's your account number?", "", ""},
		{"When did this start?", "", ""},
		{"Could you tell me which browser you're using?", "", ""},
		{"Could you confirm your email address?", "", ""},
		{"Please check the account number you sent the money to.", "check the account number you sent the money to", "check_account_number"},
		{"Could you provide your date of birth, please?", "", ""},
		{"Can you send us a screenshot of the error?", "", ""},
		{"Let me know if that helps!", "", ""},
		{"Do you have the latest version of the app?", "", ""},
		{"Please don't worry.", "", ""},
		{"The hotel is called the Hyatt.", "", ""},
		{"Dr. Johnson says to take medicine before sleep.", "", ""},
		{"Is there anything else that I can do for you?", "", ""},
		{"I can see that your card had expired.", "", ""},
		{"I noticed your payment was declined.", "", ""},
		{"I can see that your card had expired. Please update your card details.", "update your card details", "update_card_details"},
		// The agent announcing work on nothing named proposes nothing; the
		// fix after it is the attempt.
		{"Hello! I can help you with that.", "", ""},
		{"Thanks for waiting, let me take a look. Please restart the router.", "restart the router", "restart_router"},
		{"I'm looking into it now.", "", ""},
		{"I have refunded you.", "refunded you", "refunded"},
		{"Let me check that for you.", "", ""},
		{"Your new card is ready. Let me activate it for you.", "activate it for you", "activate_card"},
		{"Let me log you out of every device.", "log you out of every device", "log_out"},
		{"Let me check. Could you reinstall the app?", "reinstall the app", "reinstall_app"},
		// ... but asked, it offers to act.
		{"The 9pm table is free. Shall I book?", "book", "book"},
		// A demonstrative "that" before a noun is no complement clause.
		{"I've stopped that payment before it went out.", "stopped that payment before it went out", "stopped_payment"},
		{"I noticed that payments were declined.", "", ""},
		// The agent's act in progress.
		{"I'm resending the confirmation email now.", "resending the confirmation email now", "resending_confirmation_email"},
		{"I'm sorry to hear that.", "", ""},
		// A verb of communication asks for information, unless it takes
		// a clause about a thing: then it asks the user to check a state.
		{"Could you confirm your card is still valid?", "confirm your card is still valid", "confirm_card"},
		{"Could you confirm the account number you paid into?", "", ""},
		{"Can you confirm that you want to cancel?", "", ""},
		// A question of ability, and advice in the conditional, propose.
		{"Would you be able to restart the router?", "restart the router", "restart_router"},
		{"I'd reinstall the driver first, then try again.", "reinstall the driver first", "reinstall_driver"},
		{"I'd be happy to help.", "", ""},
		{"I'd like to check your booking.", "check your booking", "check_booking"},
		// Chat shortens closed-class words.
		{"pls restart ur router", "restart ur router", "restart_router"},
		// Passives after "been" take any participle, a particle, and a
		// pronoun subject standing for a noun said before it.
		{"Your order has been put on hold.", "Your order has been put on hold", "put_order"},
		{"The heating has been switched back on.", "The heating has been switched back on", "switched_on_heating"},
		{"The parcel that was still missing has been resent.", "The parcel that was still missing has been resent", "resent_parcel"},
		{"Your subscription was paused by mistake, it has been restarted.", "it has been restarted", "restarted_subscription"},
		{"It is fixed.", "", ""},
		{"Given what you said, that is odd.", "", ""},
		{"Sorry for the wait.", "", ""},
		// Advice put as worth doing, or as what the best step is.
		{"It's worth restarting the router.", "restarting the router", "restarting_router"},
		{"The quickest fix is to restart the router.", "restart the router", "restart_router"},
		{"The router is to the left of the door.", "", ""},
		// Speech names what is to be done before saying it.
		{"So what you want to do is restart the router.", "restart the router", "restart_router"},
		{"ok so what I'll do is I'll send you a new code", "send you a new code", "send_new_code"},
		{"What we can do is cancel the booking.", "cancel the booking", "cancel_booking"},
		{"What you said is right.", "", ""},
		// A proposal asked as whether the user found the moment, an
		// obligation or an ability put as a periphrasis, a learner's "to".
		{"Have you had a chance to restart the router?", "restart the router", "restart_router"},
		{"You'd have to call the hotel directly.", "call the hotel directly", "call_hotel"},
		{"I was able to cancel the booking.", "cancel the booking", "cancel_booking"},
		{"I'm gonna reset the password now.", "reset the password now", "reset_password"},
		{"please to restart the router", "restart the router", "restart_router"},
		{"please you restart the router", "restart the router", "restart_router"},
		{"I am resending the confirmation email now.", "resending the confirmation email now", "resending_confirmation_email"},
		// The second conditional proposes what its "if" clause says; a
		// real condition does not.
		{"If you restarted the router, the light would go green again.", "restarted the router", "restarted_router"},
		{"If you received the email, that's all we need.", "", ""},
		// A passive with a bare subject, after "been".
		{"Access has been restored.", "Access has been restored", "restored_access"},
	} {
		p, _, _, ok := parseTurn(c.turn)
		if got := map[bool]string{true: p.text}[ok]; got != c.action || ok && p.phrase().Key() != c.key {
			t.Errorf("%q: action %q key %q, want %q %q", c.turn, got, p.phrase().Key(), c.action, c.key)
		}
	}
}

func TestSteps(t *testing.T) {
	turn := "Please update your card: go to Settings > Billing, tap Payment methods, then enter the new card number."
	p, steps, _, ok := parseTurn(turn)
	want := []string{"go to Settings > Billing", "tap Payment methods"}
	if !ok || p.text != "update your card" || p.phrase().Key() != "update_card" || !slices.Equal(steps, want) {
		t.Fatalf("parseTurn = %q %q %q %v, want update your card, %q", p.text, p.phrase().Key(), steps, ok, want)
	}
}

func TestPrerequisitesAndEscalation(t *testing.T) {
	for _, c := range []struct {
		turn       string
		conditions []string
		escalation bool
	}{
		{"Freeze the card in the app if you still have it.", []string{"if you still have it"}, false},
		{"Once you have your ID, visit a branch.", []string{"Once you have your ID"}, false},
		{"If you like, reset the router.", nil, false},
		{"I'll transfer you to our billing team.", nil, true},
		{"I have escalated this to a specialist.", nil, true},
		{"Your case has been escalated to our fraud team.", nil, true},
		{"Please forward the email to us.", nil, false},
		{"I'm transferring you to our billing team.", nil, true},
		{"I've reported this to the security department.", nil, true},
		{"I've sent the invoice to your email.", nil, false},
		{"I've logged a case with our engineers.", nil, true},
		{"Please log a case with our engineers.", nil, false},
		{"I've added the card to our records.", nil, false},
		// An agent's note of a hand-over, the participle first.
		{"Escalated to the billing team, customer informed.", nil, true},
		{"Reported to L2.", nil, true},
	} {
		p, _, conds, ok := parseTurn(c.turn)
		if !ok || !slices.Equal(conds, c.conditions) || p.escalation != c.escalation {
			t.Errorf("%q: ok %v conditions %q escalation %v, want %q %v", c.turn, ok, conds, p.escalation, c.conditions, c.escalation)
		}
	}
}

// conv builds messages from "u: ..." and "a: ..." lines.
func conv(lines ...string) []fathom.Message {
	out := make([]fathom.Message, len(lines))
	for i, l := range lines {
		role := fathom.RoleUser
		if strings.HasPrefix(l, "a: ") {
			role = fathom.RoleAssistant
		}
		out[i] = fathom.Message{Seq: i, Role: role, Content: l[3:]}
	}
	return out
}

func summary(as []Attempt) string {
	var b strings.Builder
	for _, a := range as {
		fmt.Fprintf(&b, "%d %s %s %.2f; ", a.Turn, a.Key, a.Outcome, a.Confidence)
	}
	return b.String()
}

func TestExtractOutcomes(t *testing.T) {
	declined := []string{
		"u: My payment keeps getting declined",
		"a: Sorry to hear that! Can you check if your card is expired?",
		"u: it's not expired, still declined",
		"a: Could you try clearing your browser cache?",
	}
	for _, c := range []struct {
		name     string
		msgs     []fathom.Message
		resolved bool
		notes    string
		want     string
	}{
		{"explicit confirmation", conv(append(declined, "u: that worked, thanks!")...), true, "",
			"1 check_card failure 0.90; 3 clearing_browser_cache success 0.90; "},
		{"resolve-inferred", conv(declined...), true, "",
			"1 check_card failure 0.90; 3 clearing_browser_cache success 0.60; "},
		{"notes name the last", conv(declined...), true, "Cleared the browser cache",
			"1 check_card failure 0.90; 3 clearing_browser_cache success 0.75; "},
		{"notes escalate", conv(declined...), true, "Escalated to tier 2",
			"1 check_card failure 0.90; 3 clearing_browser_cache failure 0.50; "},
		{"explicit failure beats resolve", conv(append(declined, "u: nope, same error")...), true, "",
			"1 check_card failure 0.90; 3 clearing_browser_cache failure 0.95; "},
		{"user will try, open", conv(append(declined, "u: ok let me try that")...), false, "",
			"1 check_card failure 0.90; 3 clearing_browser_cache pending 0.75; "},
		{"abandoned", conv(declined...), false, "",
			"1 check_card failure 0.90; 3 clearing_browser_cache unknown 0.00; "},
		{"unclear then another attempt", conv(
			"u: I can't log in", "a: I've reset your password.", "u: ok",
			"a: Please clear your cache.", "u: perfect, I'm in"), false, "",
			"1 reset_password failure 0.40; 3 clear_cache success 0.70; "},
		{"politeness, then another fix: the agent's next move says it failed", conv(
			"u: I can't log in", "a: I've reset your password.", "u: thanks",
			"a: Please clear your cache.", "u: perfect, I'm in"), false, "",
			"1 reset_password failure 0.40; 3 clear_cache success 0.70; "},
		{"a success stated outright stands before another fix", conv(
			"u: I can't log in", "a: I've reset your password.", "u: that worked, thanks!",
			"a: Please clear your cache.", "u: perfect"), false, "",
			"1 reset_password success 0.90; 3 clear_cache success 0.70; "},
		{"no reply before the next attempt", conv(
			"u: app crashes", "a: Please restart your phone.", "a: Also try reinstalling the app.",
			"u: fixed!"), false, "",
			"1 restart_phone failure 0.30; 2 reinstalling_app success 0.90; "},
		{"notes credit an earlier attempt", conv(
			"u: app crashes", "a: Please update the app.", "u: one sec",
			"a: You could also restart your phone."), true, "Customer updated the app to the latest version",
			"1 update_app success 0.70; 3 restart_phone unknown 0.00; "},
		{"no attempts", conv("u: hi", "a: Hello! What's your account number?", "u: 1234"), true, "", ""},
		{"a reply to a question for details says nothing of the attempt before", conv(
			"u: app crashes", "a: Please update the app.", "u: still crashing",
			"a: Which phone do you have?", "u: a Pixel, works fine otherwise",
			"a: Please restart your phone."), false, "",
			"1 update_app failure 0.90; 5 restart_phone unknown 0.00; "},
		{"nor does a reply to a closing question", conv(
			"u: app crashes", "a: Please update the app.", "u: that fixed it",
			"a: Great! Is there anything else I can do for you?", "u: no, nothing else"), true, "",
			"1 update_app success 0.90; "},
		{"an offer then done: the consent is no result", conv(
			"u: I can't log in", "a: Shall I reset your password?", "u: yes please",
			"a: I've reset your password.", "u: still can't get in"), false, "",
			"1 reset_password unknown 0.00; 3 reset_password failure 0.90; "},
		{"an offer declined, then something else", conv(
			"u: I can't log in", "a: Shall I reset your password?", "u: no, I did that already",
			"a: Please clear your cache.", "u: that worked"), true, "",
			"1 reset_password failure 0.90; 3 clear_cache success 0.90; "},
		{"a farewell after the agent spoke again does not overrule", conv(
			"u: app crashes", "a: Please update the app.", "u: that fixed it",
			"a: Glad I could help.", "u: nothing else, bye"), true, "",
			"1 update_app success 0.90; "},
		{"a result stated outright does", conv(
			"u: app crashes", "a: Please update the app.", "u: that fixed it",
			"a: Glad I could help.", "u: oh no, it's failing again"), false, "",
			"1 update_app failure 0.90; "},
		{"assent to a hand-over is no result", conv(
			"u: app crashes", "a: Please update the app.", "u: still crashing",
			"a: I'm transferring you to our technical team.", "u: fine, please pass it on"), false, "",
			"1 update_app failure 0.90; 3 transferring_technical_team pending 0.70; "},
		{"yes, I tried it: a failure", conv(
			"u: app crashes", "a: Have you tried restarting your phone?", "u: yes",
			"a: Please reinstall the app.", "u: that fixed it"), true, "",
			"1 restarting_phone failure 0.45; 3 reinstall_app success 0.90; "},
		{"no, not tried: nothing said yet", conv(
			"u: app crashes", "a: Have you tried restarting your phone?", "u: no",
			"a: Please do, and let me know.", "u: that fixed it"), true, "",
			"1 restarting_phone success 0.90; "},
		{"directions asked for are the same attempt", conv(
			"u: my card was stolen", "a: Please freeze your card.", "u: where do I do that?",
			"a: Go to Settings > Cards, then tap Freeze.", "u: done, thanks, that worked"), true, "",
			"1 freeze_card success 0.90; "},
		{"directions after a failure are a new attempt", conv(
			"u: my card was stolen", "a: Please freeze your card.", "u: it didn't work",
			"a: Go to Settings > Cards, then tap Freeze.", "u: that worked"), true, "",
			"1 freeze_card failure 0.85; 3 go_settings_cards success 0.90; "},
		{"a note is read where the reply says how it went", conv(
			"u: my card was stolen", "a: Please freeze your card.", "u: still shows active",
			"a: hello, sorry for the wait. card frozen on our side", "u: ok that sorted it, cheers"), true, "",
			"1 freeze_card failure 0.90; 3 frozen_card success 0.90; "},
		{"a note may name whom it was done for and open with a filler", conv(
			"u: no confirmation email", "a: sent u another confirm email, check junk folder too", "u: that worked, thanks"), true, "",
			"1 sent_confirm_email success 0.90; "},
		{"a note may put an auxiliary before its participle", conv(
			"u: item never came", "a: ok refund is requested on my side, money shd come back in few days", "u: great, that sorts it"), true, "",
			"1 requested_refund success 0.90; "},
		{"a note's participle may be a re- form and be followed by per", conv(
			"u: the code never came", "a: verif email re-sent per cust request", "u: that worked, thanks"), true, "",
			"1 resent_verif_email success 0.90; "},
		{"a note may say what the user is to do", conv(
			"u: my card was declined", "a: declined by issuer - cust to call their bank", "u: that worked, thanks"), true, "",
			"1 call_bank success 0.90; "},
		{"a note is no attempt where the reply says nothing of a result", conv(
			"u: my card was stolen", "a: card frozen on our side", "u: what happens to my balance?"), false, "",
			""},
		{"a result after an unread statement that follows a failure is not the attempt's", conv(
			"u: app crashes", "a: Please update the app.", "u: still crashing",
			"a: A fresh build goes out to everyone tonight.", "u: that fixed it"), true, "",
			"1 update_app failure 0.90; "},
		{"a question about the result is answered about the attempt", conv(
			"u: app crashes", "a: Please update the app.", "u: ok, one moment",
			"a: Did that work?", "u: no, still crashing"), false, "",
			"1 update_app failure 0.90; "},
	} {
		if got := summary(Extract(c.msgs, c.resolved, c.notes)); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, c.want)
		}
	}
}

// TestResolveCountsForLastAttemptOnly: a resolve right after an attempt
// credits that attempt alone; the earlier ones keep what their replies (or
// the attempt that followed them) said.
func TestResolveCountsForLastAttemptOnly(t *testing.T) {
	msgs := conv("u: my card is blocked", "a: Please restart the app.", "u: hmm",
		"a: I've unblocked your card.", "a: Please update the app.")
	as := Extract(msgs, true, "")
	got := summary(as)
	want := "1 restart_app failure 0.40; 3 unblocked_card failure 0.30; 4 update_app success 0.60; "
	if got != want {
		t.Fatalf("got %s, want %s", got, want)
	}
}

// TestAnsweredRequestForInformation: a request headed by a verb of
// communication asks for information and is no attempt, unless the user's
// reply says how something went: then it asked the user to do something
// ("could you confirm the account number you sent the money to?" "yes,
// it's going through now"). A bare assent, an answer, or a request for
// something given to the agent stays no attempt.
func TestAnsweredRequestForInformation(t *testing.T) {
	for _, c := range []struct {
		name string
		msgs []fathom.Message
		want string
	}{
		{"result", conv("u: my transfer is stuck", "a: Could you confirm your email address?", "u: Yes, it's going through now."),
			"1 confirm_email_address success 0.90; "},
		{"failure", conv("u: my transfer is stuck", "a: Could you confirm your email address?", "u: Doesn't work either.", "a: I've cancelled the transfer."),
			"1 confirm_email_address failure 0.85; 3 cancelled_transfer unknown 0.00; "},
		{"bare assent", conv("u: my transfer is stuck", "a: Could you confirm your email address?", "u: yes"), ""},
		{"an answer", conv("u: my transfer is stuck", "a: Could you confirm your email address?", "u: it's jo@example.com"), ""},
		{"given to the agent", conv("u: my transfer is stuck", "a: Could you tell me your account number?", "u: It works now, cheers."), ""},
	} {
		if got := summary(Extract(c.msgs, false, "")); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

// TestResultsStatedAsStates: a result stated as the state of a thing, with
// no verb of doing, is the agent's act where the user's reply says how it
// went (parseTurnAnswered): a place after a copula ("is on its way to your
// inbox", "is off your account", "is back in your balance"), a participle
// and a particle after "has" ("has gone out"), also after "there is"; the
// verb is the place's preposition and head noun, or the participle and
// particle. A question, a state said to last or denied, a place with no
// noun phrase, and a turn that proposes something else are no such result;
// nor is a state in a turn nobody answered with a result.
func TestResultsStatedAsStates(t *testing.T) {
	wantKeys(t, parseAnsweredKey, map[string]string{
		"A link to set a new password is on its way to your inbox now.":                       "link_on_way",
		"The lock is off your account, so you should be able to sign in again.":               "lock_off_account",
		"The PDF for that month is now in your inbox.":                                        "pdf_in_inbox",
		"the paperwork u asked for is in ur inbox now, check spam if not there":               "paperwork_in_inbox",
		"Right, there's another card on its way to you in the mail.":                          "card_on_way",
		"The payment was stopped in time. The money is back in your available balance.":       "money_back_in_balance",
		"That letter has gone out to the email we hold for you.":                              "letter_gone_out",
		"Hello, sorry for the wait. A new verification link has just gone out to your inbox.": "new_verification_link_gone_out",
		// A proposal in the turn is read before a state.
		"Your payment is on hold, could you verify your identity?": "verify_identity",
		// Questions, descriptions of the problem.
		"your card is in the post office?":          "",
		"the app is down for everyone":              "",
		"Your payment is still in a pending state.": "",
		"The money isn't in your account yet.":      "",
		"The issue is with the merchant.":           "",
		"It is in your inbox.":                      "",
	})
	// Unanswered, a state proposes nothing.
	wantKeys(t, parseTurnKey, map[string]string{
		"A link to set a new password is on its way to your inbox now.": "",
	})
	got := summary(Extract(conv("u: I can't log in", "a: A link to set a new password is on its way to your inbox now.",
		"u: got it, that worked, thanks"), true, ""))
	if want := "1 link_on_way success 0.90; "; got != want {
		t.Errorf("a state answered with a result: got %s, want %s", got, want)
	}
}

// TestReportsAfterAFillerAndPrepositions: a filler may open a passive
// report ("so another email has been sent"), and a preposition of any
// kind ends a participle's complement ("lodged against that merchant").
func TestReportsAfterAFillerAndPrepositions(t *testing.T) {
	wantKeys(t, parseTurnKey, map[string]string{
		"The first link had expired, so another confirmation email has been sent.": "sent_confirmation_email",
		"A chargeback claim has now been lodged against that merchant.":            "lodged_chargeback_claim",
	})
}

// TestLightVerbsAndAdviceAfterACopula: "have" and "do" head an action
// only with the noun that carries their meaning ("have a look at", "do a
// password reset"), after a request's frame or alone, not in a question
// or a wish; advice may be put after a copula with no determiner
// ("best next step is to …"), after adverbs, and with the -ing form
// after "would be".
func TestLightVerbsAndAdviceAfterACopula(t *testing.T) {
	wantKeys(t, parseTurnKey, map[string]string{
		"Could you have a look at the expiry date on the card?":               "look_expiry_date",
		"Would you be able to do a password reset?":                           "reset_password",
		"pls do a top up first, the payment failed":                           "top_up",
		"Could you give the app a clean up?":                                  "clean_up_app",
		"Would you have a receipt?":                                           "",
		"It may be out of date, have a look at the date printed on the card.": "look_date_printed",
		"do a password reset in the app":                                      "reset_password",
		"have a nice day":                                                     "",
		"do you have a card?":                                                 "",
		"Best next step is to speak to your bank directly about this block.":  "speak_bank",
		"so honestly the best thing is to sit tight":                          "sit_tight",
		"the next step would be choosing a new PIN":                           "choosing_new_pin",
		"The next train is to the left of the door.":                          "",
		"It is nice to hear from you.":                                        "",
	})
}

// TestVerbFormAfterFrame: a verb stands in base form after a request's
// frame, not as a gerund ("would you mind resetting") nor as a participle
// after "have you"; a light verb's gerund carries its meaning in its noun.
func TestVerbFormAfterFrame(t *testing.T) {
	for text, want := range map[string]struct {
		key  string
		base bool
	}{
		"Could you reset your password?":                 {"reset_password", true},
		"Please bring your photo ID.":                    {"bring_photo_id", true},
		"Would you mind resetting your password?":        {"resetting_password", false},
		"Try clearing your browser's cookies.":           {"clearing_browser_cookies", false},
		"Have you checked the expiry date on your card?": {"checked_expiry_date", false},
		"Would you mind giving your bank a ring?":        {"ring_bank", true},
		"Would you mind having a look at the date?":      {"look_date", true},
	} {
		ph, _, ok := Read(text)
		if !ok || ph.Key() != want.key || ph.Base != want.base {
			t.Errorf("%q: key %q base %v (ok %v), want %q base %v", text, ph.Key(), ph.Base, ok, want.key, want.base)
		}
	}
}

// TestBareImperativeInAnsweredTurns: a turn the user answered with how it
// went, and in which nothing else is read, may hold a bare imperative
// whose verb imperative cannot tell from a noun ("add money via bank
// transfer"); a statement, a phrase with a subject or an auxiliary, or a
// turn nobody answered is no such act.
func TestBareImperativeInAnsweredTurns(t *testing.T) {
	wantKeys(t, parseAnsweredKey, map[string]string{
		"Your balance is at zero right now. Add money via bank transfer or card, then retry.": "add_money",
		"Clear cache and relaunch the app.":                                                   "clear_cache",
		"Looks like there's not much in there. Move some cash in from your main account.":     "move_cash",
		// A proposal in the turn is read before it.
		"Clear cache, or could you reinstall the app?": "reinstall_app",
		// Statements, noun phrases, thanks.
		"Less than a week.":                       "",
		"Nothing is wrong, it just needs longer.": "",
		"Thanks for waiting.":                     "",
		"Transfers take a day to arrive.":         "",
		"Card payments are disabled.":             "",
	})
	wantKeys(t, parseTurnKey, map[string]string{
		"Clear cache and relaunch the app.": "",
	})
}
