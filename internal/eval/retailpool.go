package eval

// The actions of the retail domain (abcd, an online clothing shop). The
// banking actions read oddly for a shop, so abcd's intents draw their
// candidates from these: six retail fixes worded in every pool, six of
// the banking fixes that a shop's agents do too, and two escalations.
// The existing domains keep drawing from simActions alone, so their
// simulated conversations are unchanged (TestExistingDomainsSimulateUnchanged).

// retailOnly are the fixes that only the retail domain uses.
var retailOnly = []Action{
	{ID: "resend_tracking_link",
		Develop: []string{"I have resent the tracking link to your email.", "Please use the tracking link in your shipping confirmation email.", "I've sent you a new link to track your order."}},
	{ID: "cancel_order",
		Develop: []string{"I have cancelled your order.", "Please cancel the order from your order history before it ships.", "I've cancelled that order for you, you won't be charged."}},
	{ID: "offer_exchange",
		Develop: []string{"I can exchange the item for a different size.", "Please send the item back and we will send you the right one.", "I've arranged an exchange for you."}},
	{ID: "send_return_label",
		Develop: []string{"I have emailed you a return label.", "Please print the return label from your order page.", "I've sent you a prepaid shipping label for the return."}},
	{ID: "apply_promo_code",
		Develop: []string{"I have applied the promo code to your order.", "Please enter the promo code at checkout again.", "I've added a discount code to your account."}},
	{ID: "clear_browser_cookies",
		Develop: []string{"Please clear your browser cookies and try again.", "Could you log out, clear the cookies and log back in?", "Try clearing your browser's cookies and cache."}},
}

// retailShared are the banking actions a shop's agents do too.
var retailShared = []string{"reset_password", "update_address", "update_phone_number", "raise_refund", "reenter_card_details", "verify_identity", "escalate_specialist", "escalate_technical"}

// retailActions are what abcd's intents draw their candidates from, in a
// fixed order (the draw depends on it).
var retailActions = func() []Action {
	out := append([]Action{}, retailOnly...)
	for _, id := range retailShared {
		for _, a := range simActions {
			if a.ID == id {
				out = append(out, a)
			}
		}
	}
	return out
}()
