package eval

// strangerPhrasings: the seventh pool's wordings of each action (3 each), by action id.
var strangerPhrasings = map[string][]string{
	"order_replacement_card": {
		"um so what i'll do is i'll just get a fresh card printed and posted out to you uh should be with you in about a week",
		"Dear Ms Adeyemi, further to your call, a substitute card has been produced and will reach your registered address by post within the week.",
		"CRM: cust reports card snapped in half. Card reissue requested, dispatch by standard post.",
	},
	"freeze_card": {
		"Since it's gone missing and we don't want anyone else spending on it, I've paused the card for the moment; you can switch it back on later.",
		"hi pls hit the snowflake button on ur card screen asap, that stops any payments going thru",
		"Right so, I've put the card on ice there for you, nothing'll go through on it till you say.",
	},
	"unfreeze_card": {
		"ok so i've taken the hold off that card um you should be able to tap it in the shop again now",
		"Please, in the card menu you must switch the frozen status off again, then the card is again active.",
		"Have you had a chance to reactivate the card from your phone? On our end it's still marked as paused.",
	},
	"reset_password": {
		"Dear Mr Hughes, as requested, a link has gone out to your registered email so you can choose a fresh password for your online banking. It expires in 30 minutes.",
		"tap 'forgot password' on the sign in page & make a new one, shd sort it",
		"Kindly generate a new login password using the Forgot Password option, sir, then try logging in once.",
	},
	"check_card_expiry": {
		"um can you just look on the front of the card there's a valid thru date is that month already gone",
		"A lot of declines like this happen when the card has run out, so could you look at the month and year printed on it?",
		"Quick question: what's the expiration date on the card you're using? If it's passed, that'd explain the decline.",
	},
	"contact_issuer": {
		"the block is coming from your bank not from us so um you'd need to ring them on the number on the back of the card and get them to let it through",
		"The rejection is from the bank that gives you the card, so please you call to them and ask they authorise this payment.",
		"Decline code 05 returned by issuing bank. Advised cust to phone issuer and have them approve the txn.",
	},
	"update_app": {
		"Have you had a chance to grab the newest version from the App Store or Google Play? That bug was fixed last week.",
		"ur on an old version, go to the play store n hit Update on our app then give it another go",
		"Yeah look, that version's a bit dated mate, pop into the app store, get the latest build and she'll be right.",
	},
	"reinstall_app": {
		"um so if you could just remove the app completely off your phone and then download it fresh from the store and log in",
		"I propose you to remove the application from the phone and after to download it again from the store, like this the installation is clean.",
		"Shame, that's frustrating. Please take the app off your phone now now, then grab it again from the store and sign in fresh.",
	},
	"verify_identity": {
		"Dear Customer, to comply with regulations we need to confirm who you are. Please submit a clear photograph of your passport or driving licence via the app.",
		"KYC incomplete. Asked cust to finish ID check (passport + selfie) in app.",
		"Your account need to confirm you are real person, please take picture of passport and your face in app, then we can open function.",
	},
	"wait_processing": {
		"um yeah so that one's still going through on our side it normally clears within like a day so if you just hang on till tomorrow",
		"Transfers like this sit in a queue overnight, so the best thing is to leave it until this time tomorrow before doing anything else.",
		"Ah give it till the morning, it's only in the system a few hours, it'll land grand.",
	},
	"reenter_card_details": {
		"hiya, pls type the 16 digits, expiry n CVV in again slowly, looks like a typo first time",
		"Possibly number was typed with mistake. Please put all the card data one more time, careful with the three digits on back.",
		"Have you had a chance to put the long number from the card back in from scratch? The one saved seems to have a digit missing.",
	},
	"check_recipient_details": {
		"Before we chase this, could you double-check the sort code and account digits you paid to against what the person gave you?",
		"Kindly cross-verify the payee's IBAN and name once, ma'am, one digit mismatch will cause the transfer to bounce.",
		"so um are you sure the bank details for the person you're paying are right like could you check it against their invoice",
	},
	"raise_refund": {
		"Merchant overcharge confirmed. Reimbursement of 42.10 submitted to billing, ETA 3-5 business days.",
		"Okay, I went ahead and put in for your money back on that double charge; you'll see it credited in a few business days.",
		"Dear Mr Kowalski, following our review, we have initiated a refund of the duplicated amount to your original payment method. Please allow up to ten working days.",
	},
	"dispute_charge": {
		"that payment you don't recognise um i've put in a formal dispute on it so um the shop has got ten days to respond",
		"tap the payment in ur feed, then 'Report a problem' > 'Contest this charge', takes 2 mins",
		"No dramas, I've lodged a chargeback claim on that one, the merchant has to come back to us with proof.",
	},
	"top_up_balance": {
		"The card got declined because the account's sitting at zero, so if you pop some funds in from your other bank it'll go through.",
		"bal too low 4 that, load sum cash in via bank transfer or apple pay then go again",
		"On your account is not enough money at the moment. Please first deposit some funds, then the payment will function.",
	},
	"clear_cache": {
		"um if you go into your phone settings apps find us and there's a storage bit tap wipe the cached data don't worry it won't log you out",
		"Please go to Settings, then Apps, then our app, then Storage, and delete the temporary stored data once, then open again.",
		"Have you had a chance to empty the app's cached files under Settings > Storage? Old cached data often causes that blank screen.",
	},
	"enable_online_payments": {
		"Your card is set to in-store only at the moment, which is why websites reject it, so flip the 'internet purchases' toggle in card controls.",
		"E-commerce txns disabled on card. Guided cust to enable e-comm in card security settings.",
		"Your card now cannot buy on internet shop because this function closed. Please open 'online shopping' switch in card setting.",
	},
	"update_address": {
		"Dear Mrs O'Brien, thank you for letting us know about your move. We have now recorded 14 Harbour View, Cobh as your residential address.",
		"u can edit ur home addr under Profile > Personal details, takes a min",
		"ok so i've put the new street address in for you um the flat number as well so any post will go there from now on",
	},
	"resend_verification_email": {
		"I've just fired off a fresh confirmation message to your inbox; give it a minute and check spam too.",
		"Can you check your junk folder? I sent the email that activates your account again just now, the old link had expired.",
		"The first mail for confirm your address of email was expired, I send you other one now, please click the button inside.",
	},
	"unlock_account": {
		"right so after all those wrong password goes it locked you out but um i've cleared that now so you can sign back in",
		"Acct locked after 5 failed logins. Lock lifted, cust able to sign in.",
		"Eish, the system blocked your profile after too many tries. I've opened it up again for you, you can get in now.",
	},
	"update_phone_number": {
		"go 2 Settings > Contact info & swap in ur new mobile, then we'll text a code to confirm",
		"Dear Mr Tanaka, we confirm that the contact telephone number on your file has been amended to the one ending 8841, as you requested.",
		"Righto, I've put your new mobile on the account, so the codes'll come to that one from now.",
	},
	"send_statement": {
		"um i've just popped last month's bank statement over to you by email it's a pdf should be there now",
		"Have a look under Account > Statements there, you can pull down any month you like as a PDF.",
		"Cust needs 3 months stmts for mortgage. Emailed Jan-Mar statements to addr on file.",
	},
	"send_document": {
		"Dear Ms Lindqvist, please find attached the account confirmation letter you requested; a signed paper copy will also follow by post.",
		"the paperwork u asked for is in ur inbox now, pdf, check spam if not there",
		"The document you have demanded, I have sent it just now at your mail, you can also find it in your space online.",
	},
	"cancel_pending_payment": {
		"Because it was still sitting as pending, I managed to call that payment back, so it won't leave your account now.",
		"so that one's still showing pending so um if you tap on it there's a cancel button just hit that before it processes",
		"The payment is still not executed, so you can still stop it. Please open it in the list and press 'revoke'.",
	},
	"raise_limit": {
		"done, ur daily spend cap is now 5k, valid from now",
		"Your per-day transaction limit has been enhanced to 2 lakh as requested, you may kindly retry the payment.",
		"Have you had a chance to bump up the spending limit under card controls? It's capped at 500 right now, which is why it's declining.",
	},
	"change_pin": {
		"um easiest way is just go to any cash machine put your card in and there's a pin services option pick a new four digits there",
		"You can choose other PIN code in application, menu of card, 'Show/Change PIN'. Old code will not work after.",
		"Cust forgot PIN. New PIN mailer ordered, arrives 3-5 days, old PIN void.",
	},
	"reset_security_questions": {
		"Dear Mr Byrne, your memorable questions and answers have been cleared. When you next log in you'll be asked to choose fresh ones.",
		"cleared ur security Q&As, next login it'll ask u to pick 3 new ones",
		"Since you don't remember the answers you set up, go ahead and pick new challenge questions under Profile > Security.",
	},
	"book_appointment": {
		"I have fixed a slot for you with our relationship manager on Thursday at 11 am at the Koramangala branch, kindly carry your ID.",
		"Would you not grab a slot with one of the advisers? You can pick a time on the website there under 'Talk to us'.",
		"Cust wants mortgage chat. Booked in-branch slot Tue 14:30 Leeds with lending advisor.",
	},
	"escalate_specialist": {
		"ok this one's a bit beyond what i can do from here so i'm gonna put it through to the complex cases team and they'll give you a ring",
		"Dear Ms Novak, your case has been referred to our Customer Resolutions unit, who handle matters of this kind. A case manager will be in touch within two working days.",
		"Out of L1 scope. Reassigned to Tier 2 queue, cust told to expect callback within 48h.",
	},
	"escalate_fraud_team": {
		"Because those payments look like someone else has got hold of your details, I'm getting the fraud investigations unit onto this right away, please stay on the line.",
		"Suspected account takeover. Case FR-20931 created in fraud ops queue, cust to expect call from investigations.",
		"Ag no, that's not right at all. I'm putting you through to our financial crime team now now, they'll sort it out.",
	},
	"escalate_technical": {
		"yeah that sounds like a bug on our end honestly so i'm gonna log it with the developers and they'll look into it",
		"App crash on login reproduced. Logged APP-4412 in Jira for the mobile dev squad, cust to be updated.",
		"This is system problem, not your phone. I already report to our IT department, IT colleagues will check and contact you.",
	},
	"resend_tracking_link": {
		"just sent ur courier tracking link again, check inbox (n spam)",
		"Have you had a chance to look in your inbox? I just emailed the link again so you can follow where your package is.",
		"No wukkas, I've flicked the parcel tracking link over to your inbox again so you can see where it's at.",
	},
	"cancel_order": {
		"ok so i've gone ahead and called off that order um it hadn't shipped yet so there's no charge",
		"Dear Mr Schmidt, we confirm that order 58213 has been cancelled at your request. Any authorisation on your card will be released within 3 working days.",
		"If you don't want the order anymore, you can annulate it yourself in 'My purchases' while it is not yet sent.",
	},
	"offer_exchange": {
		"Since the jacket's too small, I can swap it for a large at no cost; once the small one's back with us, the large ships same day.",
		"we can swap it for the right size no charge, want me 2 set that up?",
		"Wrong colour received. Size/colour swap arranged, correct item ships on receipt of original.",
	},
	"send_return_label": {
		"so what i've done is i've emailed over a free postage label for you to print just stick it on the box and drop it at the post office",
		"Kindly check your mail, the prepaid courier slip for returning the product has been shared, please paste it on the parcel.",
		"For return the shoes, please take the sticker for the post in your purchase details and print it, it is free.",
	},
	"apply_promo_code": {
		"ok so i've popped that voucher on for you um the ten percent off is showing in your basket now",
		"The coupon code was not taken at the payment step. Please put it again in the coupon field before you pay.",
		"Cust forgot to use SPRING15. Applied manually to order 77102, total adjusted.",
	},
	"clear_browser_cookies": {
		"Have you had a chance to wipe the cookies in Chrome? Settings, Privacy, Clear browsing data, then sign back in.",
		"Sometimes old cookies in browser make this error. Please delete them in browser settings and open our site again.",
		"um so in your browser um go to settings and delete the site data and cookies for our website then close it and open it again",
	},
}

// strangerTalk: the seventh pool's reactions and small talk.
var strangerTalk = talk{
	success: []string{
		"yep thats gone through now cheers",
		"OMG it worked!! thank u so much",
		"Sorted, the payment's after going through, thanks a million.",
		"Ja, now it is functioning, thank you.",
		"Yes yes, transaction is successful now, thank you sir.",
		"Legend, that's done the trick, all good now.",
		"um yeah no it's working now that's fixed it",
		"I can confirm the issue is now resolved. Thank you for your assistance.",
	},
	failure: []string{
		"nope same thing still happening",
		"Already did that twice before I messaged you, no change.",
		"still getting declined smh",
		"Sorry but is still not functioning, again is coming this error.",
		"um no i did that this morning already and it's still not letting me in",
		"Unfortunately the problem persists; nothing has changed on my side.",
		"Nah mate, still broken, no change.",
		"Tried it already, ma'am, still it is failing only.",
	},
	hedgedSuccess: []string{
		"um hang on let me see uh yeah ok it's gone through",
		"hmm gimme a sec... ok yeah that's worked now",
		"I'm not certain, the screen flickered... ah no, there it is, payment accepted.",
	},
	hedgedFailure: []string{
		"er maybe let me try um no same error again",
		"Possibly... no, I am afraid it still shows the red message.",
		"hmm dunno, might take a minute... nope, still nothing",
	},
	handedOver: []string{
		"ok grand, I'll keep an eye out for their call so",
		"Fine, as long as someone actually gets back to me this time.",
	},
	greetings: []string{
		"um hi you're through to customer support my name's Dev how can I help today",
		"Good afternoon, and thank you for writing to us. I'll be looking after your query today.",
		"hey! sorry ur having trouble, let's get it sorted",
	},
	asks: []string{
		"so um just for security can I take your full postcode please",
		"What phone model and app version are you on?",
		"Could you please let me know the order number from your confirmation email?",
		"Which merchant was the payment to, and roughly how much was it?",
	},
	answers: []string{
		"yeah it's um D02 X285",
		"iPhone 13, app version 8.4.1 I think",
		"Sure, it is 58213.",
		"Some online shop called Zenvo, about forty euro.",
	},
	closings: []string{
		"Delighted that's sorted for you! Was there something else on your list today?",
		"brill, glad it's working, need anything else while ur here?",
	},
	farewells: []string{
		"nah that's everything, ta",
		"No, that will be all. Thank you and have a nice day.",
	},
}
