package eval

// The drifter pool, the thirteenth, was written blind, before any run on
// it, from each action's id, whether it is a hand-over, its develop
// wordings and the develop pool's small talk only: not the engine, not
// internal/knowledge, not any other pool's wordings, not any figure. It is
// written the way support teams write when nobody tuned on them, in three
// styles, one wording of each action in each: an agent who gives the
// reason first and then proposes softly ("so the next step would be",
// "what usually works is", "you'll want to", "let's"); a terse ticket note
// with abbreviations and odd capitals ("pls", "acct", "txn", "FROZEN");
// and an e-mail as a helpdesk flattens it onto one line, greeting, body,
// sign-off and signature, in US or UK spelling. Hand-overs stay plainly
// hand-overs to another team. Its users react indirectly, with a question,
// with a grumble before the good news, or with sarcasm a person reads at
// once. It is run only to report, never to develop on.

// drifterPhrasings are the drifter pool's wordings, by action id.
var drifterPhrasings = map[string][]string{
	"order_replacement_card": {
		"Because the chip on that card is damaged there's no fixing it, so the next step would be a new one — I've put the order in and it should reach you in about a week.",
		"Replacement card ordered. ETA 5-7 biz days to the address on file.",
		"Hi there, thanks for bearing with me. I've now arranged for a brand-new card to be issued and posted to you; please allow up to a week for delivery, and note the card number will change. Kind regards, Dana | Card Services",
	},
	"freeze_card": {
		"Until we know where the card has ended up, you'll want to freeze it from the card screen in the app — it takes a second and you can undo it later.",
		"Card FROZEN on our side as of now - no txns will go through.",
		"Hello, to make sure nobody else can spend on it, I have placed a freeze on the card, effective immediately. Nothing can be charged to it while the freeze is on. Best wishes, Tom, Customer Support",
	},
	"unfreeze_card": {
		"The card is still on hold from when you reported it missing, which is why it keeps declining, so let's switch that off: toggle the freeze off on the card screen and try the purchase again.",
		"Freeze lifted, card active again. Pls retry.",
		"Hi, good news: now that you've found your card, I've taken the freeze off it, so it will work again for payments and withdrawals straight away. Warm regards, Priya — Cards Team",
	},
	"reset_password": {
		"Since the old password isn't being accepted any more, what usually works is setting a new one: tap 'Forgot password?' on the sign-in page and follow the email we send.",
		"PW reset link sent to the email on file, valid 1 hr.",
		"Hi Marco, I've just triggered a password reset for your login; you'll get an email from us with a link to choose a new password (check your spam folder if it isn't there in ten minutes). Thanks, Sam | Online Banking Support",
	},
	"check_card_expiry": {
		"Declines like this are often just an out-of-date card, so the next step would be to look at the 'valid thru' date on the front and tell me which month and year it shows.",
		"pls check exp. date on the card (MM/YY) - it may have run out.",
		"Hello, before we go any further, could you take a look at the expiration date printed on your card and let me know whether it has already passed? Cards stop working once that month is over. Many thanks, Lee, Customer Care",
	},
	"contact_issuer": {
		"We can see the payment reach us but it's your card provider that turns it down, so you'll want to ring the bank that issued the card and ask them to let it through.",
		"Decline is coming from your bank's side, not ours. Pls call them & ask them to approve it.",
		"Hi Jo, I've checked at this end and nothing is stopping the payment on our side; the refusal comes from the bank that issued your card. The quickest fix is to phone the number on the back of the card and ask them to authorize the payment. All the best, Chris | Payments Team",
	},
	"update_app": {
		"This bug was fixed in the most recent release, so let's get you onto that: open the App Store or Google Play and hit Update next to our app.",
		"Outdated app version. Pls update to newest from the store, then retry.",
		"Hi, the version you're running is a few releases behind, and that's what causes the blank screen. Could you head to your phone's app store and install the newest version, then open the app again? Cheers, Ben — Mobile Support",
	},
	"reinstall_app": {
		"When the app gets stuck like this a clean install usually clears it, so the next step would be to delete the app from your phone and download it fresh from the store.",
		"Pls remove the app + reinstall from store, then log in.",
		"Hello, I'm sorry the app keeps crashing. What tends to fix it is removing the app entirely and then installing it again from the store — your account and money are safe, you'll just need to sign back in. Best regards, Aisha, App Support",
	},
	"verify_identity": {
		"We're required by law to confirm who you are before this can go through, so you'll want to finish the ID check in the app — a photo of your passport or driving licence plus a quick selfie.",
		"ID check outstanding. Pls upload photo ID + selfie in app to continue.",
		"Hi Daniel, your account is waiting on identity verification. Could you send us a clear photo of a government-issued ID through the app so we can confirm it's really you? Once that's approved the transfer will be released. Kind regards, Maria | Verification Team",
	},
	"wait_processing": {
		"Transfers like this go through an overnight batch, so honestly the best thing is to leave it until tomorrow — it's still being processed and should land within 24 hours.",
		"Still PENDING - nothing to do yet, allow up to 1 business day.",
		"Hello, thanks for your patience. The payment is still working its way through processing at the moment, so I'd ask you to give it until the end of tomorrow before we look at it again. Best, Olu — Customer Support",
	},
	"reenter_card_details": {
		"A mistyped digit is the most common reason for that message, so let's try once more: type the card number, expiry and CVV in again slowly, without copying and pasting.",
		"Card details likely mistyped — pls key them in again.",
		"Hi, it looks like the card number didn't validate when you added it. Could you remove it and enter the card details again from scratch, double-checking the security code on the back? Thanks so much, Nina | Customer Care",
	},
	"check_recipient_details": {
		"Most returned transfers come down to one digit off in the payee's details, so the next step would be to compare the account number and sort code you entered with what the recipient gave you.",
		"pls double-check payee acct no. + sort code on the transfer.",
		"Hello, the receiving bank hasn't been able to match the account the money was sent to. Would you mind checking the name, account number and routing number of the person you paid against the details they gave you? Regards, Mike | Transfers Team",
	},
	"raise_refund": {
		"Because you were charged for something you never received, the right move is to get your money back — I've put a refund request through and it should be with you in 3-5 days.",
		"Refund requested for the duplicate charge. 3-5 biz days to post.",
		"Hi Sarah, I'm sorry you were charged for that. I've gone ahead and submitted a refund for the full amount; it usually takes a few working days to appear in your account. Kind regards, Tom — Billing",
	},
	"dispute_charge": {
		"As the merchant won't answer you, the next step would be a formal dispute — tap the transaction and choose 'Dispute this payment' to raise one.",
		"Dispute opened vs merchant, ref DSP-20931. Update in ~10 days.",
		"Hello, as the shop has refused to put things right, I've lodged a formal chargeback claim against the merchant on your behalf. We'll write to you once they respond. Best wishes, Hannah | Disputes",
	},
	"top_up_balance": {
		"The payment is bigger than what's in the account right now, so you'll want to add some funds first and then try it again.",
		"Insufficient funds. Pls top up acct, then retry.",
		"Hi, the transaction was declined because the balance was a little short. If you load some money into the account by card or bank transfer and then retry, it should go through. Thanks, Raj | Customer Support",
	},
	"clear_cache": {
		"Old data stored by the app can cause exactly this, so what usually works is clearing the app's cache: Settings > Apps > our app > Storage > Clear cache.",
		"Pls clear app cache (Settings > Apps > Storage) & reopen.",
		"Hello, it sounds like the app is holding on to some out-of-date stored files. Could you wipe the app's cached data in your phone settings and open it again? You won't lose anything. All the best, Emma, App Support",
	},
	"enable_online_payments": {
		"New cards come with internet purchases switched off, so you'll want to turn on online payments in the card's settings before trying the shop again.",
		"Online/e-com txns disabled on card — pls ENABLE in app.",
		"Hi, I can see that online purchases are currently turned off for your card, which is why the website declined it. If you open the card's security settings and switch on online payments, you can try again right away. Kind regards, Leo — Cards",
	},
	"update_address": {
		"Since your post is still going to your old place, the next step would be to change the address we hold — Profile > Personal details > Address.",
		"Address on acct updated to the new one as requested.",
		"Hello, you'll need to bring your home address up to date in your profile before the card can be sent; just enter the new street, city and ZIP code and save. Best, Grace | Customer Care",
	},
	"resend_verification_email": {
		"The first confirmation link has probably expired, so I've sent you a fresh verification email — click the link in it within 24 hours to confirm your address.",
		"Verification email re-sent. Pls check inbox/spam.",
		"Hello, you can ask for another confirmation email yourself: on the sign-up screen tap 'Didn't get the email? Send again', then open the link we send you. Kind regards, Ivy | Customer Care",
	},
	"unlock_account": {
		"After too many wrong tries the system locks you out for safety, so the next step would be to unlock your account with the link in the email we sent when it happened.",
		"Acct LOCKED after failed logins - now unlocked, pls log in again.",
		"Hi, I've lifted the lock that was put on your account after the failed sign-in attempts, so you can log in as normal again. Thanks, Rob — Online Banking Support",
	},
	"update_phone_number": {
		"The codes are going to your old number, so let's change that: in Profile, edit the phone number and confirm the new one with the code we text you.",
		"Mobile no. on file changed to your new number, SMS codes will go there now.",
		"Hi, as you've switched to a new cell phone number, please update it in your profile settings so our verification texts reach you. Thanks, Amir — Customer Support",
	},
	"send_statement": {
		"As the lender needs proof of your transactions, the quickest route is an official statement, so I've just emailed you a PDF statement for the last three months.",
		"Stmt for Jan-Mar emailed to the addr on file.",
		"Hello, you can get your account statement yourself at any time: open the Statements tab in the app, pick the months you need and download it as a PDF. Kind regards, Ruth | Customer Care",
	},
	"send_document": {
		"Since your landlord needs it in writing, I've sent the document you asked for to your email as a PDF.",
		"Requested doc emailed as PDF attachment.",
		"Hi, the paperwork you asked for is ready: please download the document from the Documents area of your online account. Best wishes, Owen — Customer Support",
	},
	"cancel_pending_payment": {
		"The payment hasn't left yet, so let's stop it: open it under Pending and tap Cancel payment before it's processed tonight.",
		"Pending pmt canceled before it settled. Funds back in avail. balance.",
		"Hello, I caught the payment while it was still pending and have cancelled it, so it will not go out and the money stays in your account. Kind regards, Fatima | Payments",
	},
	"raise_limit": {
		"Your daily spending limit is what's blocking this, so you'll want to raise it in card settings — slide the limit up and the purchase should go through.",
		"Daily limit increased to 5,000, effective now.",
		"Hi, I've increased the spending limit on your card as requested, so the larger payment can go through today. Thanks, Jack — Cards Team",
	},
	"change_pin": {
		"Since the PIN got blocked after the wrong tries, the next step would be choosing a new PIN — you can do it in the app under Card > Change PIN.",
		"Pls set a new PIN at any cash machine (Menu > PIN services).",
		"Hello, for your security I've issued a new PIN for your card; it'll arrive by post in a separate letter within a few days. Best regards, Sofia | Card Services",
	},
	"reset_security_questions": {
		"As you can't remember the answers, let's set up fresh security questions — Profile > Security > Memorable questions, pick three and save.",
		"Sec. questions reset. Pls pick new ones at next login.",
		"Hi, I've cleared the security questions on your profile, so you'll be asked to choose new questions and answers the next time you sign in. Kind regards, Ella — Online Support",
	},
	"book_appointment": {
		"This is best handled face to face, so the next step would be a meeting with one of our advisers — you can pick a slot on our website under Appointments.",
		"Appt booked w/ adviser, Thu 10:30, Market St branch.",
		"Hello, I've arranged for you to meet an adviser at your local branch next Tuesday at 2pm; you'll get a confirmation by email. Best wishes, Paul | Customer Care",
	},
	"escalate_specialist": {
		"This needs someone with more authority than I have, so I'm handing your case over to our specialist team; one of them will be in touch within two working days.",
		"Escalated to specialist team (tier 2). They'll contact you directly.",
		"Hi, I've referred your case to a senior specialist who deals with exactly these situations; they'll take it from here and email you. Kind regards, Zoe — Customer Support",
	},
	"escalate_fraud_team": {
		"Because those payments look like fraud, I'm passing your case to our fraud investigations team now — they'll call you shortly.",
		"Referred to Fraud Ops - they'll call you within the hour.",
		"Hello, given the unauthorised transactions you describe, I've handed this over to our fraud prevention team, who will contact you directly to go through it. Best regards, Ian | Customer Care",
	},
	"escalate_technical": {
		"This looks like a bug on our end rather than anything you're doing, so I'm logging it with our developers to investigate.",
		"Bug ticket raised w/ tech team, ref TEC-5521.",
		"Hi, I've reported the error to our IT team along with your screenshots; they'll investigate and we'll let you know once it's fixed. Thanks, Nora — App Support",
	},
	"resend_tracking_link": {
		"Since the first email seems to have gone astray, I've sent you the tracking link again so you can follow the parcel.",
		"Tracking link re-sent to email on file.",
		"Hello, you can follow your parcel with the tracking link in the email we sent when it shipped — search your inbox for 'Your order is on its way'. Kind regards, Holly | Orders",
	},
	"cancel_order": {
		"As it hasn't been packed yet, let's cancel it: go to My Orders, open the order and tap Cancel order.",
		"Order #10482 canceled, no charge.",
		"Hi, as requested I've cancelled your order before it left the warehouse, and the payment hold will drop off within a few days. Best wishes, Kate — Customer Service",
	},
	"offer_exchange": {
		"Since the jacket came up too small, what usually works is an exchange — send it back and we'll swap it for the size you need at no cost.",
		"Exchange set up: send item back, correct size ships on receipt.",
		"Hello, I'm sorry the colour isn't what you expected. I'd be happy to swap it for another colour or size, and I've set up the exchange, so just return the original. Regards, Lily | Customer Service",
	},
	"send_return_label": {
		"So you don't have to pay postage, I've emailed you a prepaid label — print it, stick it on the box and drop it at any post office.",
		"Return label emailed (prepaid).",
		"Hi, you can print your free returns label straight from the order page in your account, then take the parcel to any drop-off point. Thanks, Dan — Returns Team",
	},
	"apply_promo_code": {
		"The discount didn't carry over when the basket refreshed, so you'll want to type the promo code into the checkout box once more before paying.",
		"Promo code applied to order — discount now showing.",
		"Hello, I've added the discount code to your order manually, so the reduced price is showing now. Best wishes, Mia | Customer Service",
	},
	"clear_browser_cookies": {
		"Old cookies in your browser can stop the site loading your basket, so what usually works is clearing them in the browser settings and then logging back in.",
		"Pls clear browser cookies + cache, then re-login.",
		"Hi, could you try clearing the cookies in Chrome or Safari (Settings > Privacy > Clear browsing data) and then reload our site? Cheers, Sam — Web Support",
	},
}

// drifterTalk is the drifter pool's wording of everything but the actions.
var drifterTalk = talk{
	success: []string{
		"ok that's done it, it finally went through",
		"Well, would you look at that — it actually works now. Thanks.",
		"Tried it on my phone and on the laptop, both fine now.",
		"Sorted! Took a couple of goes, but it's through.",
		"Everything's showing as it should now, so I'd say that fixed it — cheers.",
		"Yesss, that's it, back to normal.",
		"Just checked — no error this time. Much appreciated.",
		"Right, that did the trick. Ta very much.",
	},
	failure: []string{
		"Oh great, the exact same error. Again.",
		"Done that, and it's still doing the same thing.",
		"Is it meant to still say 'failed'? Because it does.",
		"Well that was ten minutes I won't get back, nothing's changed.",
		"Same message as before, I'm afraid.",
		"No difference whatsoever at my end.",
		"Followed every step, still broken.",
		"Fantastic, so it's still not working. Any other ideas?",
	},
	hedgedSuccess: []string{
		"Give me a sec... hmm, it's loading... ah, there we go, it's through.",
		"Wasn't convinced at first, it spun for ages — but yes, it's gone through now.",
		"Let me refresh... I think so? Yep, confirmed, all working.",
	},
	hedgedFailure: []string{
		"Hang on, checking... no, same thing as before, sorry.",
		"For a second it looked like it might work, but then it failed again.",
		"Possibly? ...no, I spoke too soon, it's still stuck.",
	},
	handedOver: []string{
		"Alright, so someone else picks it up from here — how long do they usually take?",
		"Fair enough, I'll look out for their email.",
	},
	greetings: []string{
		"Hi there, thanks for your email and sorry for the hassle — I've picked this up and I'm looking into it now.",
		"Ticket picked up. Reviewing now.",
		"Good morning! Thanks for bearing with us, let's get this sorted.",
	},
	asks: []string{
		"Quick one before I dig in: what are the last 4 digits of the card?",
		"Which e-mail address did you sign up with?",
		"When roughly did the payment happen? A date is fine.",
		"For security pls confirm your DOB.",
	},
	answers: []string{
		"Ends in 0932.",
		"m.okafor@example.net",
		"The 14th, around lunchtime.",
		"03/07/1991",
	},
	closings: []string{
		"Good stuff. Anything else on your end, or are we all set?",
		"Happy that's sorted — shout if anything else crops up before I close the ticket.",
	},
	farewells: []string{
		"All good, ta.",
		"That's everything, have a good one.",
	},
}
