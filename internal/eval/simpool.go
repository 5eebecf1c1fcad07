package eval

// The wording of the recommendation simulation, in three pools. The
// develop pool, on which the engine may be tuned, and the report pool,
// whose figures are the ones reported, were written together before any
// result was seen. Parts of the report pool were later seen while the
// engine was developed, so a third, fresh pool was written afterwards by
// someone who did not tune the engine, before any run on it, to stay
// blind. The pools share no phrasing: an engine that learned one pool's
// wording by heart gains nothing on another.

// Pool names a set of wordings.
type Pool string

// The three pools.
const (
	PoolDevelop Pool = "develop"
	PoolReport  Pool = "report"
	PoolFresh   Pool = "fresh"
)

// ParsePool checks a pool name.
func ParsePool(s string) (Pool, bool) {
	switch Pool(s) {
	case PoolDevelop, PoolReport, PoolFresh:
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
	Fresh      []string
}

// Phrasings are the action's wordings in a pool.
func (a Action) Phrasings(p Pool) []string {
	switch p {
	case PoolReport:
		return a.Report
	case PoolFresh:
		return a.Fresh
	}
	return a.Develop
}

// simActions are the actions intents draw their candidates from.
var simActions = []Action{
	{ID: "order_replacement_card",
		Develop: []string{"I have ordered a replacement card for you, it should arrive within 5 working days.", "Please order a new card from the Cards tab in the app.", "I've requested a new card to be sent to your address."},
		Report:  []string{"A replacement card is on its way to you now.", "You can request a fresh card under Card settings, then Replace card.", "I've arranged for a new card to be issued and posted to you."},
		Fresh:   []string{"I've put in an order for a new card, expect it in the post within a week.", "could you order a replacement from the card menu in the app? it only takes a minute", "A new card has been dispatched to the address on your account; the old one stops working once you activate it."}},
	{ID: "freeze_card",
		Develop: []string{"I have frozen your card so nobody can use it.", "Please freeze the card in the app straight away.", "I've put a temporary block on your card."},
		Report:  []string{"Your card is now locked, no payments can go through on it.", "Tap Lock card in the app to stop any use of it.", "I've suspended the card for now to keep your money safe."},
		Fresh:   []string{"Could you pause the card from the app while we look into this?", "I'll block the card right now so no one else can spend on it.", "your card has been put on hold, nothing will be approved on it until you say so"}},
	{ID: "unfreeze_card",
		Develop: []string{"I have unfrozen your card, please try again.", "Please unfreeze the card under card settings.", "I've removed the block from your card."},
		Report:  []string{"The lock on your card has been lifted, give it another go.", "Switch off Lock card in the app and retry.", "I've reactivated the card for you."},
		Fresh:   []string{"I've taken the hold off your card, it should be usable again.", "Could you turn the card back on under Manage card and then retry the purchase?", "The card has been switched back on at our end, so payments should be accepted again."}},
	{ID: "reset_password",
		Develop: []string{"I have sent you a password reset link.", "Please reset your password from the login screen.", "Could you try resetting your password?"},
		Report:  []string{"Use Forgot password on the sign-in page to choose a new one.", "A link to set a new password is in your inbox now.", "I've cleared your old password, you'll get an email to create a new one."},
		Fresh:   []string{"Could you tap 'Trouble signing in?' and follow the steps to pick a new password?", "I'll email you a one-time link so you can set a different password.", "your password has been wiped, check your email for the link to choose a new one"}},
	{ID: "check_card_expiry",
		Develop: []string{"Can you check whether your card has expired?", "Please verify the expiry date on your card.", "Could you confirm your card is still valid?"},
		Report:  []string{"What does the valid-thru date on the front of the card say?", "It may be out of date, have a look at the date printed on the card.", "Make sure the card hasn't passed its end date."},
		Fresh:   []string{"Could you look at the expiration date on the card and tell me if it has already gone by?", "Please check the month and year shown on your card; once that's passed, the card stops working.", "I'd like you to confirm the card hasn't run out, the date is just under the long number."}},
	{ID: "contact_issuer",
		Develop: []string{"Please contact your bank to ask why they blocked it.", "Could you call your card issuer and ask them to allow the payment?", "I suggest reaching out to your bank about this."},
		Report:  []string{"Give the bank that issued the card a ring, they are the ones declining it.", "The number on the back of your card will get you to the issuer, they can approve it.", "Your issuer has to lift that restriction, so a quick call to them is the way."},
		Fresh:   []string{"Could you phone the bank that gave you the card? The refusal is coming from them, not us.", "I'd recommend speaking to your card provider directly so they can authorise the payment.", "It's your card's own bank blocking it, so you'll need to get in touch with them and ask them to let it through."}},
	{ID: "update_app",
		Develop: []string{"Please update the app to the latest version.", "Could you install the latest update of the app?", "Try updating the app and then retry."},
		Report:  []string{"Head to the app store and get the newest release of our app.", "You're on an old version, installing the current one should sort it.", "Download the latest version from the store and open it again."},
		Fresh:   []string{"Could you check the store for an update to the app? Older versions have this bug.", "I'd upgrade the app to the newest version first, then try again.", "please get the latest app version, the one you have is no longer supported"}},
	{ID: "reinstall_app",
		Develop: []string{"Please uninstall the app and install it again.", "Could you reinstall the app?", "Try deleting the app and reinstalling it."},
		Report:  []string{"Remove the app from your phone, then download it fresh.", "A clean install usually helps: delete it and get it again from the store.", "Take the app off the device and put it back on."},
		Fresh:   []string{"Could you delete the app, restart your phone and then install it again from the store?", "I'd remove the app completely and set it up again from scratch, your data is kept on our side.", "uninstalling and installing it again usually clears whatever has got stuck, could you do that?"}},
	{ID: "verify_identity",
		Develop: []string{"Please verify your identity in the app with a photo of your ID.", "Could you complete the identity verification?", "Can you upload your ID so we can verify your identity?"},
		Report:  []string{"We need a picture of your passport or driving licence and a selfie, the app will guide you.", "Go through the ID check under Profile, then Security.", "Send us a scan of your photo ID so we can confirm it's you."},
		Fresh:   []string{"Could you confirm who you are by uploading a photo of your passport or ID card in the app?", "I'll need you to complete our ID check before I can go further; it asks for a document and a quick selfie video.", "Your account is waiting on identity confirmation, please finish the verification steps in the app."}},
	{ID: "wait_processing",
		Develop: []string{"Please wait 24 hours, it can take a day to process.", "Could you wait until tomorrow? It is still processing.", "Can you give it a day? It is still pending."},
		Report:  []string{"These normally clear within one business day, so check back tomorrow.", "It's in the queue on our side, allow up to 48 hours.", "Nothing is wrong, it just needs a little longer to go through."},
		Fresh:   []string{"Could you give it another day or so? Payments like this sometimes take a while to settle.", "It's being processed at the moment, please allow two to three working days before it shows.", "I'd hold off for now, it should complete on its own by tomorrow morning."}},
	{ID: "reenter_card_details",
		Develop: []string{"Please re-enter your card details carefully.", "Could you enter the card number again?", "Try typing the card details again."},
		Report:  []string{"Delete the saved card and add it once more, double-checking the CVV.", "It looks like a digit was mistyped, put the number in again.", "Remove the card from the merchant's page and key it in afresh."},
		Fresh:   []string{"Could you type everything in again, the long number, the expiry and the three digits on the back?", "I'd remove the stored card and add it back, making sure each digit is right.", "the details seem to have been entered wrongly, please fill them in again"}},
	{ID: "check_recipient_details",
		Develop: []string{"Can you check the recipient's account details are correct?", "Please verify the beneficiary details on the transfer.", "Could you confirm the account number you sent the money to?"},
		Report:  []string{"Compare the IBAN and sort code you used with what the payee gave you.", "The payee's details may be off, look them over against their invoice.", "Have a look at who the money was addressed to, the name must match their account."},
		Fresh:   []string{"Could you double-check the account number and name of the person you're paying?", "Please confirm the payee's bank details with them, one wrong digit sends the transfer back.", "It's worth checking with whoever you're paying that the sort code and account number you used are theirs."}},
	{ID: "raise_refund",
		Develop: []string{"I have requested a refund for you.", "I've raised a refund request for that charge.", "I have asked for that amount to be refunded."},
		Report:  []string{"The money has been sent back to your account from our side.", "I've put through a reimbursement of that charge.", "That fee will be returned to you, I've processed it now."},
		Fresh:   []string{"I've started a refund for that payment, it'll be back in your account in 3-5 days.", "I'll arrange for that charge to be paid back to you today.", "A refund has been issued for the amount, you should see it credited shortly."}},
	{ID: "dispute_charge",
		Develop: []string{"I have opened a dispute for that charge.", "Please dispute the transaction from the transaction details screen.", "I've filed a chargeback with the merchant."},
		Report:  []string{"I've lodged a formal claim against the merchant on your behalf.", "Tap the payment, then Report a problem, and pick that you didn't receive the goods.", "We're challenging that payment with the retailer now."},
		Fresh:   []string{"Could you raise a dispute on that payment from the transaction screen? Choose 'I don't recognise this'.", "I've challenged the charge with the card network for you, they'll contact the merchant.", "I'll contest that transaction with the seller on your behalf; it can take a few weeks."}},
	{ID: "top_up_balance",
		Develop: []string{"Please top up your account balance and retry.", "Could you add money to your account first?", "Can you top up your balance and try again?"},
		Report:  []string{"There aren't enough funds on the account, load some money onto it.", "Move some cash in from your other account and then retry.", "Your balance is too low for that, fund the account first."},
		Fresh:   []string{"Could you add some funds to your account and then try the payment again?", "Transfer a bit of money in first, the balance isn't enough for that amount.", "I'd put some money into the account by card or bank transfer, then retry once it shows."}},
	{ID: "clear_cache",
		Develop: []string{"Please clear the app cache and try again.", "Could you clear the cache of the app?", "Try clearing your app's cache."},
		Report:  []string{"Go to your phone's settings, find our app and wipe its stored data.", "Empty the app's temporary files under Storage.", "Delete the app data from the phone settings and sign in again."},
		Fresh:   []string{"Could you clear the app's cached files in your phone settings and reopen it?", "I'd wipe the cache for the app under Apps > Storage, it won't delete your account.", "please try clearing cached data for our app, old files sometimes cause this"}},
	{ID: "enable_online_payments",
		Develop: []string{"Please enable online payments in your card settings.", "Could you turn on online payments in the app?", "Try switching on online payments for your card."},
		Report:  []string{"Internet purchases are off on that card, flip the toggle under Security.", "Allow e-commerce transactions for the card and try the checkout again.", "Your card is set to refuse web shops, change that in the card controls."},
		Fresh:   []string{"Could you switch on internet payments for the card in the security settings?", "Online shopping is disabled on your card; I'd turn it on in the app, then try the checkout again.", "I've enabled online transactions on your card, so web purchases should go through now."}},
	{ID: "update_address",
		Develop: []string{"Please update your address in your profile.", "Could you change your address in the settings?", "I have updated the address on your account."},
		Report:  []string{"Edit where you live under Personal details.", "The postcode we hold is outdated, put in the new one in the app.", "I've saved your new home location on file."},
		Fresh:   []string{"Could you pop your new address into the app? It's under Profile, Personal info.", "I've amended the address on your account to the new one you gave me.", "Your address has been updated in our records, future post will go there."}},
	{ID: "resend_verification_email",
		Develop: []string{"I have resent the verification email.", "Please request a new confirmation email from the app.", "I've sent you another verification link."},
		Report:  []string{"A fresh confirmation message should land in your inbox in a minute, check spam too.", "Ask for another activation link on the sign-up screen.", "I've triggered a new email for you to confirm your address."},
		Fresh:   []string{"I've sent the confirmation email again, it might take a few minutes to arrive.", "Could you request another verification email from the login page? The first one has expired.", "A new verification link has been emailed to you; please check junk mail as well."}},
	{ID: "unlock_account",
		Develop: []string{"I have unlocked your account, you can log in again.", "Please unlock your account with the link we emailed you.", "I've removed the lock on your account after the failed attempts."},
		Report:  []string{"Your profile was suspended after too many wrong tries, it's open again now.", "Follow the restore access link we sent and you'll be able to sign in.", "Access has been restored on our end."},
		Fresh:   []string{"I've unblocked your login, you can sign in again now.", "Your account was locked after several failed attempts, it has been reopened for you.", "Could you use the unlock link in the email we sent and then sign in again?"}},
	{ID: "update_phone_number",
		Develop: []string{"Please update your phone number in your profile.", "Could you change the mobile number on your account?", "I have updated your phone number."},
		Report:  []string{"The mobile we have on file is old, put the current one in under Contact details.", "I've swapped the number we text codes to.", "Add your new mobile in Settings and remove the old one."},
		Fresh:   []string{"Could you update the mobile number under Profile so the codes reach your new phone?", "I've changed the phone number on your account to the one you just gave me.", "your phone number has been updated, the next security code will go to the new number"}},
	{ID: "send_statement",
		Develop: []string{"I have emailed you the statement.", "Please download the statement from the Documents section.", "I've sent a copy of your statement to your email."},
		Report:  []string{"The PDF for that month is now in your inbox.", "You'll find every monthly summary as a PDF under Documents, then Statements.", "I've posted a paper copy of the summary to you."},
		Fresh:   []string{"I've emailed your account statement for that period as a PDF.", "Could you export the statement yourself from the app's account history screen?", "Your statement has been sent to the email on your account."}},
	{ID: "cancel_pending_payment",
		Develop: []string{"I have cancelled the pending payment.", "Please cancel the payment while it is still pending.", "I've stopped that payment before it went out."},
		Report:  []string{"The outgoing transaction has been called off, it won't leave your account.", "Open the scheduled payment and hit Stop.", "I've reversed that instruction so the money stays with you."},
		Fresh:   []string{"I've withdrawn the payment before it settled, so the funds remain in your account.", "Could you cancel it yourself under Upcoming payments before it leaves tonight?", "The payment has been cancelled and won't be sent."}},
	{ID: "raise_limit",
		Develop: []string{"I have raised your limit.", "Please increase the limit in your card settings.", "I've increased your daily limit for you."},
		Report:  []string{"Your maximum per day is higher now, try the amount again.", "Move the spending cap slider up under Limits.", "I've lifted the ceiling on your account so it will go through."},
		Fresh:   []string{"I've bumped up your spending limit so you can try the amount again.", "Could you set a higher limit for the card in the app and retry?", "Your withdrawal limit has been increased for today."}},
	{ID: "change_pin",
		Develop: []string{"Please change your PIN at any ATM.", "Could you set a new PIN in the app?", "I have reset your PIN, the new one is on its way."},
		Report:  []string{"Pick a fresh four-digit code under Card settings, then View PIN.", "Any cash machine lets you choose another code for the card.", "A new secret number for the card has been generated, you'll get it by post."},
		Fresh:   []string{"Could you go to Card, then Security code, and pick a PIN you'll remember?", "I'd change your PIN at a cashpoint, it takes effect straight away.", "Your PIN has been changed, the new number will arrive in a separate letter."}},
	{ID: "reset_security_questions",
		Develop: []string{"I have reset your security questions.", "Please set new security questions in your profile.", "Could you choose new security questions?"},
		Report:  []string{"Your memorable answers are wiped, you'll be asked to pick new ones at sign in.", "Go to Security and replace the secret answers.", "I've cleared the recovery questions on file."},
		Fresh:   []string{"I've wiped your security questions, you can set new ones next time you log in.", "Could you set up a new set of security questions under Settings, then Login and security?", "Your security questions have been reset, please choose fresh answers you'll remember."}},
	{ID: "send_document",
		Develop: []string{"I have emailed you the document.", "Please download the document from your account.", "I've sent the document to your email address."},
		Report:  []string{"The paperwork you asked for is attached to a message in your inbox.", "It's under My files in the portal as a PDF.", "A copy of that certificate is on its way by post."},
		Fresh:   []string{"I've emailed the letter you asked for, it's attached as a PDF.", "Could you grab a copy yourself from the Paperwork tab when you sign in online?", "That letter has gone out to the email we hold for you."}},
	{ID: "book_appointment",
		Develop: []string{"I have booked you an appointment with an adviser.", "Please book an appointment from the website.", "I've scheduled a meeting at your branch."},
		Report:  []string{"You're down for a slot with one of our consultants on Thursday.", "Pick a time that suits you on the online calendar and someone will see you.", "A branch visit is arranged, you'll get a reminder the day before."},
		Fresh:   []string{"I've booked you in with an adviser for Friday at 10am, you'll get a confirmation email.", "Could you pick a time in the app's Appointments section? An adviser will call you then.", "An appointment has been made for you at your nearest branch."}},
	{ID: "escalate_specialist", Escalation: true,
		Develop: []string{"I'm escalating this to our specialist team, they will contact you.", "I've passed this to a senior colleague who will get back to you.", "Let me forward this to the specialist team."},
		Report:  []string{"This needs our second-line team, I've handed your case over to them.", "I'm referring you to an expert who deals with these cases, expect a call.", "Your case is now with the back-office team, they'll be in touch."},
		Fresh:   []string{"I'm handing this over to a colleague on the specialist desk; expect a reply within two working days.", "This is beyond what I can do from here, so I've referred it to a senior specialist.", "Your case has been escalated to the complaints and specialist team; they'll email you."}},
	{ID: "escalate_fraud_team", Escalation: true,
		Develop: []string{"I'm transferring you to our fraud team.", "I've reported this to the fraud department, they will reach out.", "Let me pass this to our fraud specialists."},
		Report:  []string{"Our security investigations unit will take it from here.", "I've flagged the case for the team that handles suspicious activity.", "This goes to the people who look into unauthorised use, they'll contact you."},
		Fresh:   []string{"I'm passing this straight to our fraud team, please don't use the card until they call.", "This looks like fraud, so I've handed it to the fraud prevention team to investigate.", "Your case has been referred to our fraud investigators, they'll be in touch today."}},
	{ID: "escalate_technical", Escalation: true,
		Develop: []string{"I've raised a ticket with our technical team.", "I'm escalating this to our engineers.", "Let me open a case with the tech team."},
		Report:  []string{"Our developers need to look at this, I've logged it for them.", "I've sent a bug report to the IT department on your behalf.", "The systems team has your case now and will follow up."},
		Fresh:   []string{"I've logged this with our technical support team so they can investigate.", "This looks like a fault on our side, I'm escalating it to the engineering team.", "Your issue has been passed to technical support, they'll update you by email."}},
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
	PoolFresh: {
		success:       []string{"Yes, it's working now, thanks!", "Brilliant, that's fixed it.", "Perfect, that's done the job.", "Just tried it and it worked, cheers.", "ok that sorted it, thanks", "Great news, it's all working again.", "That fixed it, much appreciated.", "Done, everything's fine now."},
		failure:       []string{"No, it still isn't working.", "Tried it, same error as before.", "That hasn't changed anything, it still fails.", "still no good on my side, sorry", "Nope, it's still doing the same thing.", "Unfortunately that didn't work either.", "No, I still get the error.", "It's still broken after doing that."},
		hedgedSuccess: []string{"Erm, one moment... yes, it's working now.", "I think so? Let me refresh... yes, it's gone through.", "Possibly... actually yes, that fixed it."},
		hedgedFailure: []string{"Hmm, hang on... no, still the same error.", "I'm not certain... no, it still isn't working.", "Maybe, let me try... nope, it's failing again."},
		handedOver:    []string{"OK, I'll wait for them to get in touch.", "Thanks, I'll look out for their email."},
		greetings:     []string{"Hello, thanks for getting in touch. Let me see what I can do.", "Hi, I'm sorry you're having trouble with this, I'll help.", "Hey there, thanks for messaging us about this."},
		asks:          []string{"Could you tell me roughly what time you tried the payment?", "Which card or account was this with?", "What error message do you see on the screen?", "Can I take the first line of your address for security?"},
		answers:       []string{"About 3pm today.", "My debit card ending 0921.", "It just says transaction failed.", "14 Elm Road."},
		closings:      []string{"Glad that's working again. Can I help with anything else while you're here?", "Good to hear it's sorted. Anything else today?"},
		farewells:     []string{"That's everything, thank you.", "no that's it, thanks for your help"},
	},
}
