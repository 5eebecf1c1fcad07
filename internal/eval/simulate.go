package eval

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
)

// Action is a candidate solution of the simulation, with the ways an
// assistant may phrase it.
type Action struct {
	ID       string
	Phrasing []string
}

// actions is the pool the simulated intents draw their candidates from.
// Each is phrased four ways, as different agents would say it.
var actions = []Action{
	{"check_card_expiry", []string{"Can you check whether your card has expired?", "Please verify the expiry date on your card.", "Could you confirm your card is still valid and not expired?", "Let's make sure your card hasn't expired."}},
	{"contact_bank", []string{"Please contact your bank to ask why they blocked it.", "Could you call your bank and ask them to allow the payment?", "I suggest reaching out to your bank about this.", "Can you get in touch with your card issuer?"}},
	{"reset_password", []string{"I've reset your password, please try logging in again.", "I have sent you a password reset link.", "Please reset your password from the login screen.", "Could you try resetting your password?"}},
	{"update_app", []string{"Please update the app to the latest version.", "Could you install the latest update of the app?", "Can you update your app from the app store?", "Try updating the app and then retry."}},
	{"reinstall_app", []string{"Please uninstall the app and install it again.", "Could you reinstall the app?", "Try deleting the app and reinstalling it.", "Can you remove the app and install it again?"}},
	{"verify_identity", []string{"Please verify your identity in the app with a photo of your ID.", "Could you complete the identity verification?", "Can you upload your ID so we can verify your identity?", "Let's verify your identity first: please submit your ID."}},
	{"wait_processing", []string{"Please wait 24 hours, transfers can take a day to process.", "Could you wait until tomorrow? It is still processing.", "Can you give it a day? The payment is still pending processing.", "Let's wait for the processing to finish, it usually takes a day."}},
	{"reenter_card_details", []string{"Please re-enter your card details carefully.", "Could you enter the card number again?", "Can you remove the card and add it again with the correct details?", "Try typing the card details again."}},
	{"check_transfer_details", []string{"Can you check the recipient's account details are correct?", "Please verify the beneficiary details on the transfer.", "Could you confirm the account number you sent the money to?", "Let's make sure the recipient details are right."}},
	{"request_refund", []string{"I have requested a refund for you.", "I've raised a refund request for that charge.", "Please request a refund from the merchant.", "Could you ask the merchant for a refund?"}},
	{"unblock_card", []string{"I have unblocked your card, please try again.", "Please unblock the card in the app under card settings.", "Could you unfreeze your card in the app?", "I've unfrozen your card for you."}},
	{"top_up_balance", []string{"Please top up your account balance and retry.", "Could you add money to your account first?", "Can you top up your balance and try again?", "Try adding funds to your account."}},
	{"clear_cache", []string{"Please clear the app cache and try again.", "Could you clear the cache of the app?", "Try clearing your app's cache.", "Can you clear the cached data of the app?"}},
	{"restart_phone", []string{"Please restart your phone and try again.", "Could you reboot your device?", "Try turning your phone off and on again.", "Can you restart your device?"}},
	{"enable_payments", []string{"Please enable online payments in your card settings.", "Could you turn on contactless payments in the app?", "Can you enable that payment type in your card settings?", "Try switching on online payments for your card."}},
	{"update_address", []string{"Please update your address in your profile.", "Could you change your address in the settings?", "Can you update the address on your account?", "Try updating your home address in the app."}},
}

// Rates are the hidden success rates an intent's candidates get, best
// first; a unique best with a clear margin, so "the best action" is
// well defined.
var Rates = []float64{0.9, 0.6, 0.3, 0.1}

var confirmations = []string{"That worked, thank you!", "Yes, it's going through now.", "Perfect, all good now.", "It works now, thanks.", "Great, that fixed it.", "Done, no longer a problem."}
var rejections = []string{"Still not working.", "That didn't help, same error.", "Nope, still declined.", "I tried that but it still fails.", "It doesn't work either.", "No luck, same problem."}

// Plan is an intent's simulated candidates and their hidden success rates.
type Plan struct {
	Intent  string
	Actions []Action
	Rates   []float64
}

// Best is the action with the highest hidden rate.
func (p Plan) Best() string {
	best := 0
	for i, r := range p.Rates {
		if r > p.Rates[best] {
			best = i
		}
	}
	return p.Actions[best].ID
}

// Plans draws 3 or 4 candidate actions per intent with shuffled rates, from
// a fixed seed so every run simulates the same world.
func Plans(intents []string, seed uint64) map[string]Plan {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	sorted := slices.Clone(intents)
	sort.Strings(sorted)
	out := make(map[string]Plan, len(sorted))
	for _, intent := range sorted {
		n := 3 + r.IntN(2)
		perm := r.Perm(len(actions))[:n]
		rates := slices.Clone(Rates[:n])
		r.Shuffle(n, func(i, j int) { rates[i], rates[j] = rates[j], rates[i] })
		p := Plan{Intent: intent, Rates: rates}
		for _, k := range perm {
			p.Actions = append(p.Actions, actions[k])
		}
		out[intent] = p
	}
	return out
}

// Turn is a simulated message.
type Turn struct {
	Role, Content string
}

// SimAttempt is an attempt in a simulated conversation and its true outcome.
type SimAttempt struct {
	Action  string
	Success bool
}

// Simulated is one conversation of the simulation.
type Simulated struct {
	Intent   string
	Turns    []Turn
	Attempts []SimAttempt
	Resolved bool
}

// Simulate plays one conversation: the user opens with query, the agent
// tries the intent's candidates in random order until one works (each
// succeeding at its hidden rate) or three have failed.
func Simulate(p Plan, query string, r *rand.Rand) Simulated {
	s := Simulated{Intent: p.Intent, Turns: []Turn{{"user", query}}}
	order := r.Perm(len(p.Actions))
	for _, k := range order[:min(3, len(order))] {
		a := p.Actions[k]
		ok := r.Float64() < p.Rates[k]
		s.Turns = append(s.Turns, Turn{"assistant", a.Phrasing[r.IntN(len(a.Phrasing))]})
		s.Attempts = append(s.Attempts, SimAttempt{Action: a.ID, Success: ok})
		if ok {
			s.Turns = append(s.Turns, Turn{"user", confirmations[r.IntN(len(confirmations))]})
			s.Resolved = true
			return s
		}
		s.Turns = append(s.Turns, Turn{"user", rejections[r.IntN(len(rejections))]})
	}
	return s
}

// String shows a simulated conversation, for debugging.
func (s Simulated) String() string {
	out := s.Intent + ":"
	for _, t := range s.Turns {
		out += fmt.Sprintf("\n  %s: %s", t.Role, t.Content)
	}
	return out
}
