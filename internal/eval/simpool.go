package eval

// Action is a support action of the simulation, with the ways an agent
// says it in the develop pool; every other pool words it in its own file,
// by ID (reportpool.go, freshpool.go, ... wayfarerpool.go; see pool.go).
type Action struct {
	ID string
	// Escalation marks a hand-over to another team: never a fix, and
	// never the best action.
	Escalation bool
	Develop    []string
}

// simActions are the actions intents draw their candidates from.
var simActions = []Action{
	{ID: "order_replacement_card",
		Develop: []string{"I have ordered a replacement card for you, it should arrive within 5 working days.", "Please order a new card from the Cards tab in the app.", "I've requested a new card to be sent to your address."}},
	{ID: "freeze_card",
		Develop: []string{"I have frozen your card so nobody can use it.", "Please freeze the card in the app straight away.", "I've put a temporary block on your card."}},
	{ID: "unfreeze_card",
		Develop: []string{"I have unfrozen your card, please try again.", "Please unfreeze the card under card settings.", "I've removed the block from your card."}},
	{ID: "reset_password",
		Develop: []string{"I have sent you a password reset link.", "Please reset your password from the login screen.", "Could you try resetting your password?"}},
	{ID: "check_card_expiry",
		Develop: []string{"Can you check whether your card has expired?", "Please verify the expiry date on your card.", "Could you confirm your card is still valid?"}},
	{ID: "contact_issuer",
		Develop: []string{"Please contact your bank to ask why they blocked it.", "Could you call your card issuer and ask them to allow the payment?", "I suggest reaching out to your bank about this."}},
	{ID: "update_app",
		Develop: []string{"Please update the app to the latest version.", "Could you install the latest update of the app?", "Try updating the app and then retry."}},
	{ID: "reinstall_app",
		Develop: []string{"Please uninstall the app and install it again.", "Could you reinstall the app?", "Try deleting the app and reinstalling it."}},
	{ID: "verify_identity",
		Develop: []string{"Please verify your identity in the app with a photo of your ID.", "Could you complete the identity verification?", "Can you upload your ID so we can verify your identity?"}},
	{ID: "wait_processing",
		Develop: []string{"Please wait 24 hours, it can take a day to process.", "Could you wait until tomorrow? It is still processing.", "Can you give it a day? It is still pending."}},
	{ID: "reenter_card_details",
		Develop: []string{"Please re-enter your card details carefully.", "Could you enter the card number again?", "Try typing the card details again."}},
	{ID: "check_recipient_details",
		Develop: []string{"Can you check the recipient's account details are correct?", "Please verify the beneficiary details on the transfer.", "Could you confirm the account number you sent the money to?"}},
	{ID: "raise_refund",
		Develop: []string{"I have requested a refund for you.", "I've raised a refund request for that charge.", "I have asked for that amount to be refunded."}},
	{ID: "dispute_charge",
		Develop: []string{"I have opened a dispute for that charge.", "Please dispute the transaction from the transaction details screen.", "I've filed a chargeback with the merchant."}},
	{ID: "top_up_balance",
		Develop: []string{"Please top up your account balance and retry.", "Could you add money to your account first?", "Can you top up your balance and try again?"}},
	{ID: "clear_cache",
		Develop: []string{"Please clear the app cache and try again.", "Could you clear the cache of the app?", "Try clearing your app's cache."}},
	{ID: "enable_online_payments",
		Develop: []string{"Please enable online payments in your card settings.", "Could you turn on online payments in the app?", "Try switching on online payments for your card."}},
	{ID: "update_address",
		Develop: []string{"Please update your address in your profile.", "Could you change your address in the settings?", "I have updated the address on your account."}},
	{ID: "resend_verification_email",
		Develop: []string{"I have resent the verification email.", "Please request a new confirmation email from the app.", "I've sent you another verification link."}},
	{ID: "unlock_account",
		Develop: []string{"I have unlocked your account, you can log in again.", "Please unlock your account with the link we emailed you.", "I've removed the lock on your account after the failed attempts."}},
	{ID: "update_phone_number",
		Develop: []string{"Please update your phone number in your profile.", "Could you change the mobile number on your account?", "I have updated your phone number."}},
	{ID: "send_statement",
		Develop: []string{"I have emailed you the statement.", "Please download the statement from the Documents section.", "I've sent a copy of your statement to your email."}},
	{ID: "cancel_pending_payment",
		Develop: []string{"I have cancelled the pending payment.", "Please cancel the payment while it is still pending.", "I've stopped that payment before it went out."}},
	{ID: "raise_limit",
		Develop: []string{"I have raised your limit.", "Please increase the limit in your card settings.", "I've increased your daily limit for you."}},
	{ID: "change_pin",
		Develop: []string{"Please change your PIN at any ATM.", "Could you set a new PIN in the app?", "I have reset your PIN, the new one is on its way."}},
	{ID: "reset_security_questions",
		Develop: []string{"I have reset your security questions.", "Please set new security questions in your profile.", "Could you choose new security questions?"}},
	{ID: "send_document",
		Develop: []string{"I have emailed you the document.", "Please download the document from your account.", "I've sent the document to your email address."}},
	{ID: "book_appointment",
		Develop: []string{"I have booked you an appointment with an adviser.", "Please book an appointment from the website.", "I've scheduled a meeting at your branch."}},
	{ID: "escalate_specialist", Escalation: true,
		Develop: []string{"I'm escalating this to our specialist team, they will contact you.", "I've passed this to a senior colleague who will get back to you.", "Let me forward this to the specialist team."}},
	{ID: "escalate_fraud_team", Escalation: true,
		Develop: []string{"I'm transferring you to our fraud team.", "I've reported this to the fraud department, they will reach out.", "Let me pass this to our fraud specialists."}},
	{ID: "escalate_technical", Escalation: true,
		Develop: []string{"I've raised a ticket with our technical team.", "I'm escalating this to our engineers.", "Let me open a case with the tech team."}},
}

// talk is the wording of everything but the actions, per pool.
type talk struct {
	success, failure             []string // plain reactions to a fix
	hedgedSuccess, hedgedFailure []string // reactions that hesitate first
	handedOver                   []string // reactions to an escalation
	greetings, asks, answers     []string // the agent's opening, information requests, user answers
	closings, farewells          []string // after a fix worked
}

// developTalk is the develop pool's wording of everything but the actions.
var developTalk = talk{
	success:       []string{"That worked, thank you!", "Yes, it's going through now.", "Perfect, all sorted.", "Great, that did it.", "It works now, cheers.", "Okay, that fixed it.", "Brilliant, the problem is gone.", "Yep, working fine now."},
	failure:       []string{"Still not working.", "That didn't help, same error.", "Nope, still the same.", "I tried that but it still fails.", "No luck, same problem.", "It's still not going through.", "Doesn't work either.", "Same issue, unfortunately."},
	hedgedSuccess: []string{"Hmm, I think that worked? Yes, it looks fine now.", "Let me check... okay, it seems to be working now.", "Not sure yet... oh wait, yes, it's done."},
	hedgedFailure: []string{"I'm not sure, it still seems stuck.", "Maybe? No, actually it's still showing the same error.", "Hmm, I don't think that changed anything."},
	handedOver:    []string{"Okay, I'll wait to hear from them.", "Fine, please pass it on."},
	greetings:     []string{"Hi, thanks for reaching out. I'm sorry to hear about this.", "Hello! I can help you with that.", "Thanks for contacting us, let me take a look."},
	asks:          []string{"Could you tell me the last four digits of your card?", "Can you confirm the email address on your account?", "What is the date of the transaction?", "Could you give me your date of birth for security?"},
	answers:       []string{"Sure, it's 4417.", "It's jane.doe@example.com.", "It was last Tuesday.", "12 March 1988."},
	closings:      []string{"Glad I could help! Anything else?", "Great to hear. Is there anything else I can do?"},
	farewells:     []string{"No, that's all, thanks.", "Nothing else, bye."},
}
