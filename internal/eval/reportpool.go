package eval

// reportPhrasings: the second pool's wordings of each action (3 each), by action id: written with develop before any result.
var reportPhrasings = map[string][]string{
	"order_replacement_card": {
		"A replacement card is on its way to you now.",
		"You can request a fresh card under Card settings, then Replace card.",
		"I've arranged for a new card to be issued and posted to you.",
	},
	"freeze_card": {
		"Your card is now locked, no payments can go through on it.",
		"Tap Lock card in the app to stop any use of it.",
		"I've suspended the card for now to keep your money safe.",
	},
	"unfreeze_card": {
		"The lock on your card has been lifted, give it another go.",
		"Switch off Lock card in the app and retry.",
		"I've reactivated the card for you.",
	},
	"reset_password": {
		"Use Forgot password on the sign-in page to choose a new one.",
		"A link to set a new password is in your inbox now.",
		"I've cleared your old password, you'll get an email to create a new one.",
	},
	"check_card_expiry": {
		"What does the valid-thru date on the front of the card say?",
		"It may be out of date, have a look at the date printed on the card.",
		"Make sure the card hasn't passed its end date.",
	},
	"contact_issuer": {
		"Give the bank that issued the card a ring, they are the ones declining it.",
		"The number on the back of your card will get you to the issuer, they can approve it.",
		"Your issuer has to lift that restriction, so a quick call to them is the way.",
	},
	"update_app": {
		"Head to the app store and get the newest release of our app.",
		"You're on an old version, installing the current one should sort it.",
		"Download the latest version from the store and open it again.",
	},
	"reinstall_app": {
		"Remove the app from your phone, then download it fresh.",
		"A clean install usually helps: delete it and get it again from the store.",
		"Take the app off the device and put it back on.",
	},
	"verify_identity": {
		"We need a picture of your passport or driving licence and a selfie, the app will guide you.",
		"Go through the ID check under Profile, then Security.",
		"Send us a scan of your photo ID so we can confirm it's you.",
	},
	"wait_processing": {
		"These normally clear within one business day, so check back tomorrow.",
		"It's in the queue on our side, allow up to 48 hours.",
		"Nothing is wrong, it just needs a little longer to go through.",
	},
	"reenter_card_details": {
		"Delete the saved card and add it once more, double-checking the CVV.",
		"It looks like a digit was mistyped, put the number in again.",
		"Remove the card from the merchant's page and key it in afresh.",
	},
	"check_recipient_details": {
		"Compare the IBAN and sort code you used with what the payee gave you.",
		"The payee's details may be off, look them over against their invoice.",
		"Have a look at who the money was addressed to, the name must match their account.",
	},
	"raise_refund": {
		"The money has been sent back to your account from our side.",
		"I've put through a reimbursement of that charge.",
		"That fee will be returned to you, I've processed it now.",
	},
	"dispute_charge": {
		"I've lodged a formal claim against the merchant on your behalf.",
		"Tap the payment, then Report a problem, and pick that you didn't receive the goods.",
		"We're challenging that payment with the retailer now.",
	},
	"top_up_balance": {
		"There aren't enough funds on the account, load some money onto it.",
		"Move some cash in from your other account and then retry.",
		"Your balance is too low for that, fund the account first.",
	},
	"clear_cache": {
		"Go to your phone's settings, find our app and wipe its stored data.",
		"Empty the app's temporary files under Storage.",
		"Delete the app data from the phone settings and sign in again.",
	},
	"enable_online_payments": {
		"Internet purchases are off on that card, flip the toggle under Security.",
		"Allow e-commerce transactions for the card and try the checkout again.",
		"Your card is set to refuse web shops, change that in the card controls.",
	},
	"update_address": {
		"Edit where you live under Personal details.",
		"The postcode we hold is outdated, put in the new one in the app.",
		"I've saved your new home location on file.",
	},
	"resend_verification_email": {
		"A fresh confirmation message should land in your inbox in a minute, check spam too.",
		"Ask for another activation link on the sign-up screen.",
		"I've triggered a new email for you to confirm your address.",
	},
	"unlock_account": {
		"Your profile was suspended after too many wrong tries, it's open again now.",
		"Follow the restore access link we sent and you'll be able to sign in.",
		"Access has been restored on our end.",
	},
	"update_phone_number": {
		"The mobile we have on file is old, put the current one in under Contact details.",
		"I've swapped the number we text codes to.",
		"Add your new mobile in Settings and remove the old one.",
	},
	"send_statement": {
		"The PDF for that month is now in your inbox.",
		"You'll find every monthly summary as a PDF under Documents, then Statements.",
		"I've posted a paper copy of the summary to you.",
	},
	"cancel_pending_payment": {
		"The outgoing transaction has been called off, it won't leave your account.",
		"Open the scheduled payment and hit Stop.",
		"I've reversed that instruction so the money stays with you.",
	},
	"raise_limit": {
		"Your maximum per day is higher now, try the amount again.",
		"Move the spending cap slider up under Limits.",
		"I've lifted the ceiling on your account so it will go through.",
	},
	"change_pin": {
		"Pick a fresh four-digit code under Card settings, then View PIN.",
		"Any cash machine lets you choose another code for the card.",
		"A new secret number for the card has been generated, you'll get it by post.",
	},
	"reset_security_questions": {
		"Your memorable answers are wiped, you'll be asked to pick new ones at sign in.",
		"Go to Security and replace the secret answers.",
		"I've cleared the recovery questions on file.",
	},
	"send_document": {
		"The paperwork you asked for is attached to a message in your inbox.",
		"It's under My files in the portal as a PDF.",
		"A copy of that certificate is on its way by post.",
	},
	"book_appointment": {
		"You're down for a slot with one of our consultants on Thursday.",
		"Pick a time that suits you on the online calendar and someone will see you.",
		"A branch visit is arranged, you'll get a reminder the day before.",
	},
	"escalate_specialist": {
		"This needs our second-line team, I've handed your case over to them.",
		"I'm referring you to an expert who deals with these cases, expect a call.",
		"Your case is now with the back-office team, they'll be in touch.",
	},
	"escalate_fraud_team": {
		"Our security investigations unit will take it from here.",
		"I've flagged the case for the team that handles suspicious activity.",
		"This goes to the people who look into unauthorised use, they'll contact you.",
	},
	"escalate_technical": {
		"Our developers need to look at this, I've logged it for them.",
		"I've sent a bug report to the IT department on your behalf.",
		"The systems team has your case now and will follow up.",
	},
	"resend_tracking_link": {
		"A fresh tracking link is in your inbox now.",
		"You can follow the parcel from the Track order button on the order page.",
		"I've emailed the courier's tracking page for your order again.",
	},
	"cancel_order": {
		"That order is now cancelled and nothing will be taken from your card.",
		"You can stop the order yourself with the Cancel button while it is still processing.",
		"I've withdrawn the order before it left the warehouse.",
	},
	"offer_exchange": {
		"We'll swap it for the size or colour you want at no cost.",
		"Return it with the exchange form and the replacement goes out when it arrives.",
		"I've set up a straight swap for another one.",
	},
	"send_return_label": {
		"A free return label is in your email, just print it and stick it on the box.",
		"Download the returns label under Orders, then Return item.",
		"I've generated a postage-paid label so you can send it back.",
	},
	"apply_promo_code": {
		"The discount is now taken off your order total.",
		"Type the voucher code in the Promotions box on the payment page.",
		"I've credited the promotion to your order by hand.",
	},
	"clear_browser_cookies": {
		"Delete the site data in your browser and reload the page.",
		"Sign out, wipe the cookies for our site, then sign in again.",
		"Empty the browser cache and give the page another try.",
	},
}

// reportTalk is the report pool's wording of everything but the actions.
var reportTalk = talk{
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
}
