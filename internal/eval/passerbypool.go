package eval

// The passerby pool, the tenth, was written blind, before any run on it,
// from each action's id, whether it is a hand-over, its develop wordings
// and the develop pool's small talk only: not the engine, not
// internal/knowledge, not any other pool's wordings. It is written the way
// a support team that never saw this project writes: live chat, phone
// transcripts with fillers, email turns, terse agent notes, non-native
// English, Indian, Australian, Scottish and US English and the odd typo;
// proposals put as questions, reports of what the agent already did, the
// reason before the action; hand-overs stay hand-overs. Its reactions are
// sarcastic, hedged, delayed or off-topic first, yet plain to a person.
// It is run only to report, never to develop on.

// passerbyPhrasings are three wordings of every action of the simulation.
var passerbyPhrasings = map[string][]string{
	"order_replacement_card": {
		"ok so ive gone ahead and put in for a replacement card, should be with u in 3-5 business days",
		"Since the old one is gone, shall I order you a new card to the address we have on file?",
		"Replacement card requested, dispatch to registered address.",
	},
	"freeze_card": {
		"Um, right, so what I've done is, uh, I've frozen the card, so nobody can, you know, use it for now.",
		"Kindly freeze your card immediately from the app itself, then only no one can misuse it.",
		"To stop any more money going out, I've locked the card on our side for the time being.",
	},
	"unfreeze_card": {
		"Card unfrozen on our end. Pls retry the purchase.",
		"Dear customer, the temporary hold on your card has now been lifted. Please attempt the transaction again.",
		"have you tried unfreezing it? the toggle is under card settings > security i think",
	},
	"reset_password": {
		"Righto, I've just fired off a password reset link to your email, mate.",
		"Uh, so, if you go to the login page there's a, um, 'forgot password' link, you can set a new one from there.",
		"PW reset link sent to cust's registered email.",
	},
	"check_card_expiry": {
		"Would you mind having a look at the date on the front of the card, just to see it hasn't run out?",
		"Sometimes this happens when the card validity is over. Kindly check the valid thru date once.",
		"quick q - is the card maybe past its expiry? the month/year is printed on the front",
	},
	"contact_issuer": {
		"Since the decline is coming from your bank and not from us, you'd need to give them a ring and ask them to let the payment through.",
		"Your best bet's tae phone the bank that issued the card and get them to approve it.",
		"Have you been in touch with the bank that issued your card? They're the only ones who can lift that block.",
	},
	"update_app": {
		"Which version of the app are you on? If it's not the newest one, please grab the update from the App Store or Play Store.",
		"uh, yeah, so first thing, could you, um, update the app? there's a newer version out.",
		"The version you are running is out of date, so please update to the current release and try once more.",
	},
	"reinstall_app": {
		"Could you delete the app off your phone and download it fresh from the store?",
		"Advised cust to remove and re-install the app.",
		"Kindly do one thing: uninstall the application and install it once again from Play Store.",
	},
	"verify_identity": {
		"Before we can go any further we need to confirm who you are, so please take a photo of your passport or driving licence in the app.",
		"the ID check is still outstanding on your profile - can u finish that in the app pls?",
		"Identity verification pending. Customer to submit photo ID.",
	},
	"wait_processing": {
		"These usually clear within a working day, so if you can hang on till tomorrow it should show up.",
		"Honestly I'd just give it twenty-four hours, y'know, it's still being processed on the back end.",
		"Kindly wait for one day, the transaction is under process only.",
	},
	"reenter_card_details": {
		"Could you pop the card number, expiry and CVV in once more? Sometimes a digit gets swapped.",
		"um, can you try putting the card details back in again, like, slowly, just to make sure?",
		"Please key in the card details afresh, making sure every digit is correct.",
	},
	"check_recipient_details": {
		"Are the IBAN and name of the person you're paying definately right? Worth checking against what they gave you.",
		"Returned transfers are nearly always a wrong sort code or account number, so please check the payee's details on that one.",
		"Kindly cross-check the receiver account number once.",
	},
	"raise_refund": {
		"Right, I've put a refund request through for that amount, you'll see it back in a few days.",
		"Refund request logged for the charge in question.",
		"G'day, I've lodged a refund claim for that one for you.",
	},
	"dispute_charge": {
		"Since you don't recognise that payment, I've raised a formal dispute on it with the merchant.",
		"If you tap on the transaction there's a 'dispute this payment' option, could you, er, use that?",
		"Chargeback opened vs merchant, ref to follow.",
	},
	"top_up_balance": {
		"Looks like there isn't enough in the account to cover it, so please add some funds and then try again.",
		"Can you load some money into your account and retry the payment?",
		"You'll need tae put some money intae your account first, then gie it another go.",
	},
	"clear_cache": {
		"Could you go into your phone's settings > apps > our app > storage and hit 'clear cache'?",
		"Kindly clear the cache of the application and then check once.",
		"Old data stored by the app can cause this, so please wipe the app's cached data and retry.",
	},
	"enable_online_payments": {
		"Online purchases are switched off on that card at the moment - can you flick that toggle on in card settings?",
		"uh so, in the app, under the card, there's, um, 'online payments', could you turn that on?",
		"I've enabled internet transactions on your card from my end, so it should go through now.",
	},
	"update_address": {
		"Your new address has now been saved on the account.",
		"Could you put your new address in under Profile > Personal details?",
		"Addr updated per cust request.",
	},
	"resend_verification_email": {
		"I've just triggered another verification email to you, can you check your inbox (and spam)?",
		"The first link has probably expired, so hit 'resend email' on the confirmation screen to get a fresh one.",
		"Verification mail re-sent to registered mail ID.",
	},
	"unlock_account": {
		"Too many wrong attempts locked you out, so I've lifted the lock and you can sign in again.",
		"We emailed you an unlock link, could you click that to get back into your account?",
		"Acct unlocked, cust advised to log in.",
	},
	"update_phone_number": {
		"Could you update the mobile number under your profile so the codes go to your new phone?",
		"Righto, I've changed the phone number on file to your new one.",
		"Kindly change your registered mobile number from the profile section.",
	},
	"send_statement": {
		"I've attached the statement to an email, it should be with you shortly.",
		"Statements live under Documents in the app, you can download it as a PDF from there.",
		"Stmt emailed to cust.",
	},
	"cancel_pending_payment": {
		"Because it hadn't left yet, I was able to cancel that payment, so it won't go out.",
		"It's still showing as pending, so could you cancel it from the transaction screen before it goes through?",
		"uh, yeah, I've, um, stopped that pending payment for you, so it won't be taken.",
	},
	"raise_limit": {
		"I've bumped up your spending limit, so you can try that payment again.",
		"Could you increase the limit under card settings? It's set quite low at the moment.",
		"Daily limit increased as requested.",
	},
	"change_pin": {
		"Could you pop into any cash machine and change the PIN there?",
		"I've reset the PIN on your card, a new PIN letter is being posted out to you.",
		"Kindly set one new PIN from the app under card options.",
	},
	"reset_security_questions": {
		"I've cleared your old security questions, so you can pick new ones next time you log in.",
		"Could you pick some fresh security questions in your profile?",
		"Sec. questions reset on acct.",
	},
	"send_document": {
		"I've just emailed that document across to you.",
		"Could you download the document from your online account? It's there ready for you.",
		"Doc sent to cust's email address on file.",
	},
	"book_appointment": {
		"I've booked you in with one of our advisers for Thursday at 10.",
		"You can book a slot with an adviser on our website, would that work for you?",
		"Since this is best sorted face to face, I've set up a meeting for you at your local branch.",
	},
	"escalate_specialist": {
		"This needs someone with more access than me, so I'm handing it over to our specialist team and they'll get in touch.",
		"Escalated to specialist team, awaiting callback.",
		"uh, I'm gonna, um, pass this up to a senior colleague, they'll give you a call back.",
	},
	"escalate_fraud_team": {
		"Given these payments weren't you, I'm putting you through to our fraud team now.",
		"Case referred to fraud dept.",
		"I'm going to hand this over to our fraud investigators, they'll be in touch shortly.",
	},
	"escalate_technical": {
		"This looks like a bug on our side, so I've logged it with the technical team.",
		"Ticket raised w/ engineering, ref to follow.",
		"Kindly allow me to escalate this matter to our IT team, they will revert.",
	},
	"resend_tracking_link": {
		"Just sent the tracking link over to you again, check your inbox.",
		"The tracking link is in the email we sent when it shipped, could you look for that one?",
		"Tracking URL re-sent to cust.",
	},
	"cancel_order": {
		"Your order has been cancelled and you won't be charged for it.",
		"Could you cancel it from your order history? It hasn't shipped yet so it should let you.",
		"Since it hasn't been dispatched yet, I've gone ahead and cancelled the order.",
	},
	"offer_exchange": {
		"Would you like to swap it for a different size? I can sort that out for you.",
		"Exchange arranged, replacement size to ship on receipt of return.",
		"If you post the item back to us, we'll send out the right one, no charge.",
	},
	"send_return_label": {
		"I've emailed over a return label, just print it and stick it on the parcel.",
		"You can print your return label straight from the order page.",
		"Prepaid return label sent to cust email.",
	},
	"apply_promo_code": {
		"I've added the promo code to your order, so the discount is showing now.",
		"Could you try entering the discount code again at checkout?",
		"The code wasn't applied at checkout, so I've popped it onto your account manually.",
	},
	"clear_browser_cookies": {
		"Could you clear the cookies in your browser and have another go?",
		"Stale cookies can cause this, so please clear them in your browser settings and log in again.",
		"uh, so, if you could, um, delete your browser cookies and then, yeah, sign back in.",
	},
}

// passerbyTalk is the pool's small talk, as many wordings of each kind as
// the develop pool has.
var passerbyTalk = talk{
	success: []string{
		"ok yep that's gone through now, thanks a million",
		"oh nice, it actually worked this time",
		"Sorry, was on another call. But yes, that's sorted it, ta.",
		"Just tried again and it went through fine. Thank you kindly.",
		"Well would you look at that, it works. Cheers!",
		"yes now it is working, thank you so much for your help",
		"Aye, that's it working now, cheers.",
		"Sweet as, all good now.",
	},
	failure: []string{
		"Oh great, same error again. Fantastic.",
		"nope. still broken",
		"Did that, still getting the exact same message.",
		"Sorry, kids are shouting here. Anyway no, it's still not letting me.",
		"still it is not working only",
		"Nah, no change at all, mate.",
		"Tried it twice now, fails every single time.",
		"Did that, still nae joy.",
	},
	hedgedSuccess: []string{
		"Hang on, it's loading... ok, I think that's done it? Yeah, looks good.",
		"Um, maybe? Let me refresh... yes, it's gone through.",
		"Not sure it's... oh, there it is, it's working now.",
	},
	hedgedFailure: []string{
		"Hmm, I might be doing something wrong, but it still looks the same to me.",
		"Give me a sec... no, I don't think anything's changed, sorry.",
		"I think so? Actually no, that same error popped up again.",
	},
	handedOver: []string{
		"Righto, I'll wait for them to ring me then.",
		"ok, if they can sort it, happy to wait.",
	},
	greetings: []string{
		"Hey there, thanks for getting in touch! Sorry you're having trouble.",
		"Good morning, you're through to customer support, how can I help today?",
		"Hiya, thanks for your message. Let me have a look into this for you.",
	},
	asks: []string{
		"For security, what are the last 4 digits on the card?",
		"Which email is the account registered under?",
		"When did the payment happen, roughly?",
		"Can I just take your date of birth to confirm it's you?",
	},
	answers: []string{
		"ends in 9032",
		"it's p.sharma@example.org",
		"Um, I think it was the Friday before last.",
		"It's 3rd of July, 1979.",
	},
	closings: []string{
		"Brilliant, glad that's sorted! Is there anything else I can help with today?",
		"Happy days. Anything else you need from me?",
	},
	farewells: []string{
		"No that's everything, thanks for your help. Bye!",
		"all good, cheers, have a good one",
	},
}
