package eval

// blindPhrasings: the fourth pool's wordings of each action (3 each), by action id: written after fresh's figures were read.
var blindPhrasings = map[string][]string{
	"order_replacement_card": {
		"i'll get a replacement card sent out to you today, it usually takes about a week to arrive",
		"Would you mind requesting a replacement card through the app? Go to Card, then Report lost or damaged.",
		"A brand new card has been ordered and will be mailed to your registered address.",
	},
	"freeze_card": {
		"Please could you lock the card from the security menu until we know what happened?",
		"I've just frozen the card on our side, so no transactions will be authorised.",
		"The card has been temporarily disabled to stop any further spending.",
	},
	"unfreeze_card": {
		"i've lifted the freeze on your card now, could you try the payment once more",
		"Please re-enable the card in the app by toggling the freeze switch off.",
		"Your card has been unblocked, so it's ready to use again.",
	},
	"reset_password": {
		"Could you set a new password via the 'Forgot your password?' link on the login page?",
		"I've triggered a password reset, you should find an email from us in a couple of minutes.",
		"pls reset ur password, the old one was disabled after the security update",
	},
	"check_card_expiry": {
		"Would you mind looking at the expiration date printed on the front of your card?",
		"It may be that the card has run out; can you check the valid-thru date?",
		"Please make sure the card hasn't passed its expiry date, as expired cards are declined automatically.",
	},
	"contact_issuer": {
		"You'll need to ring the bank that issued the card, since the decline is coming from their side.",
		"Please get in touch with your card provider and ask them to approve the transaction.",
		"could you phone your bank? they're the ones holding the payment, not us",
	},
	"update_app": {
		"Please install the newest version of the app from the App Store or Google Play, older versions have this bug.",
		"I'd recommend upgrading the app, as the version you have is out of date.",
		"Can you get the latest release of the app and try once more?",
	},
	"reinstall_app": {
		"Could you remove the app from your phone and download it again from the store?",
		"please delete and re-install the app, that usually clears up corrupted data",
		"A fresh install of the app should fix this, so please uninstall it and put it back.",
	},
	"verify_identity": {
		"We need to confirm who you are first, could you send us a selfie and a picture of your passport?",
		"Please go through the ID check in the app, it takes about five minutes.",
		"Your account needs identity verification before this works, kindly submit your documents.",
	},
	"wait_processing": {
		"These usually take up to two business days to clear, so please hold on a little longer.",
		"Would you be able to give it another 48 hours? The bank hasn't finished processing it.",
		"please be patient a bit longer, it just needs more time to go through on their end",
	},
	"reenter_card_details": {
		"Could you type in your card number, expiry and CVV once more, making sure there are no spaces?",
		"Please remove the saved card and add it again with the details exactly as printed.",
		"I think a digit was mistyped, so please fill in the card information again.",
	},
	"check_recipient_details": {
		"Please double-check the payee's sort code and account number.",
		"Would you mind making sure the IBAN you entered for the recipient is right?",
		"It's worth checking that the receiving account's details match what they gave you, since one wrong digit sends it back.",
	},
	"raise_refund": {
		"I've put through a refund for that amount, it'll show on your account in 3-5 days.",
		"A refund has been issued for the charge you mentioned.",
		"i've submitted a request to get that money returned to you",
	},
	"dispute_charge": {
		"I've raised a formal dispute with the merchant on your behalf.",
		"Please tap the transaction and choose 'I don't recognise this' to contest it.",
		"The charge has been flagged as disputed and the merchant has been asked to respond.",
	},
	"top_up_balance": {
		"Could you add some funds to your account? The balance is too low to cover this.",
		"please load more money onto your account then try again",
		"Your balance needs topping up first, so please transfer money in from your other bank.",
	},
	"clear_cache": {
		"Please go to your phone's settings, find the app and delete its cached data.",
		"Could you wipe the app's temporary files? Old data stored there can cause this.",
		"try emptying the cache in the app's storage settings, then open it again",
	},
	"enable_online_payments": {
		"Please allow online and e-commerce transactions in the card's security settings.",
		"Your card has internet purchases turned off; could you activate them under Card controls?",
		"I've enabled online shopping on your card, so web payments are allowed now.",
	},
	"update_address": {
		"Please amend your home address under Personal details.",
		"Could you put your new address into your profile so it matches your card?",
		"I've changed the address we hold for you to the one you just gave me.",
	},
	"resend_verification_email": {
		"I've sent the confirmation email again, please check your spam folder as well.",
		"A fresh verification link is on its way to your inbox.",
		"Could you tap 'Resend email' on the sign-up screen to get another link?",
	},
	"unlock_account": {
		"Your account was locked after too many wrong attempts; I've released it, so you can sign in now.",
		"please use the unlock option in the email we sent to regain access",
		"I have restored access to your account.",
	},
	"update_phone_number": {
		"Please edit the mobile number in your profile so the codes go to your new phone.",
		"I've replaced the old number on your account with the one you just gave me.",
		"Could you register your new phone number under Security settings?",
	},
	"send_statement": {
		"I've emailed a PDF of your account statement to you.",
		"You can export your statement from the Statements tab as a PDF.",
		"Your statement for last month has been sent to your registered email address.",
	},
	"cancel_pending_payment": {
		"Please cancel the transfer from the Pending list before it's processed.",
		"I've called off the pending payment, so the money stays in your account.",
		"The outgoing payment that was still pending has been canceled at our end.",
	},
	"raise_limit": {
		"I've bumped up your spending limit, so that amount should go through now.",
		"Please raise the spending cap in Card settings, then Limits.",
		"Your monthly limit has been increased to cover this payment.",
	},
	"change_pin": {
		"Please choose a new PIN under Card security in the app.",
		"could you change your pin at a cash machine, it'll take effect straight away",
		"I've issued a new PIN, it'll arrive by post in a few days.",
	},
	"reset_security_questions": {
		"I've cleared your security questions so you can set them up again.",
		"Please pick new memorable questions and answers in the Security section.",
		"Could you update your security questions? The old answers were wiped after the lockout.",
	},
	"send_document": {
		"I've sent the paperwork you asked for to your email.",
		"You can download that document from the Documents area of your account.",
		"The letter you need has been emailed to you as an attachment.",
	},
	"book_appointment": {
		"I've arranged an appointment for you with one of our advisors on Thursday.",
		"Please schedule a call with an adviser using the booking page on our website.",
		"Could you book a slot at your nearest branch? They can sort this face to face.",
	},
	"escalate_specialist": {
		"I'm handing this over to our specialist team, someone will be in touch within 48 hours.",
		"This needs a specialist, so I've referred your case to them and they'll contact you.",
		"let me pass you on to a colleague in our specialist team who can look into this further",
	},
	"escalate_fraud_team": {
		"I'm passing your case to our fraud investigations team, they'll call you shortly.",
		"Given what you've described, I've referred this to the fraud team to investigate.",
		"I'll hand you over to our fraud colleagues now, please stay on the line.",
	},
	"escalate_technical": {
		"I've logged this with our IT team so they can investigate the bug.",
		"I'm handing this to our technical support colleagues, they'll email you once it's fixed.",
		"This looks like a fault on our side, so I've reported it to our developers.",
	},
	"resend_tracking_link": {
		"Let me send the tracking link once more so you can see where the parcel is.",
		"Would you mind checking the order history page? The tracking number is listed next to the order.",
		"Another copy of the shipment tracking email has just been sent.",
	},
	"cancel_order": {
		"I've gone into the system and canceled the order, so it won't be shipped.",
		"Would you like to cancel it from My orders? The option is there until dispatch.",
		"The order has been voided and the authorisation on your card dropped.",
	},
	"offer_exchange": {
		"I can offer you an exchange instead, so you get the one you wanted without paying again.",
		"Would an exchange work for you? Just choose the new size when you start the return.",
		"The item has been swapped on your order and the new one will ship tomorrow.",
	},
	"send_return_label": {
		"I'll email you a prepaid label so you can ship the item back to us for free.",
		"Would you print the return label from the link I sent and attach it to the parcel?",
		"A return authorization and label have been created for the item.",
	},
	"apply_promo_code": {
		"Let me apply that discount for you, the new total should show straight away.",
		"Would you try the code again in the basket? Make sure there are no spaces.",
		"The promotional price has been honored and the difference taken off.",
	},
	"clear_browser_cookies": {
		"Would you mind clearing your browsing data and then opening the site again?",
		"Let's try removing the saved cookies for the website and signing in once more.",
		"Please reset the browser's stored data for our shop and reload.",
	},
}

// blindTalk is the blind pool's wording of everything but the actions.
var blindTalk = talk{
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
}
