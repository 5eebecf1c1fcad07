package eval

// The visitor pool: a ninth set of wordings of the recommendation
// simulation, written from each action's id and develop wording and the
// develop pool's small talk only, before any run on it. Its registers mix
// live chat, phone-call transcripts with fillers, email-like turns, terse
// agent notes, non-native English and the odd typo; some proposals are put
// as questions, some turns report what the agent already did, some give the
// reason before the action. It is run only to report, never to develop on.

// visitorPhrasings are the visitor pool's wordings of every action, by id.
var visitorPhrasings = map[string][]string{
	"order_replacement_card": {
		"ok so I've put through an order for a brand new card, it should land in your letterbox within about a week.",
		"Would you like me to send you a fresh card? You can also request one yourself under Cards > Replace card.",
		"As that card can't be used any more, the quickest route is a new one, so I've issued a replacement to the address we hold.",
	},
	"freeze_card": {
		"Right, um, I've gone ahead and locked the card for now, so no payments can go through on it.",
		"Can you pause the card from the app? Tap on it and hit the freeze toggle.",
		"card put on hold per cust request, all spending stopped",
	},
	"unfreeze_card": {
		"I've lifted the freeze on the card, could you give the payment another go?",
		"Have you tried switching the freeze toggle back off in the card settings? That makes it usable again.",
		"The card was still on hold from earlier, so i reactivated it just now - you can use it again.",
	},
	"reset_password": {
		"I just sent a link to your email so you can pick a new password.",
		"On the sign-in page please tap 'Forgot password' and follow the steps to set a new one.",
		"Would you be able to do a password reset? Usually that clears this kind of login trouble.",
	},
	"check_card_expiry": {
		"Could you have a look at the front of the card, what's the valid-thru date on it?",
		"Just to rule it out, is the card maybe past its expiration date? It's printed under the long number.",
		"pls check exp. date on the card, it may be out of date",
	},
	"contact_issuer": {
		"This decline is coming from your bank's side, not ours, so you'd need to give them a ring and ask them to let it through.",
		"Have you got in touch with the bank that issued your card? They're the only ones who can lift that block.",
		"Advised cust to phone the card-issuing bank re: the blocked payment.",
	},
	"update_app": {
		"Um, which version are you on? Could you go to the app store and grab the newest version?",
		"That bug was fixed in a recent release, so please update the app and try it once more.",
		"kindly do the upgrade of application to newest version from the store and try again",
	},
	"reinstall_app": {
		"Could you delete the app off your phone completely and then download it again from the store?",
		"Sometimes the install gets corrupted, so removing the app and putting it back on usually does the trick.",
		"advised full uninstall + fresh install of the app",
	},
	"verify_identity": {
		"Before we can go further I need you to confirm who you are, could you snap a picture of your passport or driving licence in the app?",
		"Your account is waiting on ID checks, please finish the verification step in the app.",
		"Would you mind sending us a photo of your ID document plus a selfie so we can confirm it's really you?",
	},
	"wait_processing": {
		"Honestly it just needs a bit more time, these usually clear within one working day, so give it till tomorrow.",
		"It's still being processed on our end, could you hang on for about a day and check again?",
		"Status pending, no action needed yet. Told cust to allow 24h for it to complete.",
	},
	"reenter_card_details": {
		"Could you type the card number, expiry and CVV in again? It's easy for one digit to slip.",
		"The details didn't seem to match, so please remove the card and add it again, typing everything carefuly.",
		"pls input the card informations once more, maybe there is a mistake in one number",
	},
	"check_recipient_details": {
		"Could you double check the IBAN and the name of the person you're paying? If one character is off it bounces.",
		"It looks like the payee info might be wrong - can you compare the account number and sort code with what they gave you?",
		"asked cust to verify payee acct no. / sort code",
	},
	"raise_refund": {
		"I've put in a request to get that money back to you, it normally shows up in 3-5 days.",
		"Since that charge shouldn't have happened, I've submitted a refund on it.",
		"ok so, um, I've processed a refund on that payment for you, you should recieve it shortly.",
	},
	"dispute_charge": {
		"I have raised a formal dispute with the merchant over that transaction.",
		"Would you like to contest the payment? You can do it yourself by tapping the transaction and choosing 'Report a problem'.",
		"chargeback claim lodged for the disputed txn, merchant has 10 days to respond",
	},
	"top_up_balance": {
		"There isn't enough in the account for that, so please add funds first and then retry.",
		"Could you load some money onto your account? The payment needs the balance to cover it.",
		"balance too low - cust to add funds then re-attempt",
	},
	"clear_cache": {
		"Could you go into your phone settings, find the app under storage, and wipe its cached data?",
		"Old temporary data can cause this, so clearing the app's storage cache should help.",
		"uh, so, go to Settings, then Apps, then our app, Storage, and tap clear cache, then open it again",
	},
	"enable_online_payments": {
		"Your card has internet purchases switched off; can you enable them under card controls?",
		"Would you mind activating e-commerce payments on the card? It's a toggle in the security settings.",
		"Online transactions were disabled on the card, asked the customer to turn them on in the app.",
	},
	"update_address": {
		"You can edit your home address under Profile > Personal details, could you put the new one in?",
		"I have changed the address on file to the new one you gave me.",
		"addr amended on acct per cust",
	},
	"resend_verification_email": {
		"I've just triggered a new confirmation email, it might take a few mins, and please check your spam folder too.",
		"Could you tap 'Resend email' on the verify screen so a fresh link gets sent out?",
		"The first link has probably expired, so I've sent another verification message to your inbox.",
	},
	"unlock_account": {
		"Your access was locked after too many wrong tries, I've lifted that now so you can sign in.",
		"Could you use the unlock link in the email we sent after the lockout? That'll get you back in.",
		"acct lock removed, cust able to log in again",
	},
	"update_phone_number": {
		"Could you put your new mobile number into your profile so the codes go to the right phone?",
		"I've swapped the old number on your account for the new one you gave me.",
		"please to change your telephone number in the app profile section, then the codes will arrive",
	},
	"send_statement": {
		"I've just sent your account statement over by email, it should be in your inbox shortly.",
		"You can grab the statement yourself under Documents in the app, there's a PDF download button.",
		"statement for the requested period emailed to cust",
	},
	"cancel_pending_payment": {
		"As it hasn't gone out yet, I've stopped the payment, so it won't leave your account.",
		"Could you cancel that transfer from the pending list before it gets processed?",
		"cust's outgoing pmt stopped while still pending, funds stay in acct",
	},
	"raise_limit": {
		"I've bumped up your spending limit, you should be able to make that payment now.",
		"Can you increase the limit yourself under card settings? Just drag the slider up.",
		"daily limit increased on acct at cust request",
	},
	"change_pin": {
		"Could you pick a new PIN in the app under card security?",
		"Um, you can change the PIN at any cash machine, just choose PIN services from the menu.",
		"I've sent out a new PIN for you, it will come by post in a few days.",
	},
	"reset_security_questions": {
		"I've cleared your old security questions, so you can set up new ones next time you log in.",
		"Could you pick fresh security questions and answers in your profile settings?",
		"sec questions reset on acct, cust to choose new ones",
	},
	"send_document": {
		"I've sent the document you asked for to your email, have a look in a few minutes.",
		"You can download that letter from the documents area of your account.",
		"requested doc emailed to cust",
	},
	"book_appointment": {
		"I've booked you in with one of our advisers, you'll get a confirmation with the time.",
		"Would you like to set up an appointment? You can pick a time slot on our website.",
		"appt booked at local branch for cust, confirmation sent",
	},
	"escalate_specialist": {
		"This needs someone with more access than me, so I'm handing it to our specialist team and they'll be in touch.",
		"I've referred your case to a senior team member, you should hear back within 48 hours.",
		"escalated to specialists for review, cust informed they will be contacted",
	},
	"escalate_fraud_team": {
		"Because this looks like it could be fraud, I'm putting you through to our fraud team now, please hold.",
		"I've flagged this with our fraud investigations team, they'll contact you directly.",
		"case passed to fraud dept, cust advised to expect a call",
	},
	"escalate_technical": {
		"This looks like a fault on our side, so I've logged it with our technical team to look into.",
		"Let me raise this with our IT engineers, they'll investigate and get back to you.",
		"tech ticket opened, bug reported to engineering",
	},
	"resend_tracking_link": {
		"I've emailed you the tracking link again so you can see where the parcel is.",
		"Could you check your dispatch email? There's a 'track my parcel' link in it.",
		"emailed cust a fresh parcel tracking url",
	},
	"cancel_order": {
		"I've gone ahead and cancelled the order, nothing will be charged.",
		"Since it hasn't shipped yet, you can cancel it under My Orders - would you like to do that?",
		"order cancelled pre-dispatch per cust request",
	},
	"offer_exchange": {
		"Would you like to swap it for another size? I can set that up for you.",
		"Just send the item back and we'll post you the correct one in its place.",
		"exchange set up, replacement item to ship once the return is received",
	},
	"send_return_label": {
		"I've emailed over a free returns label, just print it and stick it on the parcel.",
		"You can print a return label from the order page in your account.",
		"prepaid return label sent to cust email",
	},
	"apply_promo_code": {
		"I've added the discount code to your order, the price should update now.",
		"Could you try putting the voucher code in again at the checkout step?",
		"promo applied to order manually",
	},
	"clear_browser_cookies": {
		"Could you clear the cookies in your browser and then reload the page?",
		"Sometimes old site data gets stuck, so signing out, deleting cookies and signing back in usually fixes it.",
		"advised cust to wipe browser cookies/cache and retry",
	},
}

// visitorTalk is the visitor pool's wording of everything but the actions.
var visitorTalk = talk{
	success: []string{
		"Oh nice, that sorted it, thanks!",
		"yep that's done the trick",
		"It went through this time, thank you so much.",
		"Amazing, all good now",
		"ok it works now!! thx",
		"Finally. Yes, that fixed it, thanks.",
		"Oh wow, it actually worked. Took long enough, but thanks.",
		"Yes that was it, problem solved.",
	},
	failure: []string{
		"nah, no change, it's doing exactly what it did before",
		"Nope, nothing changed.",
		"Did that, still getting the error.",
		"Oh great, another suggestion that does nothing. Still broken.",
		"hmm no, it still won't go through",
		"Tried it twice, same thing happens.",
		"Still stuck I'm afraid.",
		"That didn't fix anything, it's exactly the same.",
	},
	hedgedSuccess: []string{
		"Give me a sec... uh, yeah, looks like it's gone through now.",
		"Not sure it'll work but... oh, ok, yes it did.",
		"Hmm hang on, refreshing... right, seems fine now actually.",
	},
	hedgedFailure: []string{
		"Wait, let me see... no, it's still doing it.",
		"I think so? Actually no, same message again.",
		"Hmm, possibly... no, no difference I'm afraid.",
	},
	handedOver: []string{
		"Alright, I'll wait for their call then.",
		"ok fine, hope they sort it quicker",
	},
	greetings: []string{
		"Hey there, thanks for getting in touch, sorry you're having trouble.",
		"Hi, thanks for your patience, I'm looking into this now.",
		"Hello and welcome, sorry about the hassle with this.",
	},
	asks: []string{
		"Before I start, can I take your full name please?",
		"Which phone are you using, iPhone or Android?",
		"Roughly how much was the payment for?",
		"Can you tell me the postcode registered on the account?",
	},
	answers: []string{
		"It's Sam Patel.",
		"Android, a Samsung.",
		"About 45 pounds I think.",
		"SW1A 2AA",
	},
	closings: []string{
		"Happy that's working now. Is there anything else you need today?",
		"Good stuff! Can I help with anything else?",
	},
	farewells: []string{
		"Nope that's everything, thanks again.",
		"All good, have a nice day.",
	},
}
