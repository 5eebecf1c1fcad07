package eval

// outsiderPhrasings: the sixth pool's wordings of each action (3 each), by action id: by one who read neither engine nor pools.
var outsiderPhrasings = map[string][]string{
	"order_replacement_card": {
		"Right, there's another card on its way to you in the mail - roughly seven to ten days - and the old number dies once you start using the one that arrives.",
		"kindly note a substitute debit card is being couriered to the address on our records, pls switch it on when it reaches you",
		"card re-ordered, mailed to addr on record. cust advised 7-10 days.",
	},
	"freeze_card": {
		"Done, I've paused the card at our end, so anything anyone attempts on it now just gets declined until you switch it back.",
		"in the app press the picture of ur card and flick the 'on ice' option immediately so no one else can use it",
		"Card paused temp. pending cust confirming whether it's lost or stolen.",
	},
	"unfreeze_card": {
		"I've taken the pause off your card now, so it should work at the till - have one more go.",
		"u can turn it on again urself, just open the card page and flick the 'on ice' option off",
		"Card status normal again. Pls reattempt the payment and tell me how it goes.",
	},
	"reset_password": {
		"I've fired off an email with a link for choosing a new login password; it stops working after 60 mins so do it soon.",
		"press 'Can't get in?' under the password box and go through the prompts to make up a fresh one",
		"pw reset sent from admin console, cust to create new creds through mailed link",
	},
	"check_card_expiry": {
		"Small question - what's the MM/YY date embossed on your card? If we're past it, there's your culprit.",
		"could u glance at the MM/YY bit on the card... they do run out and then everything gets refused",
		"Sir, kindly confirm the card is not out of date, the MM/YY is embossed beside the digits.",
	},
	"contact_issuer": {
		"Everything looks fine at our end, so it's the bank behind that card that's refusing it - give them a bell, their helpline is printed on the reverse.",
		"honestly this one's with your card company, you'll need to get on the phone to them and ask them to approve this merchant",
		"Advised cust to ring the issuing bank re: refusal, not blocked by us.",
	},
	"update_app": {
		"You're on a pretty dated build - pop into your phone's app marketplace, install the newest one, then have one more go.",
		"pls pull down the latest release from ur app store, earlier builds have that bug",
		"cust on v4.2, told to move to most recent release.",
	},
	"reinstall_app": {
		"Could you get rid of it from your phone entirely and then download it again from the store? That normally sorts out a broken install.",
		"remove the app, switch ur phone off and on, put it back on - sounds daft but it works nine times out of ten",
		"Advised total removal + clean install of mobile app.",
	},
	"verify_identity": {
		"Before I can do anything else we need to be sure it's really you - there's a step in the app where you photograph your passport or national ID card and film a few seconds of your face.",
		"kindly complete KYC (govt photo ID + liveness check) in the app so the account can be cleared",
		"ID check outstanding - pushed doc capture request to cust.",
	},
	"wait_processing": {
		"Honestly the best thing is to sit tight, these usually land overnight, and if it isn't showing by tomorrow afternoon come back to me.",
		"its in progress on our side, leave it 24hrs pls",
		"No action needed, txn in flight. Told cust to give it one working day.",
	},
	"reenter_card_details": {
		"Can you take off the saved card and type the 16-digit number, the expiry and the 3-digit code on the back in again by hand? One wrong character and it bounces.",
		"maybe a slip of the finger when u added it? remove it and put it all in again slowly",
		"Asked cust to re-add card manually (suspect wrong security code).",
	},
	"check_recipient_details": {
		"Could you put the sort code and account no. you used side by side with what the person you were sending to actually gave you? If one figure is off it'll come straight back.",
		"pls make certain the IBAN and account holder name line up precisely with what they have",
		"Asked cust to cross-check receiving acct sort code/no. vs bill.",
	},
	"raise_refund": {
		"I've put through a request to get that money back to you, it'll land on the original card in about 5 days.",
		"ok i've put in for it to be paid back, you'll see it come off ur statement",
		"Refund keyed for 34.99 to orig. card.",
	},
	"dispute_charge": {
		"I've formally contested that transaction with the merchant for you; they have a set time to answer and you'll get the money back provisionally meanwhile.",
		"If it isn't yours, press 'Report a problem' on that payment and choose 'I didn't get what I paid for' - that starts the case.",
		"Contested vs merchant under card scheme rules, ref in notes.",
	},
	"top_up_balance": {
		"Looks like the balance is too low for that - move some cash in from your main account and then try again.",
		"ur wallet's at 0.00, put some money in and retry",
		"Balance too low. Cust to transfer in and reattempt.",
	},
	"clear_cache": {
		"In your phone's settings find us in the application list, then Storage, and tap the option that empties the cached files - not the one that erases everything - then start it back up.",
		"wipe the app's stored temp files (settings > storage) and launch it again",
		"Had cust empty app temp files, relaunch.",
	},
	"enable_online_payments": {
		"Your card comes with web shopping turned off as standard - in the card's safety options there's a setting for paying on websites, set that to on and try the purchase again.",
		"pls permit remote/web payments on the card, they're off atm",
		"Card blocked for CNP use, asked cust to activate in app.",
	},
	"update_address": {
		"I've put the new house address you just read out onto your record.",
		"relocated? go to your personal info and put the new place in, then hit save",
		"Addr edited on file per cust request (new flat).",
	},
	"resend_verification_email": {
		"I've pushed another confirmation email out to you - peek in your spam folder as well, it sometimes ends up there.",
		"Just sent a new sign-up link, pls click it in the next 24h",
		"Re-sent acct confirm email to cust.",
	},
	"unlock_account": {
		"Your sign-in got shut off after too many wrong guesses; I've reset it so you can get in again.",
		"ok you're no longer barred from signing in, try now (carefully lol)",
		"Lifted lockout after bad pw attempts, cust can retry.",
	},
	"update_phone_number": {
		"I've replaced the mobile we send your security SMS to with the new one.",
		"you can edit ur number yourself under Profile > Phone, it'll send a one-time passcode to the new one to confirm",
		"New cell # saved on account, OTP confirmed.",
	},
	"send_statement": {
		"I've just emailed over a PDF of your account activity for October.",
		"You can pull the statement from the app: Accounts > Transactions > choose the period and save it as a PDF.",
		"Sent cust Q3 bank statement by mail.",
	},
	"cancel_pending_payment": {
		"I've managed to catch that payment before it went, it won't go out now.",
		"Since it's still showing as pending, you can press 'Stop' on it under scheduled transfers.",
		"Pending txn voided prior to clearing.",
	},
	"raise_limit": {
		"I've moved your 24-hour spending allowance up to 2,000, effective straight away.",
		"you can up how much ur allowed to spend in card controls, just slide it to what you need",
		"Spend allowance increased per cust req.",
	},
	"change_pin": {
		"You can set a new 4-number code at any cash machine - put the card in, go to 'PIN services' and follow the prompts.",
		"go to card > show/change PIN in the app and enter the new numbers",
		"New PIN mailer ordered, arrives separately from card.",
	},
	"reset_security_questions": {
		"I've erased your saved security answers, so when you log in again it'll prompt you to set up new ones.",
		"pls set up different verification questions in the Security area, the previous answers won't work any more",
		"Cleared cust's security Q&A, to be re-set when they log on.",
	},
	"send_document": {
		"I've sent the letter you wanted over to your email as a file.",
		"You'll find that paperwork in Profile > Letters & certificates, you can download it from there.",
		"Emailed cust the balance letter they asked for.",
	},
	"book_appointment": {
		"I've got you a slot with one of our advisers on Wednesday at 2pm at the High Street branch.",
		"You can reserve a time to meet an adviser face to face through the 'Visit us' section of our site.",
		"Booked in-branch mtg for cust, invite emailed.",
	},
	"escalate_specialist": {
		"I can't alter this myself, so I've logged it in our case system for the Account Resolutions group; they'll phone you, usually within 3 business days.",
		"I've put in a callback request for a team leader, they'll ring you on the number we have on file.",
		"Ticket raised in Complex Queries queue (#88213), awaiting assessment.",
	},
	"escalate_fraud_team": {
		"Because it seems someone else got hold of your details, I've routed it to our Financial Crime desk - they'll ring you from a withheld line this afternoon.",
		"I've put this through to the Card Protection people, please ignore any texts asking for codes in the meantime.",
		"Unauth. txns - case opened w/ Fin Crime, cust told to expect callback.",
	},
	"escalate_technical": {
		"Sounds like a glitch on our end - I've filed it with the Platform crew as APP-4471 and they'll write to you once it's fixed.",
		"I'll get our mobile squad to dig into this, I've attached your screenshots to the incident.",
		"JIRA opened for app crash on login, assigned to on-call.",
	},
	"resend_tracking_link": {
		"I've sent the delivery company's link again so you can see where the box is right now.",
		"check ur email in a min, just re-sent the 'where's my order' message with the live updates",
		"Dispatch notification w/ consignment no. re-sent to cust.",
	},
	"cancel_order": {
		"Done - I've called off that order before it shipped, and the money goes back automatically.",
		"if it isn't boxed up you can scrap it from My Purchases",
		"Order killed prior to fulfilment, auth dropped.",
	},
	"offer_exchange": {
		"Glad to trade it for an M instead - send the L back and the M heads out the moment it reaches us.",
		"we can switch it for a different shade or size, free of charge",
		"Size switch set up: 10 -> 12, same style.",
	},
	"send_return_label": {
		"I've mailed you a no-charge shipping sticker - print it, tape it to the package and hand it in at any newsagent that takes returns.",
		"You can print the free-of-charge returns form from your account under that order, then just leave it at a locker.",
		"Returns QR sent to cust (no printer needed).",
	},
	"apply_promo_code": {
		"I've knocked the 15% off by hand using that code from the email, so your total now reflects the reduction.",
		"try pasting the code again in your bag, no blank at the end - it's case sensitive",
		"Offer SPRING15 added to ord after payment.",
	},
	"clear_browser_cookies": {
		"It's likely leftover site data sitting in your browser - erase what it keeps for our domain, quit the browser and sign in again.",
		"try an incognito tab first, if that works then remove our stored site data from your usual browser",
		"Asked cust to purge browser site data + retry on desktop.",
	},
}

// outsiderTalk is the outsider pool's wording of everything but the actions.
var outsiderTalk = talk{
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
}
