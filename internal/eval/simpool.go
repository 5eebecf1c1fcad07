package eval

// The wording of the recommendation simulation, in two pools written
// together before any result was seen: the develop pool, on which the
// engine may be tuned, and the report pool, whose figures are the ones
// reported. The pools share no phrasing: an engine that learned the
// develop wording by heart gains nothing on the report pool.

// Pool names a set of wordings.
type Pool string

// The two pools.
const (
	PoolDevelop Pool = "develop"
	PoolReport  Pool = "report"
)

// ParsePool checks a pool name.
func ParsePool(s string) (Pool, bool) {
	switch Pool(s) {
	case PoolDevelop, PoolReport:
		return Pool(s), true
	}
	return "", false
}

// Action is a support action of the simulation, with the ways an agent
// says it in each pool.
type Action struct {
	ID string
	// Escalation marks a hand-over to another team: never a fix, and
	// never the best action.
	Escalation bool
	Develop    []string
	Report     []string
}

// Phrasings are the action's wordings in a pool.
func (a Action) Phrasings(p Pool) []string {
	if p == PoolReport {
		return a.Report
	}
	return a.Develop
}

// simActions are the actions intents draw their candidates from.
var simActions = []Action{
	{ID: "order_replacement_card",
		Develop: []string{"I have ordered a replacement card for you, it should arrive within 5 working days.", "Please order a new card from the Cards tab in the app.", "I've requested a new card to be sent to your address."},
		Report:  []string{"A replacement card is on its way to you now.", "You can request a fresh card under Card settings, then Replace card.", "I've arranged for a new card to be issued and posted to you."}},
	{ID: "freeze_card",
		Develop: []string{"I have frozen your card so nobody can use it.", "Please freeze the card in the app straight away.", "I've put a temporary block on your card."},
		Report:  []string{"Your card is now locked, no payments can go through on it.", "Tap Lock card in the app to stop any use of it.", "I've suspended the card for now to keep your money safe."}},
	{ID: "unfreeze_card",
		Develop: []string{"I have unfrozen your card, please try again.", "Please unfreeze the card under card settings.", "I've removed the block from your card."},
		Report:  []string{"The lock on your card has been lifted, give it another go.", "Switch off Lock card in the app and retry.", "I've reactivated the card for you."}},
	{ID: "reset_password",
		Develop: []string{"I have sent you a password reset link.", "Please reset your password from the login screen.", "Could you try resetting your password?"},
		Report:  []string{"Use Forgot password on the sign-in page to choose a new one.", "A link to set a new password is in your inbox now.", "I've cleared your old password, you'll get an email to create a new one."}},
	{ID: "check_card_expiry",
		Develop: []string{"Can you check whether your card has expired?", "Please verify the expiry date on your card.", "Could you confirm your card is still valid?"},
		Report:  []string{"What does the valid-thru date on the front of the card say?", "It may be out of date, have a look at the date printed on the card.", "Make sure the card hasn't passed its end date."}},
	{ID: "contact_issuer",
		Develop: []string{"Please contact your bank to ask why they blocked it.", "Could you call your card issuer and ask them to allow the payment?", "I suggest reaching out to your bank about this."},
		Report:  []string{"Give the bank that issued the card a ring, they are the ones declining it.", "The number on the back of your card will get you to the issuer, they can approve it.", "Your issuer has to lift that restriction, so a quick call to them is the way."}},
	{ID: "update_app",
		Develop: []string{"Please update the app to the latest version.", "Could you install the latest update of the app?", "Try updating the app and then retry."},
		Report:  []string{"Head to the app store and get the newest release of our app.", "You're on an old version, installing the current one should sort it.", "Download the latest version from the store and open it again."}},
	{ID: "reinstall_app",
		Develop: []string{"Please uninstall the app and install it again.", "Could you reinstall the app?", "Try deleting the app and reinstalling it."},
		Report:  []string{"Remove the app from your phone, then download it fresh.", "A clean install usually helps: delete it and get it again from the store.", "Take the app off the device and put it back on."}},
	{ID: "verify_identity",
		Develop: []string{"Please verify your identity in the app with a photo of your ID.", "Could you complete the identity verification?", "Can you upload your ID so we can verify your identity?"},
		Report:  []string{"We need a picture of your passport or driving licence and a selfie, the app will guide you.", "Go through the ID check under Profile, then Security.", "Send us a scan of your photo ID so we can confirm it's you."}},
	{ID: "wait_processing",
		Develop: []string{"Please wait 24 hours, it can take a day to process.", "Could you wait until tomorrow? It is still processing.", "Can you give it a day? It is still pending."},
		Report:  []string{"These normally clear within one business day, so check back tomorrow.", "It's in the queue on our side, allow up to 48 hours.", "Nothing is wrong, it just needs a little longer to go through."}},
	{ID: "reenter_card_details",
		Develop: []string{"Please re-enter your card details carefully.", "Could you enter the card number again?", "Try typing the card details again."},
		Report:  []string{"Delete the saved card and add it once more, double-checking the CVV.", "It looks like a digit was mistyped, put the number in again.", "Remove the card from the merchant's page and key it in afresh."}},
	{ID: "check_recipient_details",
		Develop: []string{"Can you check the recipient's account details are correct?", "Please verify the beneficiary details on the transfer.", "Could you confirm the account number you sent the money to?"},
		Report:  []string{"Compare the IBAN and sort code you used with what the payee gave you.", "The payee's details may be off, look them over against their invoice.", "Have a look at who the money was addressed to, the name must match their account."}},
	{ID: "raise_refund",
		Develop: []string{"I have requested a refund for you.", "I've raised a refund request for that charge.", "I have asked for that amount to be refunded."},
		Report:  []string{"The money has been sent back to your account from our side.", "I've put through a reimbursement of that charge.", "That fee will be returned to you, I've processed it now."}},
	{ID: "dispute_charge",
		Develop: []string{"I have opened a dispute for that charge.", "Please dispute the transaction from the transaction details screen.", "I've filed a chargeback with the merchant."},
		Report:  []string{"I've lodged a formal claim against the merchant on your behalf.", "Tap the payment, then Report a problem, and pick that you didn't receive the goods.", "We're challenging that payment with the retailer now."}},
	{ID: "top_up_balance",
		Develop: []string{"Please top up your account balance and retry.", "Could you add money to your account first?", "Can you top up your balance and try again?"},
		Report:  []string{"There aren't enough funds on the account, load some money onto it.", "Move some cash in from your other account and then retry.", "Your balance is too low for that, fund the account first."}},
	{ID: "clear_cache",
		Develop: []string{"Please clear the app cache and try again.", "Could you clear the cache of the app?", "Try clearing your app's cache."},
		Report:  []string{"Go to your phone's settings, find our app and wipe its stored data.", "Empty the app's temporary files under Storage.", "Delete the app data from the phone settings and sign in again."}},
	{ID: "enable_online_payments",
		Develop: []string{"Please enable online payments in your card settings.", "Could you turn on online payments in the app?", "Try switching on online payments for your card."},
		Report:  []string{"Internet purchases are off on that card, flip the toggle under Security.", "Allow e-commerce transactions for the card and try the checkout again.", "Your card is set to refuse web shops, change that in the card controls."}},
	{ID: "update_address",
		Develop: []string{"Please update your address in your profile.", "Could you change your address in the settings?", "I have updated the address on your account."},
		Report:  []string{"Edit where you live under Personal details.", "The postcode we hold is outdated, put in the new one in the app.", "I've saved your new home location on file."}},
	{ID: "resend_verification_email",
		Develop: []string{"I have resent the verification email.", "Please request a new confirmation email from the app.", "I've sent you another verification link."},
		Report:  []string{"A fresh confirmation message should land in your inbox in a minute, check spam too.", "Ask for another activation link on the sign-up screen.", "I've triggered a new email for you to confirm your address."}},
	{ID: "unlock_account",
		Develop: []string{"I have unlocked your account, you can log in again.", "Please unlock your account with the link we emailed you.", "I've removed the lock on your account after the failed attempts."},
		Report:  []string{"Your profile was suspended after too many wrong tries, it's open again now.", "Follow the restore access link we sent and you'll be able to sign in.", "Access has been restored on our end."}},
	{ID: "update_phone_number",
		Develop: []string{"Please update your phone number in your profile.", "Could you change the mobile number on your account?", "I have updated your phone number."},
		Report:  []string{"The mobile we have on file is old, put the current one in under Contact details.", "I've swapped the number we text codes to.", "Add your new mobile in Settings and remove the old one."}},
	{ID: "send_statement",
		Develop: []string{"I have emailed you the statement.", "Please download the statement from the Documents section.", "I've sent a copy of your statement to your email."},
		Report:  []string{"The PDF for that month is now in your inbox.", "You'll find every monthly summary as a PDF under Documents, then Statements.", "I've posted a paper copy of the summary to you."}},
	{ID: "cancel_pending_payment",
		Develop: []string{"I have cancelled the pending payment.", "Please cancel the payment while it is still pending.", "I've stopped that payment before it went out."},
		Report:  []string{"The outgoing transaction has been called off, it won't leave your account.", "Open the scheduled payment and hit Stop.", "I've reversed that instruction so the money stays with you."}},
	{ID: "raise_limit",
		Develop: []string{"I have raised your limit.", "Please increase the limit in your card settings.", "I've increased your daily limit for you."},
		Report:  []string{"Your maximum per day is higher now, try the amount again.", "Move the spending cap slider up under Limits.", "I've lifted the ceiling on your account so it will go through."}},
	{ID: "change_pin",
		Develop: []string{"Please change your PIN at any ATM.", "Could you set a new PIN in the app?", "I have reset your PIN, the new one is on its way."},
		Report:  []string{"Pick a fresh four-digit code under Card settings, then View PIN.", "Any cash machine lets you choose another code for the card.", "A new secret number for the card has been generated, you'll get it by post."}},
	{ID: "reset_security_questions",
		Develop: []string{"I have reset your security questions.", "Please set new security questions in your profile.", "Could you choose new security questions?"},
		Report:  []string{"Your memorable answers are wiped, you'll be asked to pick new ones at sign in.", "Go to Security and replace the secret answers.", "I've cleared the recovery questions on file."}},
	{ID: "send_document",
		Develop: []string{"I have emailed you the document.", "Please download the document from your account.", "I've sent the document to your email address."},
		Report:  []string{"The paperwork you asked for is attached to a message in your inbox.", "It's under My files in the portal as a PDF.", "A copy of that certificate is on its way by post."}},
	{ID: "book_appointment",
		Develop: []string{"I have booked you an appointment with an adviser.", "Please book an appointment from the website.", "I've scheduled a meeting at your branch."},
		Report:  []string{"You're down for a slot with one of our consultants on Thursday.", "Pick a time that suits you on the online calendar and someone will see you.", "A branch visit is arranged, you'll get a reminder the day before."}},
	{ID: "escalate_specialist", Escalation: true,
		Develop: []string{"I'm escalating this to our specialist team, they will contact you.", "I've passed this to a senior colleague who will get back to you.", "Let me forward this to the specialist team."},
		Report:  []string{"This needs our second-line team, I've handed your case over to them.", "I'm referring you to an expert who deals with these cases, expect a call.", "Your case is now with the back-office team, they'll be in touch."}},
	{ID: "escalate_fraud_team", Escalation: true,
		Develop: []string{"I'm transferring you to our fraud team.", "I've reported this to the fraud department, they will reach out.", "Let me pass this to our fraud specialists."},
		Report:  []string{"Our security investigations unit will take it from here.", "I've flagged the case for the team that handles suspicious activity.", "This goes to the people who look into unauthorised use, they'll contact you."}},
	{ID: "escalate_technical", Escalation: true,
		Develop: []string{"I've raised a ticket with our technical team.", "I'm escalating this to our engineers.", "Let me open a case with the tech team."},
		Report:  []string{"Our developers need to look at this, I've logged it for them.", "I've sent a bug report to the IT department on your behalf.", "The systems team has your case now and will follow up."}},
}

// talk is the wording of everything but the actions, per pool.
type talk struct {
	success, failure             []string // plain reactions to a fix
	hedgedSuccess, hedgedFailure []string // reactions that hesitate first
	handedOver                   []string // reactions to an escalation
	greetings, asks, answers     []string // the agent's opening, information requests, user answers
	closings, farewells          []string // after a fix worked
}

var talks = map[Pool]talk{
	PoolDevelop: {
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
	},
	PoolReport: {
		success:       []string{"That did the trick, thanks a lot.", "It went through this time.", "All good on my end now.", "Wonderful, it's fine now.", "Just tried again and it worked!", "Sorted, thank you so much.", "Yes! Problem solved.", "That was it, everything's back to normal."},
		failure:       []string{"Nope, same problem.", "Still broken, unfortunately.", "I tried that already and nothing changed.", "Hmm, no difference at all.", "That made no difference.", "Didn't fix it, I'm afraid.", "I'm still stuck.", "It keeps failing."},
		hedgedSuccess: []string{"Give me a sec... right, looks like it went through.", "I guess that did it, it seems okay now.", "Hold on... yes, that seems to have fixed it."},
		hedgedFailure: []string{"Not really, it looks the same to me.", "I don't think so, nothing has changed.", "Um, I'd say it's still broken."},
		handedOver:    []string{"Alright, I'll keep an eye out for their call.", "Sure, thanks for passing it along."},
		greetings:     []string{"Good morning, happy to look into this for you.", "Hi there, sorry you're dealing with this. Let's get it sorted.", "Thanks for your patience, I'm on it."},
		asks:          []string{"May I have the reference number of the transaction?", "Which device are you using?", "Can you confirm your full name and postcode, please?", "When did this first happen?"},
		answers:       []string{"The reference is TX-88213.", "An Android phone.", "Alex Morgan, SW1A 2AA.", "Since yesterday evening."},
		closings:      []string{"Happy to help, have a good day!", "Lovely, anything more I can help with today?"},
		farewells:     []string{"You too, bye.", "No, I'm all set."},
	},
}
