package eval

// The wording of the recommendation simulation, in nine pools. The
// develop pool, on which the engine may be tuned, and the report pool,
// whose figures are the ones reported, were written together before any
// result was seen. Parts of the report pool were later seen while the
// engine was developed, so a third, fresh pool was written afterwards by
// someone who did not tune the engine, before any run on it, to stay
// blind. That pool's figures were then read while the engine was worked
// on, so a fourth, blind pool was written the same way, before any engine
// change or run on it; it is run only after the last engine change. The
// pools share no phrasing: an engine that learned one pool's wording by
// heart gains nothing on another. A fifth, holdout pool was written last
// by an engineer who neither worked on nor read the engine, before any run
// on it, in the ways real agents and customers write (chatty turns that
// give a reason and a step, terse agent notes, non-native English, typos,
// questions put as proposals); it is run only on the final code. All five
// have since been read while the engine was developed, so a sixth,
// outsider pool was written before any run on it by someone who read
// neither the engine nor the other pools' wordings of an action before
// writing their own (only fragments of a few escalation wordings were
// glimpsed first, and their words were kept out), in chat, email and
// ticket-note registers, several regions, typos, sarcasm, and hand-overs
// to named teams, ticket systems and callbacks; it is run only to
// report, never to develop on. A seventh, stranger pool (strangerpool.go)
// was written the same way, from each action's id and develop wording
// only, by someone who read neither the engine nor any other pool, in
// registers the others lack (speech-recogniser transcripts, text
// messages, formal letters, CRM notes, English of several regions and
// first languages); it is run only to report, never to develop on. An
// eighth, guest pool (guestpool.go) was written the same way, from each
// action's id and develop wording and the develop pool's small talk only,
// in registers none of the others lean on (pasted macros, numbered steps in
// one turn, the reason before the action, indirect proposals, checks put as
// questions, reports of what the agent already did); its single run was
// planned in docs/evaluation.md before it was run. A ninth, visitor pool
// (visitorpool.go) was written the same way, from each action's id and
// develop wording and the develop pool's small talk only, before any run
// on it; it is run only to report.

// Pool names a set of wordings.
type Pool string

// The nine pools.
const (
	PoolDevelop  Pool = "develop"
	PoolReport   Pool = "report"
	PoolFresh    Pool = "fresh"
	PoolBlind    Pool = "blind"
	PoolHoldout  Pool = "holdout"
	PoolOutsider Pool = "outsider"
	PoolStranger Pool = "stranger"
	PoolGuest    Pool = "guest"
	PoolVisitor  Pool = "visitor"
)

// Pools are every pool, in the order they were written.
var Pools = []Pool{PoolDevelop, PoolReport, PoolFresh, PoolBlind, PoolHoldout, PoolOutsider, PoolStranger, PoolGuest, PoolVisitor}

// ParsePool checks a pool name.
func ParsePool(s string) (Pool, bool) {
	switch Pool(s) {
	case PoolDevelop, PoolReport, PoolFresh, PoolBlind, PoolHoldout, PoolOutsider, PoolStranger, PoolGuest, PoolVisitor:
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
	Blind      []string
	Holdout    []string
	Outsider   []string
}

// Phrasings are the action's wordings in a pool.
func (a Action) Phrasings(p Pool) []string {
	switch p {
	case PoolReport:
		return a.Report
	case PoolFresh:
		return a.Fresh
	case PoolBlind:
		return a.Blind
	case PoolHoldout:
		return a.Holdout
	case PoolOutsider:
		return a.Outsider
	case PoolStranger:
		return strangerPhrasings[a.ID]
	case PoolGuest:
		return guestPhrasings[a.ID]
	case PoolVisitor:
		return visitorPhrasings[a.ID]
	}
	return a.Develop
}

// simActions are the actions intents draw their candidates from.
var simActions = []Action{
	{ID: "order_replacement_card",
		Develop:  []string{"I have ordered a replacement card for you, it should arrive within 5 working days.", "Please order a new card from the Cards tab in the app.", "I've requested a new card to be sent to your address."},
		Report:   []string{"A replacement card is on its way to you now.", "You can request a fresh card under Card settings, then Replace card.", "I've arranged for a new card to be issued and posted to you."},
		Fresh:    []string{"I've put in an order for a new card, expect it in the post within a week.", "could you order a replacement from the card menu in the app? it only takes a minute", "A new card has been dispatched to the address on your account; the old one stops working once you activate it."},
		Blind:    []string{"i'll get a replacement card sent out to you today, it usually takes about a week to arrive", "Would you mind requesting a replacement card through the app? Go to Card, then Report lost or damaged.", "A brand new card has been ordered and will be mailed to your registered address."},
		Holdout:  []string{"Since the old card was damaged, I've gone ahead and requested a replacement for you. It normally lands in 3 to 5 business days, and you'll get a text once it's been posted.", "replacement card ordered - ships to address on file", "would you be able to request a new card yourself under Cards > Replace? i can walk you trough it if it's easier"},
		Outsider: []string{"Right, there's another card on its way to you in the mail - roughly seven to ten days - and the old number dies once you start using the one that arrives.", "kindly note a substitute debit card is being couriered to the address on our records, pls switch it on when it reaches you", "card re-ordered, mailed to addr on record. cust advised 7-10 days."}},
	{ID: "freeze_card",
		Develop:  []string{"I have frozen your card so nobody can use it.", "Please freeze the card in the app straight away.", "I've put a temporary block on your card."},
		Report:   []string{"Your card is now locked, no payments can go through on it.", "Tap Lock card in the app to stop any use of it.", "I've suspended the card for now to keep your money safe."},
		Fresh:    []string{"Could you pause the card from the app while we look into this?", "I'll block the card right now so no one else can spend on it.", "your card has been put on hold, nothing will be approved on it until you say so"},
		Blind:    []string{"Please could you lock the card from the security menu until we know what happened?", "I've just frozen the card on our side, so no transactions will be authorised.", "The card has been temporarily disabled to stop any further spending."},
		Holdout:  []string{"Because we can't rule out that someone else has the card details, I have placed a freeze on it from our end. You won't be able to pay with it until it's lifted, but your balance is safe.", "done - card frozen on our side", "please kindly to freeze your card in the application, the button is on card screen, so no one can do payment with it"},
		Outsider: []string{"Done, I've paused the card at our end, so anything anyone attempts on it now just gets declined until you switch it back.", "in the app press the picture of ur card and flick the 'on ice' option immediately so no one else can use it", "Card paused temp. pending cust confirming whether it's lost or stolen."}},
	{ID: "unfreeze_card",
		Develop:  []string{"I have unfrozen your card, please try again.", "Please unfreeze the card under card settings.", "I've removed the block from your card."},
		Report:   []string{"The lock on your card has been lifted, give it another go.", "Switch off Lock card in the app and retry.", "I've reactivated the card for you."},
		Fresh:    []string{"I've taken the hold off your card, it should be usable again.", "Could you turn the card back on under Manage card and then retry the purchase?", "The card has been switched back on at our end, so payments should be accepted again."},
		Blind:    []string{"i've lifted the freeze on your card now, could you try the payment once more", "Please re-enable the card in the app by toggling the freeze switch off.", "Your card has been unblocked, so it's ready to use again."},
		Holdout:  []string{"It looks like the card was frozen automatically after the security alert, so I've now lifted that. Could you try the payment once more and let me know how it goes?", "freeze removed, card active again", "Would you be able to switch the freeze off from the card screen? It's the snowflake toggle, top right."},
		Outsider: []string{"I've taken the pause off your card now, so it should work at the till - have one more go.", "u can turn it on again urself, just open the card page and flick the 'on ice' option off", "Card status normal again. Pls reattempt the payment and tell me how it goes."}},
	{ID: "reset_password",
		Develop:  []string{"I have sent you a password reset link.", "Please reset your password from the login screen.", "Could you try resetting your password?"},
		Report:   []string{"Use Forgot password on the sign-in page to choose a new one.", "A link to set a new password is in your inbox now.", "I've cleared your old password, you'll get an email to create a new one."},
		Fresh:    []string{"Could you tap 'Trouble signing in?' and follow the steps to pick a new password?", "I'll email you a one-time link so you can set a different password.", "your password has been wiped, check your email for the link to choose a new one"},
		Blind:    []string{"Could you set a new password via the 'Forgot your password?' link on the login page?", "I've triggered a password reset, you should find an email from us in a couple of minutes.", "pls reset ur password, the old one was disabled after the security update"},
		Holdout:  []string{"As the login keeps rejecting you, I've triggered a password reset; the link has been emailed to you and is valid for one hour, so please pick a new password from there.", "pw reset link sent, expires in 60 min", "can you try the 'forgot password' option on the sign in page? it'll let you choose a new one"},
		Outsider: []string{"I've fired off an email with a link for choosing a new login password; it stops working after 60 mins so do it soon.", "press 'Can't get in?' under the password box and go through the prompts to make up a fresh one", "pw reset sent from admin console, cust to create new creds through mailed link"}},
	{ID: "check_card_expiry",
		Develop:  []string{"Can you check whether your card has expired?", "Please verify the expiry date on your card.", "Could you confirm your card is still valid?"},
		Report:   []string{"What does the valid-thru date on the front of the card say?", "It may be out of date, have a look at the date printed on the card.", "Make sure the card hasn't passed its end date."},
		Fresh:    []string{"Could you look at the expiration date on the card and tell me if it has already gone by?", "Please check the month and year shown on your card; once that's passed, the card stops working.", "I'd like you to confirm the card hasn't run out, the date is just under the long number."},
		Blind:    []string{"Would you mind looking at the expiration date printed on the front of your card?", "It may be that the card has run out; can you check the valid-thru date?", "Please make sure the card hasn't passed its expiry date, as expired cards are declined automatically."},
		Holdout:  []string{"Sometimes this happens when a card has run past its expiry date, so could you have a quick look at the 'valid thru' date printed on the front for me?", "pls check expiry date on card - may have lapsed", "Would you be able to confirm the card hasn't expired? The month and year are on the front, under the number."},
		Outsider: []string{"Small question - what's the MM/YY date embossed on your card? If we're past it, there's your culprit.", "could u glance at the MM/YY bit on the card... they do run out and then everything gets refused", "Sir, kindly confirm the card is not out of date, the MM/YY is embossed beside the digits."}},
	{ID: "contact_issuer",
		Develop:  []string{"Please contact your bank to ask why they blocked it.", "Could you call your card issuer and ask them to allow the payment?", "I suggest reaching out to your bank about this."},
		Report:   []string{"Give the bank that issued the card a ring, they are the ones declining it.", "The number on the back of your card will get you to the issuer, they can approve it.", "Your issuer has to lift that restriction, so a quick call to them is the way."},
		Fresh:    []string{"Could you phone the bank that gave you the card? The refusal is coming from them, not us.", "I'd recommend speaking to your card provider directly so they can authorise the payment.", "It's your card's own bank blocking it, so you'll need to get in touch with them and ask them to let it through."},
		Blind:    []string{"You'll need to ring the bank that issued the card, since the decline is coming from their side.", "Please get in touch with your card provider and ask them to approve the transaction.", "could you phone your bank? they're the ones holding the payment, not us"},
		Holdout:  []string{"The decline is coming from the other bank rather than from us, so the quickest fix is to ring the number on the back of that card and ask them to approve the payment.", "declined by issuer - cust to call their bank", "i think is best you phone to the bank who gave you the card, they are blocking it, not us"},
		Outsider: []string{"Everything looks fine at our end, so it's the bank behind that card that's refusing it - give them a bell, their helpline is printed on the reverse.", "honestly this one's with your card company, you'll need to get on the phone to them and ask them to approve this merchant", "Advised cust to ring the issuing bank re: refusal, not blocked by us."}},
	{ID: "update_app",
		Develop:  []string{"Please update the app to the latest version.", "Could you install the latest update of the app?", "Try updating the app and then retry."},
		Report:   []string{"Head to the app store and get the newest release of our app.", "You're on an old version, installing the current one should sort it.", "Download the latest version from the store and open it again."},
		Fresh:    []string{"Could you check the store for an update to the app? Older versions have this bug.", "I'd upgrade the app to the newest version first, then try again.", "please get the latest app version, the one you have is no longer supported"},
		Blind:    []string{"Please install the newest version of the app from the App Store or Google Play, older versions have this bug.", "I'd recommend upgrading the app, as the version you have is out of date.", "Can you get the latest release of the app and try once more?"},
		Holdout:  []string{"You're on quite an old version of the app, and that bug was fixed in a recent release. Could you update it from the App Store or Google Play and then have another go?", "advised cust to update app to latest ver", "would you be able to grab the latest version from the store? the fix for this went out last week"},
		Outsider: []string{"You're on a pretty dated build - pop into your phone's app marketplace, install the newest one, then have one more go.", "pls pull down the latest release from ur app store, earlier builds have that bug", "cust on v4.2, told to move to most recent release."}},
	{ID: "reinstall_app",
		Develop:  []string{"Please uninstall the app and install it again.", "Could you reinstall the app?", "Try deleting the app and reinstalling it."},
		Report:   []string{"Remove the app from your phone, then download it fresh.", "A clean install usually helps: delete it and get it again from the store.", "Take the app off the device and put it back on."},
		Fresh:    []string{"Could you delete the app, restart your phone and then install it again from the store?", "I'd remove the app completely and set it up again from scratch, your data is kept on our side.", "uninstalling and installing it again usually clears whatever has got stuck, could you do that?"},
		Blind:    []string{"Could you remove the app from your phone and download it again from the store?", "please delete and re-install the app, that usually clears up corrupted data", "A fresh install of the app should fix this, so please uninstall it and put it back."},
		Holdout:  []string{"Since updating didn't change anything, the next step is a clean install: delete the app from your phone, download it again, and log back in with your usual details.", "suggested full reinstall of app", "could you please remove the app and to install it new one more time? sometimes the files get corrupt"},
		Outsider: []string{"Could you get rid of it from your phone entirely and then download it again from the store? That normally sorts out a broken install.", "remove the app, switch ur phone off and on, put it back on - sounds daft but it works nine times out of ten", "Advised total removal + clean install of mobile app."}},
	{ID: "verify_identity",
		Develop:  []string{"Please verify your identity in the app with a photo of your ID.", "Could you complete the identity verification?", "Can you upload your ID so we can verify your identity?"},
		Report:   []string{"We need a picture of your passport or driving licence and a selfie, the app will guide you.", "Go through the ID check under Profile, then Security.", "Send us a scan of your photo ID so we can confirm it's you."},
		Fresh:    []string{"Could you confirm who you are by uploading a photo of your passport or ID card in the app?", "I'll need you to complete our ID check before I can go further; it asks for a document and a quick selfie video.", "Your account is waiting on identity confirmation, please finish the verification steps in the app."},
		Blind:    []string{"We need to confirm who you are first, could you send us a selfie and a picture of your passport?", "Please go through the ID check in the app, it takes about five minutes.", "Your account needs identity verification before this works, kindly submit your documents."},
		Holdout:  []string{"For security reasons the account has been restricted until we've verified who you are, so I've sent you a link where you can upload a photo ID and a quick selfie.", "ID check pending - upload link sent", "would you be able to complete the ID verification in the app? it only needs your passport or driving licence and takes about 2 minutes"},
		Outsider: []string{"Before I can do anything else we need to be sure it's really you - there's a step in the app where you photograph your passport or national ID card and film a few seconds of your face.", "kindly complete KYC (govt photo ID + liveness check) in the app so the account can be cleared", "ID check outstanding - pushed doc capture request to cust."}},
	{ID: "wait_processing",
		Develop:  []string{"Please wait 24 hours, it can take a day to process.", "Could you wait until tomorrow? It is still processing.", "Can you give it a day? It is still pending."},
		Report:   []string{"These normally clear within one business day, so check back tomorrow.", "It's in the queue on our side, allow up to 48 hours.", "Nothing is wrong, it just needs a little longer to go through."},
		Fresh:    []string{"Could you give it another day or so? Payments like this sometimes take a while to settle.", "It's being processed at the moment, please allow two to three working days before it shows.", "I'd hold off for now, it should complete on its own by tomorrow morning."},
		Blind:    []string{"These usually take up to two business days to clear, so please hold on a little longer.", "Would you be able to give it another 48 hours? The bank hasn't finished processing it.", "please be patient a bit longer, it just needs more time to go through on their end"},
		Holdout:  []string{"This kind of transfer is still being processed by the payment network, so there's nothing to fix yet. Please give it until the end of the next working day before we look at it again.", "in processing - allow 1 working day", "it's normal that it takes some time, please wait until tommorow and it should be showing"},
		Outsider: []string{"Honestly the best thing is to sit tight, these usually land overnight, and if it isn't showing by tomorrow afternoon come back to me.", "its in progress on our side, leave it 24hrs pls", "No action needed, txn in flight. Told cust to give it one working day."}},
	{ID: "reenter_card_details",
		Develop:  []string{"Please re-enter your card details carefully.", "Could you enter the card number again?", "Try typing the card details again."},
		Report:   []string{"Delete the saved card and add it once more, double-checking the CVV.", "It looks like a digit was mistyped, put the number in again.", "Remove the card from the merchant's page and key it in afresh."},
		Fresh:    []string{"Could you type everything in again, the long number, the expiry and the three digits on the back?", "I'd remove the stored card and add it back, making sure each digit is right.", "the details seem to have been entered wrongly, please fill them in again"},
		Blind:    []string{"Could you type in your card number, expiry and CVV once more, making sure there are no spaces?", "Please remove the saved card and add it again with the details exactly as printed.", "I think a digit was mistyped, so please fill in the card information again."},
		Holdout:  []string{"It looks like one of the digits didn't go through correctly, so could you delete the saved card and type the number, expiry and CVV in again from scratch?", "asked cust to re-add card details", "would you be able to remove the card from the checkout and enter it in again? double check the security code at the back"},
		Outsider: []string{"Can you take off the saved card and type the 16-digit number, the expiry and the 3-digit code on the back in again by hand? One wrong character and it bounces.", "maybe a slip of the finger when u added it? remove it and put it all in again slowly", "Asked cust to re-add card manually (suspect wrong security code)."}},
	{ID: "check_recipient_details",
		Develop:  []string{"Can you check the recipient's account details are correct?", "Please verify the beneficiary details on the transfer.", "Could you confirm the account number you sent the money to?"},
		Report:   []string{"Compare the IBAN and sort code you used with what the payee gave you.", "The payee's details may be off, look them over against their invoice.", "Have a look at who the money was addressed to, the name must match their account."},
		Fresh:    []string{"Could you double-check the account number and name of the person you're paying?", "Please confirm the payee's bank details with them, one wrong digit sends the transfer back.", "It's worth checking with whoever you're paying that the sort code and account number you used are theirs."},
		Blind:    []string{"Please double-check the payee's sort code and account number.", "Would you mind making sure the IBAN you entered for the recipient is right?", "It's worth checking that the receiving account's details match what they gave you, since one wrong digit sends it back."},
		Holdout:  []string{"Transfers bounce back like this when the sort code or account number doesn't match, so please could you double-check the payee's details against what they gave you?", "pls verify payee acct no + sort code", "can you check with the person you paid that their IBAN is exactly same like you entered? one wrong number and it returns"},
		Outsider: []string{"Could you put the sort code and account no. you used side by side with what the person you were sending to actually gave you? If one figure is off it'll come straight back.", "pls make certain the IBAN and account holder name line up precisely with what they have", "Asked cust to cross-check receiving acct sort code/no. vs bill."}},
	{ID: "raise_refund",
		Develop:  []string{"I have requested a refund for you.", "I've raised a refund request for that charge.", "I have asked for that amount to be refunded."},
		Report:   []string{"The money has been sent back to your account from our side.", "I've put through a reimbursement of that charge.", "That fee will be returned to you, I've processed it now."},
		Fresh:    []string{"I've started a refund for that payment, it'll be back in your account in 3-5 days.", "I'll arrange for that charge to be paid back to you today.", "A refund has been issued for the amount, you should see it credited shortly."},
		Blind:    []string{"I've put through a refund for that amount, it'll show on your account in 3-5 days.", "A refund has been issued for the charge you mentioned.", "i've submitted a request to get that money returned to you"},
		Holdout:  []string{"As the merchant has confirmed the order was cancelled, I've lodged a refund request on your behalf. The money should be credited back within 5 to 7 days.", "refund raised for the txn, 5-7 days", "i've put through the refund for that amount, you'll see it back on your account shortly"},
		Outsider: []string{"I've put through a request to get that money back to you, it'll land on the original card in about 5 days.", "ok i've put in for it to be paid back, you'll see it come off ur statement", "Refund keyed for 34.99 to orig. card."}},
	{ID: "dispute_charge",
		Develop:  []string{"I have opened a dispute for that charge.", "Please dispute the transaction from the transaction details screen.", "I've filed a chargeback with the merchant."},
		Report:   []string{"I've lodged a formal claim against the merchant on your behalf.", "Tap the payment, then Report a problem, and pick that you didn't receive the goods.", "We're challenging that payment with the retailer now."},
		Fresh:    []string{"Could you raise a dispute on that payment from the transaction screen? Choose 'I don't recognise this'.", "I've challenged the charge with the card network for you, they'll contact the merchant.", "I'll contest that transaction with the seller on your behalf; it can take a few weeks."},
		Blind:    []string{"I've raised a formal dispute with the merchant on your behalf.", "Please tap the transaction and choose 'I don't recognise this' to contest it.", "The charge has been flagged as disputed and the merchant has been asked to respond."},
		Holdout:  []string{"Since you don't recognise this payment at all, I've opened a formal dispute with the merchant. We'll keep you updated by email, and the amount may be temporarily credited while it's investigated.", "chargeback opened - awaiting merchant", "Would you be able to raise a dispute on the transaction yourself? Tap it in your activity list and choose 'I don't recognise this'."},
		Outsider: []string{"I've formally contested that transaction with the merchant for you; they have a set time to answer and you'll get the money back provisionally meanwhile.", "If it isn't yours, press 'Report a problem' on that payment and choose 'I didn't get what I paid for' - that starts the case.", "Contested vs merchant under card scheme rules, ref in notes."}},
	{ID: "top_up_balance",
		Develop:  []string{"Please top up your account balance and retry.", "Could you add money to your account first?", "Can you top up your balance and try again?"},
		Report:   []string{"There aren't enough funds on the account, load some money onto it.", "Move some cash in from your other account and then retry.", "Your balance is too low for that, fund the account first."},
		Fresh:    []string{"Could you add some funds to your account and then try the payment again?", "Transfer a bit of money in first, the balance isn't enough for that amount.", "I'd put some money into the account by card or bank transfer, then retry once it shows."},
		Blind:    []string{"Could you add some funds to your account? The balance is too low to cover this.", "please load more money onto your account then try again", "Your balance needs topping up first, so please transfer money in from your other bank."},
		Holdout:  []string{"The payment failed because there weren't enough funds on the account at that moment, so if you add some money first it should go through without any trouble.", "insufficient funds - cust to top up", "you need to put some money on the account before, then please try the payment again"},
		Outsider: []string{"Looks like the balance is too low for that - move some cash in from your main account and then try again.", "ur wallet's at 0.00, put some money in and retry", "Balance too low. Cust to transfer in and reattempt."}},
	{ID: "clear_cache",
		Develop:  []string{"Please clear the app cache and try again.", "Could you clear the cache of the app?", "Try clearing your app's cache."},
		Report:   []string{"Go to your phone's settings, find our app and wipe its stored data.", "Empty the app's temporary files under Storage.", "Delete the app data from the phone settings and sign in again."},
		Fresh:    []string{"Could you clear the app's cached files in your phone settings and reopen it?", "I'd wipe the cache for the app under Apps > Storage, it won't delete your account.", "please try clearing cached data for our app, old files sometimes cause this"},
		Blind:    []string{"Please go to your phone's settings, find the app and delete its cached data.", "Could you wipe the app's temporary files? Old data stored there can cause this.", "try emptying the cache in the app's storage settings, then open it again"},
		Holdout:  []string{"A lot of the time this screen freezes because of old data stored on the phone, so could you go into your phone's settings, find the app and clear its cache, then reopen it?", "advised clearing app cache", "would you be able to clear the stored data for the app? on android it's Settings > Apps > Storage"},
		Outsider: []string{"In your phone's settings find us in the application list, then Storage, and tap the option that empties the cached files - not the one that erases everything - then start it back up.", "wipe the app's stored temp files (settings > storage) and launch it again", "Had cust empty app temp files, relaunch."}},
	{ID: "enable_online_payments",
		Develop:  []string{"Please enable online payments in your card settings.", "Could you turn on online payments in the app?", "Try switching on online payments for your card."},
		Report:   []string{"Internet purchases are off on that card, flip the toggle under Security.", "Allow e-commerce transactions for the card and try the checkout again.", "Your card is set to refuse web shops, change that in the card controls."},
		Fresh:    []string{"Could you switch on internet payments for the card in the security settings?", "Online shopping is disabled on your card; I'd turn it on in the app, then try the checkout again.", "I've enabled online transactions on your card, so web purchases should go through now."},
		Blind:    []string{"Please allow online and e-commerce transactions in the card's security settings.", "Your card has internet purchases turned off; could you activate them under Card controls?", "I've enabled online shopping on your card, so web payments are allowed now."},
		Holdout:  []string{"Online and card-not-present payments are switched off on your card by default, so you'll need to enable them in the card's security settings before shopping online.", "online txns were disabled - enabled now", "could you turn on internet payments in card controls? at the moment they are not allowed on this card"},
		Outsider: []string{"Your card comes with web shopping turned off as standard - in the card's safety options there's a setting for paying on websites, set that to on and try the purchase again.", "pls permit remote/web payments on the card, they're off atm", "Card blocked for CNP use, asked cust to activate in app."}},
	{ID: "update_address",
		Develop:  []string{"Please update your address in your profile.", "Could you change your address in the settings?", "I have updated the address on your account."},
		Report:   []string{"Edit where you live under Personal details.", "The postcode we hold is outdated, put in the new one in the app.", "I've saved your new home location on file."},
		Fresh:    []string{"Could you pop your new address into the app? It's under Profile, Personal info.", "I've amended the address on your account to the new one you gave me.", "Your address has been updated in our records, future post will go there."},
		Blind:    []string{"Please amend your home address under Personal details.", "Could you put your new address into your profile so it matches your card?", "I've changed the address we hold for you to the one you just gave me."},
		Holdout:  []string{"Since you've moved, the post is still going to the old address, so I've changed it on our records to the new one you gave me; anything we send from now on will go there.", "address amended on file", "can you please change your adress in the profile section of the app? we can only send to the adress there"},
		Outsider: []string{"I've put the new house address you just read out onto your record.", "relocated? go to your personal info and put the new place in, then hit save", "Addr edited on file per cust request (new flat)."}},
	{ID: "resend_verification_email",
		Develop:  []string{"I have resent the verification email.", "Please request a new confirmation email from the app.", "I've sent you another verification link."},
		Report:   []string{"A fresh confirmation message should land in your inbox in a minute, check spam too.", "Ask for another activation link on the sign-up screen.", "I've triggered a new email for you to confirm your address."},
		Fresh:    []string{"I've sent the confirmation email again, it might take a few minutes to arrive.", "Could you request another verification email from the login page? The first one has expired.", "A new verification link has been emailed to you; please check junk mail as well."},
		Blind:    []string{"I've sent the confirmation email again, please check your spam folder as well.", "A fresh verification link is on its way to your inbox.", "Could you tap 'Resend email' on the sign-up screen to get another link?"},
		Holdout:  []string{"The first confirmation email seems to have expired, so I've sent a new one just now. If it's not in your inbox within a few minutes, it's worth checking the spam or junk folder.", "verif email re-sent", "would you be able to press 'send again' on the confirmation screen? a new mail will come to you"},
		Outsider: []string{"I've pushed another confirmation email out to you - peek in your spam folder as well, it sometimes ends up there.", "Just sent a new sign-up link, pls click it in the next 24h", "Re-sent acct confirm email to cust."}},
	{ID: "unlock_account",
		Develop:  []string{"I have unlocked your account, you can log in again.", "Please unlock your account with the link we emailed you.", "I've removed the lock on your account after the failed attempts."},
		Report:   []string{"Your profile was suspended after too many wrong tries, it's open again now.", "Follow the restore access link we sent and you'll be able to sign in.", "Access has been restored on our end."},
		Fresh:    []string{"I've unblocked your login, you can sign in again now.", "Your account was locked after several failed attempts, it has been reopened for you.", "Could you use the unlock link in the email we sent and then sign in again?"},
		Blind:    []string{"Your account was locked after too many wrong attempts; I've released it, so you can sign in now.", "please use the unlock option in the email we sent to regain access", "I have restored access to your account."},
		Holdout:  []string{"Your account was locked after too many wrong attempts, which is a safety measure, so I've released the lock and you should be able to sign in again straight away.", "acct lock cleared", "the account was blocked because of the many wrong logins, i have now unblocked it for you"},
		Outsider: []string{"Your sign-in got shut off after too many wrong guesses; I've reset it so you can get in again.", "ok you're no longer barred from signing in, try now (carefully lol)", "Lifted lockout after bad pw attempts, cust can retry."}},
	{ID: "update_phone_number",
		Develop:  []string{"Please update your phone number in your profile.", "Could you change the mobile number on your account?", "I have updated your phone number."},
		Report:   []string{"The mobile we have on file is old, put the current one in under Contact details.", "I've swapped the number we text codes to.", "Add your new mobile in Settings and remove the old one."},
		Fresh:    []string{"Could you update the mobile number under Profile so the codes reach your new phone?", "I've changed the phone number on your account to the one you just gave me.", "your phone number has been updated, the next security code will go to the new number"},
		Blind:    []string{"Please edit the mobile number in your profile so the codes go to your new phone.", "I've replaced the old number on your account with the one you just gave me.", "Could you register your new phone number under Security settings?"},
		Holdout:  []string{"Because the codes are still being sent to your old mobile, I've swapped the number on your profile to the new one, so the next code should come through to you.", "mobile no. updated on acct", "could you update the phone number under Personal details? then the codes will go to the new phone"},
		Outsider: []string{"I've replaced the mobile we send your security SMS to with the new one.", "you can edit ur number yourself under Profile > Phone, it'll send a one-time passcode to the new one to confirm", "New cell # saved on account, OTP confirmed."}},
	{ID: "send_statement",
		Develop:  []string{"I have emailed you the statement.", "Please download the statement from the Documents section.", "I've sent a copy of your statement to your email."},
		Report:   []string{"The PDF for that month is now in your inbox.", "You'll find every monthly summary as a PDF under Documents, then Statements.", "I've posted a paper copy of the summary to you."},
		Fresh:    []string{"I've emailed your account statement for that period as a PDF.", "Could you export the statement yourself from the app's account history screen?", "Your statement has been sent to the email on your account."},
		Blind:    []string{"I've emailed a PDF of your account statement to you.", "You can export your statement from the Statements tab as a PDF.", "Your statement for last month has been sent to your registered email address."},
		Holdout:  []string{"Since you need it for your mortgage application, I've generated an official statement for the last three months and emailed it over as a PDF.", "statement emailed to cust (PDF)", "would you be able to export the statement from the app? its under Account > Statements and you can choose the months"},
		Outsider: []string{"I've just emailed over a PDF of your account activity for October.", "You can pull the statement from the app: Accounts > Transactions > choose the period and save it as a PDF.", "Sent cust Q3 bank statement by mail."}},
	{ID: "cancel_pending_payment",
		Develop:  []string{"I have cancelled the pending payment.", "Please cancel the payment while it is still pending.", "I've stopped that payment before it went out."},
		Report:   []string{"The outgoing transaction has been called off, it won't leave your account.", "Open the scheduled payment and hit Stop.", "I've reversed that instruction so the money stays with you."},
		Fresh:    []string{"I've withdrawn the payment before it settled, so the funds remain in your account.", "Could you cancel it yourself under Upcoming payments before it leaves tonight?", "The payment has been cancelled and won't be sent."},
		Blind:    []string{"Please cancel the transfer from the Pending list before it's processed.", "I've called off the pending payment, so the money stays in your account.", "The outgoing payment that was still pending has been canceled at our end."},
		Holdout:  []string{"As the payment hasn't left your account yet, I was able to stop it before it went out, so you won't be charged and the amount will show as available again.", "pending pmt cancelled before settlement", "can you cancel it yourself while it is still pending? open the payment and there is a cancel button at the bottom"},
		Outsider: []string{"I've managed to catch that payment before it went, it won't go out now.", "Since it's still showing as pending, you can press 'Stop' on it under scheduled transfers.", "Pending txn voided prior to clearing."}},
	{ID: "raise_limit",
		Develop:  []string{"I have raised your limit.", "Please increase the limit in your card settings.", "I've increased your daily limit for you."},
		Report:   []string{"Your maximum per day is higher now, try the amount again.", "Move the spending cap slider up under Limits.", "I've lifted the ceiling on your account so it will go through."},
		Fresh:    []string{"I've bumped up your spending limit so you can try the amount again.", "Could you set a higher limit for the card in the app and retry?", "Your withdrawal limit has been increased for today."},
		Blind:    []string{"I've bumped up your spending limit, so that amount should go through now.", "Please raise the spending cap in Card settings, then Limits.", "Your monthly limit has been increased to cover this payment."},
		Holdout:  []string{"The payment is bigger than your current daily limit, so I've increased the limit for you; the change is immediate and you can try the payment again now.", "daily limit increased per cust request", "would you be able to raise your spending limit in the card settings? the slider lets you go up to 5000"},
		Outsider: []string{"I've moved your 24-hour spending allowance up to 2,000, effective straight away.", "you can up how much ur allowed to spend in card controls, just slide it to what you need", "Spend allowance increased per cust req."}},
	{ID: "change_pin",
		Develop:  []string{"Please change your PIN at any ATM.", "Could you set a new PIN in the app?", "I have reset your PIN, the new one is on its way."},
		Report:   []string{"Pick a fresh four-digit code under Card settings, then View PIN.", "Any cash machine lets you choose another code for the card.", "A new secret number for the card has been generated, you'll get it by post."},
		Fresh:    []string{"Could you go to Card, then Security code, and pick a PIN you'll remember?", "I'd change your PIN at a cashpoint, it takes effect straight away.", "Your PIN has been changed, the new number will arrive in a separate letter."},
		Blind:    []string{"Please choose a new PIN under Card security in the app.", "could you change your pin at a cash machine, it'll take effect straight away", "I've issued a new PIN, it'll arrive by post in a few days."},
		Holdout:  []string{"Since you've entered the wrong PIN a few times, the safest thing is to set a new one. You can do that at any cash machine under PIN services, or in the app.", "PIN reset issued, new PIN by post", "could you set up a new pin code from the security settings? after that the card should work in the shop again"},
		Outsider: []string{"You can set a new 4-number code at any cash machine - put the card in, go to 'PIN services' and follow the prompts.", "go to card > show/change PIN in the app and enter the new numbers", "New PIN mailer ordered, arrives separately from card."}},
	{ID: "reset_security_questions",
		Develop:  []string{"I have reset your security questions.", "Please set new security questions in your profile.", "Could you choose new security questions?"},
		Report:   []string{"Your memorable answers are wiped, you'll be asked to pick new ones at sign in.", "Go to Security and replace the secret answers.", "I've cleared the recovery questions on file."},
		Fresh:    []string{"I've wiped your security questions, you can set new ones next time you log in.", "Could you set up a new set of security questions under Settings, then Login and security?", "Your security questions have been reset, please choose fresh answers you'll remember."},
		Blind:    []string{"I've cleared your security questions so you can set them up again.", "Please pick new memorable questions and answers in the Security section.", "Could you update your security questions? The old answers were wiped after the lockout."},
		Holdout:  []string{"As you can't remember the answers you set up originally, I've cleared your security questions, so you'll be asked to choose new ones the next time you log in.", "sec questions wiped - cust to set new", "would you be able to pick new security questions in your profile? the old ones have been removed"},
		Outsider: []string{"I've erased your saved security answers, so when you log in again it'll prompt you to set up new ones.", "pls set up different verification questions in the Security area, the previous answers won't work any more", "Cleared cust's security Q&A, to be re-set when they log on."}},
	{ID: "send_document",
		Develop:  []string{"I have emailed you the document.", "Please download the document from your account.", "I've sent the document to your email address."},
		Report:   []string{"The paperwork you asked for is attached to a message in your inbox.", "It's under My files in the portal as a PDF.", "A copy of that certificate is on its way by post."},
		Fresh:    []string{"I've emailed the letter you asked for, it's attached as a PDF.", "Could you grab a copy yourself from the Paperwork tab when you sign in online?", "That letter has gone out to the email we hold for you."},
		Blind:    []string{"I've sent the paperwork you asked for to your email.", "You can download that document from the Documents area of your account.", "The letter you need has been emailed to you as an attachment."},
		Holdout:  []string{"Since the letter you need isn't available in the app, I've requested it from our documents team and it's been emailed to you as an attachment.", "doc sent to registered email", "you can download the confirmation letter yourself from the documents area, can you have a look there?"},
		Outsider: []string{"I've sent the letter you wanted over to your email as a file.", "You'll find that paperwork in Profile > Letters & certificates, you can download it from there.", "Emailed cust the balance letter they asked for."}},
	{ID: "book_appointment",
		Develop:  []string{"I have booked you an appointment with an adviser.", "Please book an appointment from the website.", "I've scheduled a meeting at your branch."},
		Report:   []string{"You're down for a slot with one of our consultants on Thursday.", "Pick a time that suits you on the online calendar and someone will see you.", "A branch visit is arranged, you'll get a reminder the day before."},
		Fresh:    []string{"I've booked you in with an adviser for Friday at 10am, you'll get a confirmation email.", "Could you pick a time in the app's Appointments section? An adviser will call you then.", "An appointment has been made for you at your nearest branch."},
		Blind:    []string{"I've arranged an appointment for you with one of our advisors on Thursday.", "Please schedule a call with an adviser using the booking page on our website.", "Could you book a slot at your nearest branch? They can sort this face to face."},
		Holdout:  []string{"Because this needs to be done in person with your original documents, I've booked you a slot at your nearest branch; the date and time are in the confirmation text I just sent.", "appt booked at branch", "would you be able to book a call with one of our advisors? there's a booking page on the website where you can pick a time"},
		Outsider: []string{"I've got you a slot with one of our advisers on Wednesday at 2pm at the High Street branch.", "You can reserve a time to meet an adviser face to face through the 'Visit us' section of our site.", "Booked in-branch mtg for cust, invite emailed."}},
	{ID: "escalate_specialist", Escalation: true,
		Develop:  []string{"I'm escalating this to our specialist team, they will contact you.", "I've passed this to a senior colleague who will get back to you.", "Let me forward this to the specialist team."},
		Report:   []string{"This needs our second-line team, I've handed your case over to them.", "I'm referring you to an expert who deals with these cases, expect a call.", "Your case is now with the back-office team, they'll be in touch."},
		Fresh:    []string{"I'm handing this over to a colleague on the specialist desk; expect a reply within two working days.", "This is beyond what I can do from here, so I've referred it to a senior specialist.", "Your case has been escalated to the complaints and specialist team; they'll email you."},
		Blind:    []string{"I'm handing this over to our specialist team, someone will be in touch within 48 hours.", "This needs a specialist, so I've referred your case to them and they'll contact you.", "let me pass you on to a colleague in our specialist team who can look into this further"},
		Holdout:  []string{"As this is outside what I'm able to change from here, I've referred your case to a specialist who'll review it and get in touch within 48 hours.", "escalated to L2", "i am sending this case to my senior colleague, he will contact you by email soon"},
		Outsider: []string{"I can't alter this myself, so I've logged it in our case system for the Account Resolutions group; they'll phone you, usually within 3 business days.", "I've put in a callback request for a team leader, they'll ring you on the number we have on file.", "Ticket raised in Complex Queries queue (#88213), awaiting assessment."}},
	{ID: "escalate_fraud_team", Escalation: true,
		Develop:  []string{"I'm transferring you to our fraud team.", "I've reported this to the fraud department, they will reach out.", "Let me pass this to our fraud specialists."},
		Report:   []string{"Our security investigations unit will take it from here.", "I've flagged the case for the team that handles suspicious activity.", "This goes to the people who look into unauthorised use, they'll contact you."},
		Fresh:    []string{"I'm passing this straight to our fraud team, please don't use the card until they call.", "This looks like fraud, so I've handed it to the fraud prevention team to investigate.", "Your case has been referred to our fraud investigators, they'll be in touch today."},
		Blind:    []string{"I'm passing your case to our fraud investigations team, they'll call you shortly.", "Given what you've described, I've referred this to the fraud team to investigate.", "I'll hand you over to our fraud colleagues now, please stay on the line."},
		Holdout:  []string{"Since there are several payments you didn't authorise, I've handed this straight over to our fraud investigations team, and they'll contact you on your registered number today.", "referred to fraud ops", "this has been passed on to the fraud department, they will check it and contact you"},
		Outsider: []string{"Because it seems someone else got hold of your details, I've routed it to our Financial Crime desk - they'll ring you from a withheld line this afternoon.", "I've put this through to the Card Protection people, please ignore any texts asking for codes in the meantime.", "Unauth. txns - case opened w/ Fin Crime, cust told to expect callback."}},
	{ID: "escalate_technical", Escalation: true,
		Develop:  []string{"I've raised a ticket with our technical team.", "I'm escalating this to our engineers.", "Let me open a case with the tech team."},
		Report:   []string{"Our developers need to look at this, I've logged it for them.", "I've sent a bug report to the IT department on your behalf.", "The systems team has your case now and will follow up."},
		Fresh:    []string{"I've logged this with our technical support team so they can investigate.", "This looks like a fault on our side, I'm escalating it to the engineering team.", "Your issue has been passed to technical support, they'll update you by email."},
		Blind:    []string{"I've logged this with our IT team so they can investigate the bug.", "I'm handing this to our technical support colleagues, they'll email you once it's fixed.", "This looks like a fault on our side, so I've reported it to our developers."},
		Holdout:  []string{"It looks like a fault on our side rather than anything you've done, so I've logged it with our technical team and added your details to the ticket.", "bug raised w/ tech, ticket ref sent", "I'll get this passed over to our developers to look at, they'll be in touch once it's fixed."},
		Outsider: []string{"Sounds like a glitch on our end - I've filed it with the Platform crew as APP-4471 and they'll write to you once it's fixed.", "I'll get our mobile squad to dig into this, I've attached your screenshots to the incident.", "JIRA opened for app crash on login, assigned to on-call."}},
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
	PoolBlind: {
		success:       []string{"yes!! that sorted it, thanks so much", "Oh great, it's working again.", "Just tried it and it went through, thank you.", "that's done the trick", "Fixed now, appreciate the help.", "Wonderful, everything's back to normal.", "Yes it works now :)", "Ah, there we go, it worked."},
		failure:       []string{"Still the same problem I'm afraid.", "nope, didnt work", "I did that and nothing changed.", "It's still failing, same message as before.", "Unfortunately that hasn't fixed it.", "no, still broken", "Tried it twice, still declined.", "Afraid not, it's still not working for me."},
		hedgedSuccess: []string{"Hang on, let me try... yes, it went through this time.", "I'm not certain, give me a sec... ok yes, it's working.", "Hmm maybe? Oh, yes, it's fine now."},
		hedgedFailure: []string{"Give me a moment... no, it's still doing the same thing.", "I think so? Actually no, same error again.", "hmm, not sure that did anything, it still won't work"},
		handedOver:    []string{"Alright, I'll wait for their call.", "OK, thanks for passing it on."},
		greetings:     []string{"Good morning, thanks for getting in touch.", "Hi there, sorry you're having trouble, let's sort this out.", "Thanks for your message, I'll look into it for you."},
		asks:          []string{"Could you confirm your full name, please?", "What kind of phone have you got?", "When did this first start happening?", "What's the postcode on your account?"},
		answers:       []string{"It's John Smith.", "An iPhone 13.", "Since about 8pm yesterday.", "SW1A 1AA."},
		closings:      []string{"Happy to help! Is there anything else you need?", "Glad that's sorted. Anything more I can do for you today?"},
		farewells:     []string{"No thanks, that's everything.", "That's all, have a good day."},
	},
	PoolHoldout: {
		success:       []string{"ok that sorted it, cheers", "yes!! it went through now thank you so much", "Right, that's done the trick. Thanks for your help with this.", "it is working now, many thanks", "Just tried again and it's fine now, appreciate it.", "sorted, ta", "Oh great, I can see it's gone through this time.", "yep all good now"},
		failure:       []string{"nah still the same", "it's showing the same error as before unfortunately", "tried that yesterday, no joy", "I did what you said but nothing has changed, it still won't let me.", "no, is still not working", "Same message again I'm afraid.", "didnt make any difference", "Still getting declined, sorry."},
		hedgedSuccess: []string{"hang on, just trying it now... ok yes, looks like that's sorted it", "I think so? let me refresh. Yes, it's gone through this time.", "not sure it did anything... actually no wait, it's working now"},
		hedgedFailure: []string{"give me a sec... no, it's still giving me the same thing", "hmm it looked like it was working for a moment but then it failed again", "im not sure, maybe? no i dont think so, still stuck on the same screen"},
		handedOver:    []string{"ok, how long will they usually take to get back to me?", "fine, I'll keep an eye on my emails then."},
		greetings:     []string{"Hi there, thanks for your patience while I pulled up your account.", "Good morning, you're speaking with the support team.", "hello, sorry for the wait."},
		asks:          []string{"Before I go any further, would you be able to confirm your postcode for me?", "could u send me a screenshot of the error pls", "What's the name of the shop or website where you tried to pay?", "Just to check, roughly when did this first start happening?"},
		answers:       []string{"postcode is SW1A 2AA", "ok sending it now, it says 'transaction not permitted'", "It was on amazon", "since friday i think, maybe thursday"},
		closings:      []string{"Happy that's sorted for you. Is there anything else I can help with today?", "great, anything else i can do for u?"},
		farewells:     []string{"no that's everything, have a good day", "All good thanks, bye for now."},
	},
	PoolOutsider: {
		success:       []string{"yup that did it, ta", "Oh lovely, it's accepted it now.", "omg finally!! working now", "Confirmed, all fine on my side. Cheers for that.", "well it behaves now, no thanks to the last person I spoke to", "Just had another go and no error, thank u so much", "Spot on, that's exactly what I needed.", "Grand, up and running again."},
		failure:       []string{"uh no, same story", "Exact same error message, sadly.", "changed nothing at all tbh", "Wow, great, still broken. Any other bright ideas?", "I did that before I even messaged you.", "Zilch. It just spins and then kicks me out.", "Did it two times, nothing's different.", "mm no, still won't go"},
		hedgedSuccess: []string{"One sec, refreshing... ok yes, it's in.", "Unsure, the page is slow - oh, there it is, it's done.", "I think so? it's showing now, yeah."},
		hedgedFailure: []string{"Give me a moment... no, it's still at it.", "I thought it had sorted itself for a second but no, same problem.", "Erm, not sure - oh, no, it's still not letting me."},
		handedOver:    []string{"Right, but I really hope someone actually rings this time.", "ok, how many days will that be? I need this fixed by Friday"},
		greetings:     []string{"Morning!", "Hiya, thanks for waiting.", "Hello hello, sorry about the queue."},
		asks:          []string{"So I can dig in, which phone and app version are you on?", "When did this kick off, more or less, and what message pops up?", "which 4 numbers does the card end with, so I can pull it up?", "Can I grab the login ID you use please?"},
		answers:       []string{"Pixel 7, whatever build auto-updated on Monday", "Since about Tuesday night, it just shows 'something went wrong'.", "ends in 0392", "it's the gmail one, same as always"},
		closings:      []string{"Lovely stuff - anything else I can help with today?", "Glad that's fixed. I'll close this chat off now."},
		farewells:     []string{"No that's all, cheers, have a nice one", "all sorted, bye!"},
	},
	PoolStranger: strangerTalk,
	PoolGuest:    guestTalk,
	PoolVisitor:  visitorTalk,
}
