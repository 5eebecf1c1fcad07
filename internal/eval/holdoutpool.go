package eval

// holdoutPhrasings: the fifth pool's wordings of each action (3 each), by action id: by an engineer who never read the engine.
var holdoutPhrasings = map[string][]string{
	"order_replacement_card": {
		"Since the old card was damaged, I've gone ahead and requested a replacement for you. It normally lands in 3 to 5 business days, and you'll get a text once it's been posted.",
		"replacement card ordered - ships to address on file",
		"would you be able to request a new card yourself under Cards > Replace? i can walk you trough it if it's easier",
	},
	"freeze_card": {
		"Because we can't rule out that someone else has the card details, I have placed a freeze on it from our end. You won't be able to pay with it until it's lifted, but your balance is safe.",
		"done - card frozen on our side",
		"please kindly to freeze your card in the application, the button is on card screen, so no one can do payment with it",
	},
	"unfreeze_card": {
		"It looks like the card was frozen automatically after the security alert, so I've now lifted that. Could you try the payment once more and let me know how it goes?",
		"freeze removed, card active again",
		"Would you be able to switch the freeze off from the card screen? It's the snowflake toggle, top right.",
	},
	"reset_password": {
		"As the login keeps rejecting you, I've triggered a password reset; the link has been emailed to you and is valid for one hour, so please pick a new password from there.",
		"pw reset link sent, expires in 60 min",
		"can you try the 'forgot password' option on the sign in page? it'll let you choose a new one",
	},
	"check_card_expiry": {
		"Sometimes this happens when a card has run past its expiry date, so could you have a quick look at the 'valid thru' date printed on the front for me?",
		"pls check expiry date on card - may have lapsed",
		"Would you be able to confirm the card hasn't expired? The month and year are on the front, under the number.",
	},
	"contact_issuer": {
		"The decline is coming from the other bank rather than from us, so the quickest fix is to ring the number on the back of that card and ask them to approve the payment.",
		"declined by issuer - cust to call their bank",
		"i think is best you phone to the bank who gave you the card, they are blocking it, not us",
	},
	"update_app": {
		"You're on quite an old version of the app, and that bug was fixed in a recent release. Could you update it from the App Store or Google Play and then have another go?",
		"advised cust to update app to latest ver",
		"would you be able to grab the latest version from the store? the fix for this went out last week",
	},
	"reinstall_app": {
		"Since updating didn't change anything, the next step is a clean install: delete the app from your phone, download it again, and log back in with your usual details.",
		"suggested full reinstall of app",
		"could you please remove the app and to install it new one more time? sometimes the files get corrupt",
	},
	"verify_identity": {
		"For security reasons the account has been restricted until we've verified who you are, so I've sent you a link where you can upload a photo ID and a quick selfie.",
		"ID check pending - upload link sent",
		"would you be able to complete the ID verification in the app? it only needs your passport or driving licence and takes about 2 minutes",
	},
	"wait_processing": {
		"This kind of transfer is still being processed by the payment network, so there's nothing to fix yet. Please give it until the end of the next working day before we look at it again.",
		"in processing - allow 1 working day",
		"it's normal that it takes some time, please wait until tommorow and it should be showing",
	},
	"reenter_card_details": {
		"It looks like one of the digits didn't go through correctly, so could you delete the saved card and type the number, expiry and CVV in again from scratch?",
		"asked cust to re-add card details",
		"would you be able to remove the card from the checkout and enter it in again? double check the security code at the back",
	},
	"check_recipient_details": {
		"Transfers bounce back like this when the sort code or account number doesn't match, so please could you double-check the payee's details against what they gave you?",
		"pls verify payee acct no + sort code",
		"can you check with the person you paid that their IBAN is exactly same like you entered? one wrong number and it returns",
	},
	"raise_refund": {
		"As the merchant has confirmed the order was cancelled, I've lodged a refund request on your behalf. The money should be credited back within 5 to 7 days.",
		"refund raised for the txn, 5-7 days",
		"i've put through the refund for that amount, you'll see it back on your account shortly",
	},
	"dispute_charge": {
		"Since you don't recognise this payment at all, I've opened a formal dispute with the merchant. We'll keep you updated by email, and the amount may be temporarily credited while it's investigated.",
		"chargeback opened - awaiting merchant",
		"Would you be able to raise a dispute on the transaction yourself? Tap it in your activity list and choose 'I don't recognise this'.",
	},
	"top_up_balance": {
		"The payment failed because there weren't enough funds on the account at that moment, so if you add some money first it should go through without any trouble.",
		"insufficient funds - cust to top up",
		"you need to put some money on the account before, then please try the payment again",
	},
	"clear_cache": {
		"A lot of the time this screen freezes because of old data stored on the phone, so could you go into your phone's settings, find the app and clear its cache, then reopen it?",
		"advised clearing app cache",
		"would you be able to clear the stored data for the app? on android it's Settings > Apps > Storage",
	},
	"enable_online_payments": {
		"Online and card-not-present payments are switched off on your card by default, so you'll need to enable them in the card's security settings before shopping online.",
		"online txns were disabled - enabled now",
		"could you turn on internet payments in card controls? at the moment they are not allowed on this card",
	},
	"update_address": {
		"Since you've moved, the post is still going to the old address, so I've changed it on our records to the new one you gave me; anything we send from now on will go there.",
		"address amended on file",
		"can you please change your adress in the profile section of the app? we can only send to the adress there",
	},
	"resend_verification_email": {
		"The first confirmation email seems to have expired, so I've sent a new one just now. If it's not in your inbox within a few minutes, it's worth checking the spam or junk folder.",
		"verif email re-sent",
		"would you be able to press 'send again' on the confirmation screen? a new mail will come to you",
	},
	"unlock_account": {
		"Your account was locked after too many wrong attempts, which is a safety measure, so I've released the lock and you should be able to sign in again straight away.",
		"acct lock cleared",
		"the account was blocked because of the many wrong logins, i have now unblocked it for you",
	},
	"update_phone_number": {
		"Because the codes are still being sent to your old mobile, I've swapped the number on your profile to the new one, so the next code should come through to you.",
		"mobile no. updated on acct",
		"could you update the phone number under Personal details? then the codes will go to the new phone",
	},
	"send_statement": {
		"Since you need it for your mortgage application, I've generated an official statement for the last three months and emailed it over as a PDF.",
		"statement emailed to cust (PDF)",
		"would you be able to export the statement from the app? its under Account > Statements and you can choose the months",
	},
	"cancel_pending_payment": {
		"As the payment hasn't left your account yet, I was able to stop it before it went out, so you won't be charged and the amount will show as available again.",
		"pending pmt cancelled before settlement",
		"can you cancel it yourself while it is still pending? open the payment and there is a cancel button at the bottom",
	},
	"raise_limit": {
		"The payment is bigger than your current daily limit, so I've increased the limit for you; the change is immediate and you can try the payment again now.",
		"daily limit increased per cust request",
		"would you be able to raise your spending limit in the card settings? the slider lets you go up to 5000",
	},
	"change_pin": {
		"Since you've entered the wrong PIN a few times, the safest thing is to set a new one. You can do that at any cash machine under PIN services, or in the app.",
		"PIN reset issued, new PIN by post",
		"could you set up a new pin code from the security settings? after that the card should work in the shop again",
	},
	"reset_security_questions": {
		"As you can't remember the answers you set up originally, I've cleared your security questions, so you'll be asked to choose new ones the next time you log in.",
		"sec questions wiped - cust to set new",
		"would you be able to pick new security questions in your profile? the old ones have been removed",
	},
	"send_document": {
		"Since the letter you need isn't available in the app, I've requested it from our documents team and it's been emailed to you as an attachment.",
		"doc sent to registered email",
		"you can download the confirmation letter yourself from the documents area, can you have a look there?",
	},
	"book_appointment": {
		"Because this needs to be done in person with your original documents, I've booked you a slot at your nearest branch; the date and time are in the confirmation text I just sent.",
		"appt booked at branch",
		"would you be able to book a call with one of our advisors? there's a booking page on the website where you can pick a time",
	},
	"escalate_specialist": {
		"As this is outside what I'm able to change from here, I've referred your case to a specialist who'll review it and get in touch within 48 hours.",
		"escalated to L2",
		"i am sending this case to my senior colleague, he will contact you by email soon",
	},
	"escalate_fraud_team": {
		"Since there are several payments you didn't authorise, I've handed this straight over to our fraud investigations team, and they'll contact you on your registered number today.",
		"referred to fraud ops",
		"this has been passed on to the fraud department, they will check it and contact you",
	},
	"escalate_technical": {
		"It looks like a fault on our side rather than anything you've done, so I've logged it with our technical team and added your details to the ticket.",
		"bug raised w/ tech, ticket ref sent",
		"I'll get this passed over to our developers to look at, they'll be in touch once it's fixed.",
	},
	"resend_tracking_link": {
		"Since the first shipping email seems to have gone missing, I've resent the tracking link; it'll show you the courier's latest scan and the expected delivery day.",
		"tracking link re-sent to cust email",
		"would you be able to look in your spam folder? i have sent the tracking mail again just now",
	},
	"cancel_order": {
		"As the parcel hasn't been packed yet, I've been able to cancel the whole order for you, so there won't be any charge on your card.",
		"order cxl'd pre-dispatch, no charge",
		"the order is cancel now, you will not pay anything for it",
	},
	"offer_exchange": {
		"Since it's the wrong size rather than faulty, I've set up an exchange: the medium goes out today, and you can send the large back whenever suits you.",
		"exchange arranged, new size dispatched",
		"we can change it to other size for you if you want, no extra cost",
	},
	"send_return_label": {
		"Because the item arrived damaged, I've emailed you a prepaid returns label, so you just need to pop it on the parcel and drop it at any collection point.",
		"RMA + label emailed to cust",
		"would you be able to print out the label from your email? it's free to send back, no need to pay postage",
	},
	"apply_promo_code": {
		"Since the code ran out only yesterday, I've made an exception and applied the 20% off to your order myself, so the new total should show when you refresh.",
		"promo applied manually, total adjusted",
		"the discount code is now put on your account, you can use it in the checkout",
	},
	"clear_browser_cookies": {
		"The basket often gets stuck like this when an old session is stored in the browser, so could you clear your cookies, close the browser completely and then log in again?",
		"advised clear cookies + relog",
		"can you please to delete the cookies in your browser and open our website again? it should load normal after",
	},
}

// holdoutTalk is the holdout pool's wording of everything but the actions.
var holdoutTalk = talk{
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
}
