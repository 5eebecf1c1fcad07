package eval

// guestPhrasings are the guest pool's wordings of each action, keyed by action id: pasted
// macro text, numbered steps in one turn, reasons before the proposal, polite indirect
// proposals, product-help imperatives, reassurance bundled with the action, checks put as
// questions and past-tense reports of what the agent already did.
var guestPhrasings = map[string][]string{
	"order_replacement_card": {
		"Good news: a brand-new card is now on its way to the address we hold for you. Expect it in the post within about a week; your current one stops working once the fresh one is activated.",
		"To get a fresh card issued: 1) open the app, 2) tap the card, 3) choose 'Issue a fresh card', 4) confirm where it should be delivered. It will be posted straight to you.",
		"Since the chip on your current card is damaged, the simplest fix is a different plastic altogether, so I've put through an order for another card to be posted out to you today.",
	},
	"freeze_card": {
		"Because the card may be in someone else's hands, the safest move is to stop it working right now, so I've paused it against all payments and withdrawals for the moment; you can switch it back on whenever it turns up.",
		"Would you mind tapping your card in the app and flicking the 'Pause card' switch? That stops any payment going through on it until you turn it back on.",
		"Don't worry, nothing more can be spent with it now: I've temporarily switched your card off, so every payment attempt on it will be declined until you tell us otherwise.",
	},
	"unfreeze_card": {
		"Your card is active again: I've lifted the hold we placed on it earlier, so payments and cash withdrawals should go through as normal from now on.",
		"Open the app, tap the card, and set the 'Pause card' toggle back to off. The card is live again the moment you do that.",
		"Have you had a chance to switch your card back on in the app? It's still paused from last week, which is why the shop's terminal keeps refusing it.",
	},
	"reset_password": {
		"Heads-up: a link to choose a fresh password is now in your inbox. It's valid for 30 minutes, so pick something you haven't used before.",
		"On the sign-in page, tap 'Forgot password?', enter your email address, then follow the steps in the message we send you to pick a different password.",
		"Since the login keeps rejecting what you type, I'd suggest starting over with a brand-new password; would you mind using the 'Forgot password?' option on the sign-in page?",
	},
	"check_card_expiry": {
		"Would you mind having a look at the front of your card? The 'valid thru' date printed there might already have passed, which would explain the declines.",
		"Have you had a chance to look at the month and year printed on the card? If that date is behind us, the card simply won't be accepted anymore.",
		"Take a look at the two-digit month and year on your card and let me know whether they're still in the future.",
	},
	"contact_issuer": {
		"The decline isn't coming from our side; it's the bank behind your card that's stopping it. The quickest route is to ring the number on the back of the card and ask them to let this payment through.",
		"Would you mind getting in touch with the bank that gave you the card? They're the only ones who can see why it was refused and approve it.",
		"Give the bank that issued your card a ring - the number's printed on the back - and ask them to approve this purchase.",
	},
	"update_app": {
		"We fixed this bug in our most recent release, so: open the App Store or Google Play, find our app, and get the newest version onto your phone.",
		"Have you had a chance to grab the newest version of the app from your app store? The one you're running is a few releases behind.",
		"1) Open your phone's app store. 2) Search for our app. 3) If there's a button offering the newest version, tap it. 4) Open the app again once it has finished.",
	},
	"reinstall_app": {
		"Sometimes the installation itself gets corrupted, and the only cure is a clean start: remove the app from your phone completely, then download it fresh from the store and sign back in.",
		"Would you mind removing the app from your phone and then downloading it again from the app store? Starting from a clean copy usually sorts this out.",
		"1) Press and hold the app icon. 2) Choose 'Remove app'. 3) Restart your phone. 4) Download the app again from your app store and sign in.",
	},
	"verify_identity": {
		"To confirm it's really you, we need a quick photo of your passport or driving licence plus a selfie; just go to Profile > Confirm who you are in the app and follow the prompts.",
		"Before we can lift the restrictions, regulations require us to confirm who you are, so would you mind snapping a picture of your passport or driving licence in the app?",
		"Have you had a chance to finish the ID check in the app yet? Your account stays limited until we've seen your photo ID and a selfie.",
	},
	"wait_processing": {
		"Nothing's gone wrong: these go through overnight. If you leave it until this time tomorrow, it should have cleared on its own.",
		"I know it's frustrating, but this one just needs time; payments like this take up to one business day to settle, so please hold off until tomorrow before trying again.",
		"Our system is still working through it, so no action is needed on your side; check back tomorrow morning and it should show as completed.",
	},
	"reenter_card_details": {
		"The numbers we received don't match the card, so a typo is likely; would you mind removing the saved card and typing the sixteen digits, expiry and security code in once more, slowly?",
		"1) Delete the saved card from the payment page. 2) Key in the long card number digit by digit. 3) Add the expiry date and the three-digit code from the back. 4) Press Pay.",
		"Let's rule out a mistyped digit: fill in the card number, expiry date and CVV from scratch on the payment form.",
	},
	"check_recipient_details": {
		"Have you had a chance to compare the IBAN and name on the transfer with what the person you're paying gave you? Even one wrong character will bounce it back.",
		"Open the transfer and look over the sort code, account number and name you entered for the person you're paying, to make sure nothing is off.",
		"Returned transfers are almost always down to a mismatch in the payee information, so would you mind reading me back the sort code and account number you used, and comparing them with their invoice?",
	},
	"raise_refund": {
		"I've put through a claim to have the £24.99 paid back to your card; you'll see the money returned within 5 to 10 working days.",
		"Good news: the money for that charge is coming back to you. I've submitted the paperwork to have it reimbursed, and it normally reaches your account within a week.",
		"Since you were charged twice, I've arranged for the duplicate amount to be credited back to your account; no action needed on your side.",
	},
	"dispute_charge": {
		"As the shop won't respond, I've formally challenged that transaction with the card network on your behalf; while it's investigated, the amount is credited to you provisionally.",
		"1) Tap the transaction in your activity list. 2) Choose 'Something's wrong'. 3) Pick 'Not as described'. 4) Submit. That starts a formal challenge of the payment with the merchant.",
		"Since the merchant is refusing to give your money back, the next step is to contest the payment through us: would you mind tapping the transaction and choosing 'Challenge this payment'?",
	},
	"top_up_balance": {
		"The payment bounced because there's only £3.20 in the account; if you load some funds on by bank transfer or card, it should go through on the next attempt.",
		"Would you mind moving some money in from your other account first? Right now the balance is too low to cover it.",
		"Quick check: have you had a chance to put funds into your wallet since the order failed? It needs at least the full amount in it before the payment will be accepted.",
	},
	"clear_cache": {
		"Old temporary data stored by the app can cause this screen to freeze, so: open your phone's Settings, go to Apps, pick our app, tap Storage, and empty the cached data.",
		"Would you mind wiping the app's stored temporary files? On Android that's Settings > Apps > our app > Storage; it won't delete your account or sign you out.",
		"1) Open your phone's Settings. 2) Go to Apps. 3) Select our app. 4) Tap Storage. 5) Tap the button that deletes cached data. 6) Reopen the app.",
	},
	"enable_online_payments": {
		"Your card is currently set to refuse internet purchases, which is why the shop's checkout fails; open the card's security options in the app and allow online transactions.",
		"Have you had a chance to allow internet shopping on the card? It's off by default on new cards, so websites can't charge it.",
		"1) Tap your card in the app. 2) Go to Security. 3) Flip the 'Online purchases' toggle so it shows green. 4) Retry the checkout.",
	},
	"update_address": {
		"Because post is being sent to where you lived before, the fix is on your profile: tap Personal details, edit your home address, and save.",
		"All done - I've amended the home address we hold for you to 14 Elm Road, so future letters and cards go to the right place.",
		"Would you mind correcting your postal address under Personal details in your account? The one we have on file is out of date.",
	},
	"resend_verification_email": {
		"A fresh activation message has just gone out to your inbox from our side; click the link in it to confirm your email address (it sometimes lands in spam).",
		"Have you had a chance to tap 'Didn't get the email?' on the sign-up screen? That sends a second activation message so you can confirm your address.",
		"The first link we sent has expired, which is why it says invalid, so I've pushed out another email-confirmation message just now. Click the button inside within 24 hours.",
	},
	"unlock_account": {
		"After too many wrong password attempts the system shuts you out for your protection; I've now cleared that restriction, so you're able to sign in again straight away.",
		"Your login is open again: I've reactivated access to your profile after the failed sign-in attempts, so please go ahead and sign in with your usual password.",
		"Would you mind opening the 'Restore access' link we just emailed and following it? That releases the lockout triggered by the failed logins, and you keep your current password.",
	},
	"update_phone_number": {
		"Since the security codes are going to your old number, head to Profile > Contact details and swap in your current mobile number, then confirm it with the code we text you.",
		"I've replaced the mobile number on your profile with the one ending 0932, so one-time codes will come to that phone from now on.",
		"Would you mind putting your current mobile number in under Contact details? We'll need that before the SMS codes can reach you.",
	},
	"send_statement": {
		"A PDF of your March account statement is attached to a message I've just sent you; it lists every transaction for the month.",
		"1) Open the app. 2) Tap Account. 3) Choose 'Statements'. 4) Pick the month you need. 5) Save the PDF to your phone.",
		"For the mortgage application you'll need a full list of transactions, so I've produced your last three months' bank statements and they're in your inbox now.",
	},
	"send_document": {
		"The confirmation letter you asked for is attached to a message that's just gone to your inbox; it's signed and stamped, so you can hand it straight to your landlord.",
		"You'll find the paperwork under Profile > Letters and certificates; tap the file and save the PDF to your device.",
		"Since your accountant needs it by Friday, I didn't want you waiting on the post: a copy of the document you requested is now in your mailbox as a PDF.",
	},
	"cancel_pending_payment": {
		"Because the transfer hadn't left yet, I was able to catch it in time: the pending payment of £250 has been revoked and the amount is back in your available balance.",
		"While it still shows as 'Scheduled', you can call it off yourself: tap the payment in your activity list and choose 'Don't send'.",
		"Would you mind calling off that outgoing payment before tonight's cut-off? It's still waiting to go, so tapping it and choosing 'Withdraw payment' will keep the money in your account.",
	},
	"raise_limit": {
		"I've bumped your daily spending cap up to £2,000, so the purchase should go through now.",
		"1) Tap your card. 2) Open Limits. 3) Drag the daily spending slider higher. 4) Confirm with your PIN.",
		"Since the amount is above what the card currently allows per day, the fix is a higher cap: would you mind moving the spending ceiling up in the card's limits section?",
	},
	"change_pin": {
		"If you've forgotten the four digits, pick a fresh PIN: 1) tap your card, 2) choose 'PIN', 3) key in a different four-digit number twice.",
		"Would you mind choosing different digits for your PIN? In the app it's under the card's security options, and it takes effect straight away.",
		"Since the PIN may have been seen by someone else, the safest thing is to swap it for four different digits; any cash machine offers that under 'PIN services'.",
	},
	"reset_security_questions": {
		"I've wiped your old memorable questions and answers, so next time you sign in you'll be asked to pick fresh ones.",
		"1) Go to Profile. 2) Tap Security. 3) Select 'Memorable questions'. 4) Pick three questions and type answers you'll remember.",
		"Since you can't recall the answers you chose years ago, would you mind picking a fresh set of secret questions and answers under Security in your profile?",
	},
	"book_appointment": {
		"I've reserved a slot for you with one of our financial advisers on Thursday at 10am at the High Street branch; a calendar invite is on its way.",
		"This needs a face-to-face conversation, so please pick a time that suits you on our website under 'Meet an adviser' and reserve it.",
		"Have you had a chance to grab a time slot with an adviser through the website? The first free ones are next week, and they can go through it all with you in person.",
	},
	"escalate_specialist": {
		"This is beyond what I can resolve from here, so I've handed your case to a team who deal specifically with this kind of issue; someone from there will be in touch within two working days.",
		"Your case has now been referred to our expert case-handling team. They will review everything and contact you directly within 48 hours. Reference: CS-20931.",
		"Just so you know what happens next: I've put your case in the hands of a more experienced colleague, who'll pick it up from here and reach out to you.",
	},
	"escalate_fraud_team": {
		"Because these payments look like someone else using your details, I'm handing this straight to the colleagues who investigate unauthorised activity; they'll take it from here and call you.",
		"Your report of suspicious activity has been referred to our Financial Crime team, reference FC-4471. An investigator will contact you within 24 hours.",
		"You're in good hands: I've flagged this to our scam and fraud investigators, and they'll be the ones following it up with you from now on.",
	},
	"escalate_technical": {
		"It looks like a fault on our side rather than anything you've done, so I've logged it with the developers who look after the app; they'll investigate and we'll let you know once it's fixed.",
		"Bug report IT-8812 has been created and assigned to our IT department. We will be in touch as soon as they have news.",
		"I can't fix this glitch from the support desk, so I've handed it over to the people who build and run our systems; they'll dig into it and report back.",
	},
	"resend_tracking_link": {
		"So you can see where your parcel is, I've sent a fresh copy of the shipment-tracking message; tap the link in it to follow the courier's progress.",
		"Have you had a chance to look at the dispatch email we sent when it shipped? There's a 'Follow your parcel' button in it that shows live progress.",
		"A new parcel-tracking URL has just gone to your inbox. Click it to see where your delivery is and when the courier expects to arrive.",
	},
	"cancel_order": {
		"I've voided your order before it left the warehouse, so nothing will be dispatched and your card won't be charged.",
		"1) Go to My orders. 2) Find the order. 3) Choose 'Withdraw order'. This only works until the parcel has been handed to the courier.",
		"Since you no longer want it and it hasn't shipped, I've scrapped the purchase entirely; the payment hold on your card will disappear within a few days.",
	},
	"offer_exchange": {
		"No need to wait for your money back: post the jacket to us in its original packaging and we'll send the medium in its place at no extra cost.",
		"I've set up a swap for you: once the courier collects the wrong colour, the blue one you wanted goes straight out.",
		"Would you be happy to trade the shoes in for a size 9 instead? If so, just return them and the larger pair goes out as soon as yours reach us.",
	},
	"send_return_label": {
		"A free-postage return sticker for your parcel is now in your inbox; print it, tape it to the box, and drop it at any post office.",
		"1) Open the order. 2) Tap 'Send it back'. 3) Save the postage-paid slip as a PDF. 4) Print it and attach it to the box.",
		"So you don't pay anything to send it back, I've generated a postage-paid returns sticker and it's waiting in your inbox; just print it and stick it on the parcel.",
	},
	"apply_promo_code": {
		"I've put the SPRING15 voucher on your order, so the total now shows 15% off.",
		"1) Go to checkout. 2) Find the 'Discount' box. 3) Type SPRING15. 4) Tap 'Redeem' and check that the total drops.",
		"Sorry the discount didn't come through when you paid! I've redeemed the voucher against your order manually, and the difference will show on your receipt.",
	},
	"clear_browser_cookies": {
		"Stored site data in your browser can hold on to an old session, which is what's causing the loop; in Chrome, go to Settings > Privacy > Delete browsing data, tick 'Cookies', and confirm.",
		"Would you mind deleting the cookies our website has saved in your browser, then signing in again? That usually breaks the login loop.",
		"1) Open your browser's settings. 2) Find Privacy. 3) Remove cookies and site data for our website. 4) Close the browser and reopen the page.",
	},
}

// guestTalk is the guest pool's wording of everything but the actions.
var guestTalk = talk{
	success: []string{
		"Yes! The payment page finally says approved.",
		"Oh, that's done the trick, thanks so much.",
		"Right, it went through first time now.",
		"Sorted. Honestly, thank you, I was getting worried about the rent.",
		"All good on my end now, it's behaving itself.",
		"Just tried again and it's fine. You're a star.",
		"Lovely, that's fixed it. My daughter was waiting on that money.",
		"Yes, everything's back to normal.",
	},
	failure: []string{
		"No, the same message comes up.",
		"Tried it, nothing's changed, I'm afraid.",
		"Still getting declined.",
		"That hasn't made any difference. I've been at this for an hour now.",
		"Nope, it still won't let me.",
		"Sorry, still broken.",
		"Did exactly that and the error is back again.",
		"The page still says payment failed.",
	},
	hedgedSuccess: []string{
		"Give me a sec... hang on... yes, it's gone through.",
		"I'm not sure it did anything... oh, actually, there it is, all fine now.",
		"Let me just refresh... right, that looks like it's sorted.",
	},
	hedgedFailure: []string{
		"Hang on, let me try... no, it's doing the same thing.",
		"It seemed to load for a moment, but no, still the error.",
		"I think... no, sorry, it's still refusing.",
	},
	handedOver: []string{
		"Understood, I'll wait for them to get in touch then.",
		"No problem, thanks for sending it their way.",
	},
	greetings: []string{
		"Hi there, thanks for your patience. Let's get this sorted for you.",
		"Good afternoon! I've read your message and I'm on it.",
		"Hey, sorry you've run into this - I'll do my best to help.",
	},
	asks: []string{
		"For security, what's the postcode registered on your account?",
		"Which phone number did you sign up with?",
		"Roughly how much was the payment, and who was it to?",
		"What's the order number? It starts with a hash on your receipt.",
	},
	answers: []string{
		"It's SW4 7QR.",
		"07700 900123.",
		"About £62, to a shop called Hartley's.",
		"#A55213.",
	},
	closings: []string{
		"Wonderful, happy it's all working again. Is there anything more I can look into?",
		"That's great news. Anything further I can do for you today?",
	},
	farewells: []string{
		"That's everything, thanks for your help.",
		"All done on my side, take care.",
	},
}
