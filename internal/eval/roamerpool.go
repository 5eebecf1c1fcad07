package eval

// The roamer pool, the twelfth, was written blind, before any run on it,
// from each action's id, whether it is a hand-over, its develop wordings
// and the develop pool's small talk only: not the engine, not
// internal/knowledge, not any other pool's wordings, not any figure. It is
// written the way support teams write when nobody tuned on them: live chat
// in a non-native English (simple grammar, odd prepositions); agents who
// ask a question that is really a proposal ("have you tried", "would you be
// able to"); proposals in the passive or in the second conditional; turns
// that apologise or empathise at length before the proposal; numbered
// steps; product screens named with their buttons and toggles; a proposal
// after a "however"; reports of what the agent already did. Hand-overs stay
// hand-overs. Its reactions are plain to a person but long, indirect,
// typo'd or in another register. It is run only to report, never to
// develop on.

// roamerPhrasings are three wordings of every action of the simulation.
var roamerPhrasings = map[string][]string{
	"order_replacement_card": {
		"i make the order for a new card to you now, it will come by post in around one week. the old one you can cut in pieces",
		"I'm really sorry the chip gave up on you, that's such a nuisance when you need to pay for things. I went ahead and put through a request for a replacement card; it will be posted to your home address within about a week.",
		"1. Open the app and go to the Card screen 2. Tap 'Card not working?' 3. Choose 'Order a new card' and confirm your address. The replacement is then posted to you.",
	},
	"freeze_card": {
		"Would you be able to freeze the card right now? On the Card screen there is a Freeze toggle at the top; once it is on, nobody can make a payment with it.",
		"A temporary freeze has been applied to your card, so any attempt to pay with it will be refused until the freeze is lifted.",
		"for your safety i am blocking the card now, from this moment nobody can pay with it",
	},
	"unfreeze_card": {
		"I've taken the freeze off your card from our side, so could you try the payment one more time now?",
		"If you switched the Freeze toggle back off on the Card screen, the card would work again straight away, so could you do that and retry?",
		"the card is still frozen, that's why. please go in Card screen, put the freeze switch on off and then try again to pay",
	},
	"reset_password": {
		"Have you had a go at resetting your password? On the sign-in screen, just below the Log in button, there's a 'Reset it here' link that lets you make a new one.",
		"A link for creating a new password has been sent to your registered email; it stays valid for 30 minutes.",
		"please you make a new password, on the login screen press on 'forgot' and follow what it say",
	},
	"check_card_expiry": {
		"Would you be able to look at the front of the card and tell me the expiry month and year? If that date is already behind us, the card is no longer valid.",
		"I'm so sorry the payment keeps getting refused, I know how embarrassing that is at a till. One thing to rule out first: has the card maybe expired? The end date is printed on the front of it.",
		"maybe your card is expired? please look the date on it, it's written like 05/24",
	},
	"contact_issuer": {
		"I can see the attempt on our side and nothing is stopping it here. However, the bank behind your card is refusing it, so you would need to phone them and ask them to let the payment through.",
		"If you rang the bank that gave you the card and asked them to approve it, the payment would most likely go through; the block sits with them, not with us.",
		"the block is from your bank, not from us. please you call to them, the number is on the back of the card, and ask why they stop it",
	},
	"update_app": {
		"1. Open the App Store or Google Play 2. Search for our app 3. Tap Update 4. Open it again and repeat what you were doing.",
		"Have you got the newest version of the app? If the store shows an Update button next to it, could you tap it and then have another try?",
		"This bug was fixed in the most recent release, so it would be gone once the app is updated to the current version from the store.",
	},
	"reinstall_app": {
		"Would you be able to delete the app from your phone completely and then download it fresh from the store?",
		"1) Press and hold the app icon 2) Choose Remove app 3) Download it again from the store 4) Log in as usual.",
		"please remove the application totally from the phone and install again, sometimes it fix this kind of problem",
	},
	"verify_identity": {
		"Before we can go any further, your identity needs to be confirmed: in the app, go to Profile > Verification and upload a photo of your passport or driving licence together with a selfie.",
		"Have you finished the ID check yet? It's under Profile, you just take a picture of your ID document and one of your face.",
		"we need to confirm it's really you, so please send a picture of your ID card through the app",
	},
	"wait_processing": {
		"I'm sorry, I know waiting is the last thing you want to hear after all this. However, the transfer is still being processed and these can take up to a full working day, so it would be best to give it until tomorrow.",
		"it is still in process, please wait until tomorrow, normally in 24 hours it finish by itself",
		"If you gave it one more day, it would most likely clear on its own; at the moment it is still marked as pending on our side.",
	},
	"reenter_card_details": {
		"Would you be able to type the card number, expiry date and security code in again, slowly? One wrong digit is enough for it to be refused.",
		"1. On the payment screen remove the saved card 2. Add it again by hand 3. Check the 16 digits, the expiry and the 3-digit code 4. Try to pay.",
		"maybe some number was wrong, please write again the card details and look at each digit",
	},
	"check_recipient_details": {
		"Have you double-checked the sort code and account number of the person you paid? Even one digit off and the money won't land in their account.",
		"Could you please look once more at the payee's details on that transfer, the name and the IBAN, and make sure they match what the person gave you?",
		"please verify the account number of the person you sent to, maybe there is a mistake inside",
	},
	"raise_refund": {
		"I went ahead and submitted a refund request for that amount; once it is approved it will be paid back to your account.",
		"A refund has been requested for the charge in question and will be credited back to you once it has been approved.",
		"i make a refund request for this charge, the money will come back to your account",
	},
	"dispute_charge": {
		"I'm so sorry you've been charged for something that never arrived, that's really not okay. I've now logged a formal dispute against that payment with the merchant, and we'll handle it from here.",
		"1. Tap the transaction in your activity list 2. Scroll down to 'Something wrong?' 3. Choose 'Dispute this payment' and tell us what happened.",
		"Would you be able to raise a dispute on that charge yourself? Open the transaction and there's a Dispute button at the bottom of the screen.",
	},
	"top_up_balance": {
		"The balance looks too low for this payment. Have you tried putting some money into the account first and then paying again?",
		"you have not enough money on the account for this, please put money in and do it again",
		"1. Home screen > Add money 2. Pick the amount 3. Confirm with your debit card 4. Repeat the payment.",
	},
	"clear_cache": {
		"Would you be able to clear the app's cache? On Android it's Settings > Apps > our app > Storage > Clear cache; your data stays safe.",
		"If you cleared the cached data of the app, the old screen would stop coming back, so could you do that and open it again?",
		"please do the cleaning of the cache of the application in phone settings, then open it again",
	},
	"enable_online_payments": {
		"Online purchases are switched off for this card, which is why the shop is refusing it. Could you turn them on under Card > Security > 'Online payments'?",
		"Have you tried allowing internet payments for the card? The toggle is in the card's security settings, it is off by default.",
		"your card is not allowed for online shopping at the moment, please activate it in the settings of the card",
	},
	"update_address": {
		"I went ahead and changed the address on your profile to the new one you gave me, so letters will go there from now on.",
		"1. Profile 2. Personal details 3. Home address > Edit 4. Save.",
		"please change your home address in the profile section, then the letters go to the new place",
	},
	"resend_verification_email": {
		"I went ahead and sent the confirmation email once more; please have a look in the spam folder as well.",
		"Would you be able to tap 'Resend email' on the Verify screen? A new confirmation link will come to your inbox within a minute or two.",
		"i send you again the email for verify your address, please click on the link inside",
	},
	"unlock_account": {
		"Your account got locked after too many wrong attempts; I've released that lock now, so you're able to sign in again.",
		"The lock on your account has been removed and access has been restored, so you can log in now.",
		"Would you be able to use the unlock link in the email we sent you? As soon as you click it, your account is open again.",
	},
	"update_phone_number": {
		"Could you go to Profile > Contact details and put your new mobile number there? After that the codes will come to the new phone.",
		"I went ahead and replaced the old mobile number on your account with the new one you just gave me.",
		"please you change the phone number in your profile, the old number is not valid any more",
	},
	"send_statement": {
		"I went ahead and emailed you the bank statement for the months you asked for, as a PDF.",
		"1. Open Account 2. Tap Statements 3. Pick the month 4. Tap Download PDF.",
		"i send you the statement of account on your email, please check it",
	},
	"cancel_pending_payment": {
		"Good news: since it hadn't left yet, I was able to cancel that pending payment, so it won't go out.",
		"Would you be able to cancel the payment yourself while it still shows as pending? Tap on it and choose 'Cancel payment'.",
		"The payment has been stopped before it was processed, so it will not leave your account.",
	},
	"raise_limit": {
		"I went ahead and increased your daily spending limit, so the bigger purchase should go through now.",
		"If you raised the limit under Card > Limits, the payment would go through; could you move the slider up and try again?",
		"i make your limit higher now, you can pay a bigger amount",
	},
	"change_pin": {
		"Would you be able to set a new PIN in the app? It's under Card > Security > Change PIN.",
		"you can change the PIN in any cash machine, put in the card and choose PIN services",
		"Your PIN has been reset on our side, and a letter with the new one is already on its way to you.",
	},
	"reset_security_questions": {
		"I went ahead and cleared your old security questions, so the next time you log in you'll be asked to pick new ones.",
		"Have you tried choosing new security questions? Go to Profile > Security > Security questions and pick ones with answers you'll remember.",
		"please put new security questions and answers in your profile, the old ones are deleted",
	},
	"send_document": {
		"I went ahead and emailed you the document you asked for; it should be in your inbox shortly.",
		"1. Log in on the website 2. Open Documents 3. Click the document you need 4. Click Download.",
		"i send the document to your email address now, please look in your inbox",
	},
	"book_appointment": {
		"I went ahead and booked you an appointment with one of our advisers for Thursday at 10am; you'll get a confirmation by email.",
		"Would you be able to book an appointment on our website? Under 'Contact us' there's a 'Book an appointment' button.",
		"i make for you an appointment in the branch, tomorrow 11 o'clock, please bring your ID",
	},
	"escalate_specialist": {
		"I'm sorry, this is beyond what I can sort out from here. I've handed your case over to our specialist team, and one of them will be in touch with you directly.",
		"i give your case to a senior colleague, he will contact you soon about it",
		"Your case has been escalated to a specialist, who will get back to you within two working days.",
	},
	"escalate_fraud_team": {
		"Because this looks like fraud, I'm transferring you to our fraud team now; please stay on the line.",
		"This has been reported to our fraud investigations department; they'll reach out to you.",
		"this is a case for the fraud department, i pass you to them, they will contact you",
	},
	"escalate_technical": {
		"I've logged a ticket with our technical team so they can look into the bug; they'll update you.",
		"This looks like a fault on our side, so I'm escalating it to our engineers to investigate.",
		"i open a case to the technic team, they will check the system problem",
	},
	"resend_tracking_link": {
		"I went ahead and sent the tracking link to your email again, so you can follow the parcel.",
		"Have you checked the shipping confirmation email? The tracking link is in there, it shows where your parcel is.",
		"i send you a new link for follow your order, check your email",
	},
	"cancel_order": {
		"I went ahead and cancelled the order; you won't be charged for it.",
		"1. My orders 2. Select the order 3. Cancel order (only possible before it ships).",
		"your order is cancel now, no money will be taken",
	},
	"offer_exchange": {
		"Would you like to swap it for another size? I can set up an exchange: just send the item back and the right one goes out to you.",
		"An exchange has been arranged: once the item is returned, the correct size will be sent to you.",
		"we can change the item to another size for you, send it back and we send you the correct one",
	},
	"send_return_label": {
		"I went ahead and emailed you a prepaid return label; print it and stick it on the parcel.",
		"1. My orders 2. Choose the order 3. Return item 4. Print label.",
		"i send the label for the return on your email, print it and put it on the box",
	},
	"apply_promo_code": {
		"I went ahead and applied the discount code to your order, so the total is lower now.",
		"Would you be able to type the promo code again at checkout? The box is under the basket total.",
		"i add the discount code to your account, you can use it on the next order",
	},
	"clear_browser_cookies": {
		"1. Open your browser settings 2. Privacy 3. Clear cookies and site data 4. Log in again.",
		"Have you tried clearing the cookies in your browser? Old ones often cause exactly this kind of login loop.",
		"If you were to log out, wipe the browser's cookies and sign back in, the page would load properly.",
	},
}

// roamerTalk is the pool's small talk, as many wordings of each kind as
// the develop pool has.
var roamerTalk = talk{
	success: []string{
		"omg yes!! it went thru this time, thank u so much",
		"Just tried again and the payment was accepted. Many thanks for your help.",
		"it is working now, thank you very much for help",
		"Ah there we go, the screen finally loads properly. Sorted!",
		"Confirmed, the issue is resolved on my end.",
		"yess that fixed it, you're a legend",
		"Well, would you look at that, it works. Appreciate it.",
		"Everything is fine now, problem solved, thanks a lot.",
	},
	failure: []string{
		"nope, exactly the same error as before :(",
		"I did what you said but it is still failing.",
		"Unfortunately that made no difference whatsoever, the problem is still there.",
		"tried it twice, still doesnt work",
		"It keeps refusing, same message like before.",
		"Nothing has changed, I'm afraid; still broken.",
		"no that didnt fix anything",
		"Still getting the same failure, sorry.",
	},
	hedgedSuccess: []string{
		"Give me a sec, I'm checking... hm, ok, yes, it seems to have gone through this time.",
		"i'm not 100% sure but i think it's working now... yes, it is, it worked",
		"Wait, the page is loading slowly... okay, it looks like it's fine now actually.",
	},
	hedgedFailure: []string{
		"Hmm, hard to say... no, I think it's still doing the same thing.",
		"maybe it worked? ... no, sorry, it's giving me the error again",
		"I'm not certain, but it doesn't look like anything has changed really.",
	},
	handedOver: []string{
		"ok, I'll wait for them to contact me then, thanks",
		"Alright then, I'll be waiting for someone from that team to get back to me.",
	},
	greetings: []string{
		"Good morning and welcome to our chat! How can I assist you today?",
		"hello, thank you for write to us, i will help you with this",
		"Hi there, I'm really sorry you're having trouble; let me look into it for you.",
	},
	asks: []string{
		"May I have the last 4 digits of the card, please?",
		"Which email address is registered on your account?",
		"On which date did the payment happen?",
		"For security, please tell me your date of birth.",
	},
	answers: []string{
		"yes the last four is 2291",
		"it's m.kowalski@example.org",
		"it was on the 3rd, the Friday I think",
		"born 7th of July 1992",
	},
	closings: []string{
		"I'm happy it's working now! Is there any other thing I can help you with today?",
		"Great news. Anything else you need before we close the chat?",
	},
	farewells: []string{
		"nope, that's everything, thanks a lot, bye",
		"No, I'm all good now. Have a nice day!",
	},
}
