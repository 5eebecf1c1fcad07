package eval

// freshPhrasings: the third pool's wordings of each action (3 each), by action id: written later, blind to the tuning.
var freshPhrasings = map[string][]string{
	"order_replacement_card": {
		"I've put in an order for a new card, expect it in the post within a week.",
		"could you order a replacement from the card menu in the app? it only takes a minute",
		"A new card has been dispatched to the address on your account; the old one stops working once you activate it.",
	},
	"freeze_card": {
		"Could you pause the card from the app while we look into this?",
		"I'll block the card right now so no one else can spend on it.",
		"your card has been put on hold, nothing will be approved on it until you say so",
	},
	"unfreeze_card": {
		"I've taken the hold off your card, it should be usable again.",
		"Could you turn the card back on under Manage card and then retry the purchase?",
		"The card has been switched back on at our end, so payments should be accepted again.",
	},
	"reset_password": {
		"Could you tap 'Trouble signing in?' and follow the steps to pick a new password?",
		"I'll email you a one-time link so you can set a different password.",
		"your password has been wiped, check your email for the link to choose a new one",
	},
	"check_card_expiry": {
		"Could you look at the expiration date on the card and tell me if it has already gone by?",
		"Please check the month and year shown on your card; once that's passed, the card stops working.",
		"I'd like you to confirm the card hasn't run out, the date is just under the long number.",
	},
	"contact_issuer": {
		"Could you phone the bank that gave you the card? The refusal is coming from them, not us.",
		"I'd recommend speaking to your card provider directly so they can authorise the payment.",
		"It's your card's own bank blocking it, so you'll need to get in touch with them and ask them to let it through.",
	},
	"update_app": {
		"Could you check the store for an update to the app? Older versions have this bug.",
		"I'd upgrade the app to the newest version first, then try again.",
		"please get the latest app version, the one you have is no longer supported",
	},
	"reinstall_app": {
		"Could you delete the app, restart your phone and then install it again from the store?",
		"I'd remove the app completely and set it up again from scratch, your data is kept on our side.",
		"uninstalling and installing it again usually clears whatever has got stuck, could you do that?",
	},
	"verify_identity": {
		"Could you confirm who you are by uploading a photo of your passport or ID card in the app?",
		"I'll need you to complete our ID check before I can go further; it asks for a document and a quick selfie video.",
		"Your account is waiting on identity confirmation, please finish the verification steps in the app.",
	},
	"wait_processing": {
		"Could you give it another day or so? Payments like this sometimes take a while to settle.",
		"It's being processed at the moment, please allow two to three working days before it shows.",
		"I'd hold off for now, it should complete on its own by tomorrow morning.",
	},
	"reenter_card_details": {
		"Could you type everything in again, the long number, the expiry and the three digits on the back?",
		"I'd remove the stored card and add it back, making sure each digit is right.",
		"the details seem to have been entered wrongly, please fill them in again",
	},
	"check_recipient_details": {
		"Could you double-check the account number and name of the person you're paying?",
		"Please confirm the payee's bank details with them, one wrong digit sends the transfer back.",
		"It's worth checking with whoever you're paying that the sort code and account number you used are theirs.",
	},
	"raise_refund": {
		"I've started a refund for that payment, it'll be back in your account in 3-5 days.",
		"I'll arrange for that charge to be paid back to you today.",
		"A refund has been issued for the amount, you should see it credited shortly.",
	},
	"dispute_charge": {
		"Could you raise a dispute on that payment from the transaction screen? Choose 'I don't recognise this'.",
		"I've challenged the charge with the card network for you, they'll contact the merchant.",
		"I'll contest that transaction with the seller on your behalf; it can take a few weeks.",
	},
	"top_up_balance": {
		"Could you add some funds to your account and then try the payment again?",
		"Transfer a bit of money in first, the balance isn't enough for that amount.",
		"I'd put some money into the account by card or bank transfer, then retry once it shows.",
	},
	"clear_cache": {
		"Could you clear the app's cached files in your phone settings and reopen it?",
		"I'd wipe the cache for the app under Apps > Storage, it won't delete your account.",
		"please try clearing cached data for our app, old files sometimes cause this",
	},
	"enable_online_payments": {
		"Could you switch on internet payments for the card in the security settings?",
		"Online shopping is disabled on your card; I'd turn it on in the app, then try the checkout again.",
		"I've enabled online transactions on your card, so web purchases should go through now.",
	},
	"update_address": {
		"Could you pop your new address into the app? It's under Profile, Personal info.",
		"I've amended the address on your account to the new one you gave me.",
		"Your address has been updated in our records, future post will go there.",
	},
	"resend_verification_email": {
		"I've sent the confirmation email again, it might take a few minutes to arrive.",
		"Could you request another verification email from the login page? The first one has expired.",
		"A new verification link has been emailed to you; please check junk mail as well.",
	},
	"unlock_account": {
		"I've unblocked your login, you can sign in again now.",
		"Your account was locked after several failed attempts, it has been reopened for you.",
		"Could you use the unlock link in the email we sent and then sign in again?",
	},
	"update_phone_number": {
		"Could you update the mobile number under Profile so the codes reach your new phone?",
		"I've changed the phone number on your account to the one you just gave me.",
		"your phone number has been updated, the next security code will go to the new number",
	},
	"send_statement": {
		"I've emailed your account statement for that period as a PDF.",
		"Could you export the statement yourself from the app's account history screen?",
		"Your statement has been sent to the email on your account.",
	},
	"cancel_pending_payment": {
		"I've withdrawn the payment before it settled, so the funds remain in your account.",
		"Could you cancel it yourself under Upcoming payments before it leaves tonight?",
		"The payment has been cancelled and won't be sent.",
	},
	"raise_limit": {
		"I've bumped up your spending limit so you can try the amount again.",
		"Could you set a higher limit for the card in the app and retry?",
		"Your withdrawal limit has been increased for today.",
	},
	"change_pin": {
		"Could you go to Card, then Security code, and pick a PIN you'll remember?",
		"I'd change your PIN at a cashpoint, it takes effect straight away.",
		"Your PIN has been changed, the new number will arrive in a separate letter.",
	},
	"reset_security_questions": {
		"I've wiped your security questions, you can set new ones next time you log in.",
		"Could you set up a new set of security questions under Settings, then Login and security?",
		"Your security questions have been reset, please choose fresh answers you'll remember.",
	},
	"send_document": {
		"I've emailed the letter you asked for, it's attached as a PDF.",
		"Could you grab a copy yourself from the Paperwork tab when you sign in online?",
		"That letter has gone out to the email we hold for you.",
	},
	"book_appointment": {
		"I've booked you in with an adviser for Friday at 10am, you'll get a confirmation email.",
		"Could you pick a time in the app's Appointments section? An adviser will call you then.",
		"An appointment has been made for you at your nearest branch.",
	},
	"escalate_specialist": {
		"I'm handing this over to a colleague on the specialist desk; expect a reply within two working days.",
		"This is beyond what I can do from here, so I've referred it to a senior specialist.",
		"Your case has been escalated to the complaints and specialist team; they'll email you.",
	},
	"escalate_fraud_team": {
		"I'm passing this straight to our fraud team, please don't use the card until they call.",
		"This looks like fraud, so I've handed it to the fraud prevention team to investigate.",
		"Your case has been referred to our fraud investigators, they'll be in touch today.",
	},
	"escalate_technical": {
		"I've logged this with our technical support team so they can investigate.",
		"This looks like a fault on our side, I'm escalating it to the engineering team.",
		"Your issue has been passed to technical support, they'll update you by email.",
	},
	"resend_tracking_link": {
		"i've sent the tracking details again, they should be in your inbox in a minute",
		"Could you open the shipping email and click Track package? It shows where the parcel is.",
		"The courier tracking number has been texted to your phone.",
	},
	"cancel_order": {
		"the order's been canceled on our end, no charge will go through",
		"Could you hit Cancel order on the order page? It's still early enough.",
		"Your purchase has been called off and the payment hold released.",
	},
	"offer_exchange": {
		"happy to switch it for another size, i'll send the new one out today",
		"Could you pick the size you want on the exchange page? We'll ship it as soon as the old one is scanned.",
		"A replacement item in the color you asked for has been reserved for you.",
	},
	"send_return_label": {
		"i just emailed you a return slip, drop it at any post office",
		"Could you print the label that's attached to the returns email? Postage is already paid.",
		"Your returns QR code has been sent, the courier will scan it at drop-off.",
	},
	"apply_promo_code": {
		"i've put the coupon on your order manually, the price is updated",
		"Could you paste the code into the discount field before paying?",
		"A new voucher code has been emailed to replace the expired one.",
	},
	"clear_browser_cookies": {
		"could you clear the cookies in your browser settings and refresh?",
		"Please try a private window, it skips the saved cookies.",
		"The stored site data is probably stale, wiping the cookies should fix the page.",
	},
}

// freshTalk is the fresh pool's wording of everything but the actions.
var freshTalk = talk{
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
}
