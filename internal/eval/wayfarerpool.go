package eval

// The wayfarer pool, the eleventh, was written blind, before any run on
// it, from each action's id, whether it is a hand-over, its develop
// wordings and the develop pool's small talk only: not the engine, not
// internal/knowledge, not any other pool's wordings, not any figure. It is
// written the way a support team that never saw this project writes:
// ticket macros with reference codes, chat with emoji and abbreviations,
// formal letters, voice-to-text transcripts without punctuation; agents
// who give the reason first, put the proposal inside a longer turn, report
// what they already did, or politely refuse and point elsewhere; hand-overs
// stay hand-overs. Its reactions are delayed, sarcastic, hedged or
// off-topic first, yet plain to a person. It is run only to report, never
// to develop on.

// wayfarerPhrasings are three wordings of every action of the simulation.
var wayfarerPhrasings = map[string][]string{
	"order_replacement_card": {
		"Macro CRD-02: A new card has been dispatched to the address we hold for you. Please allow 3-7 business days and cut up the old one once it arrives. 💳",
		"Since the chip on that one is damaged, the simplest thing is for us to send you a fresh one, so I've put that through and it should land in your letterbox in about a week.",
		"okay so what I'm going to do is get a brand new one printed and posted out to you it usually takes around five to seven days",
	},
	"freeze_card": {
		"Dear customer, as a precaution we have placed your card on hold with immediate effect; no further purchases can be made with it until you instruct us otherwise.",
		"done ✅ it's locked on our side, nobody can spend on it rn",
		"right because we can't be sure who's got it at the minute the safest thing is to tap the little snowflake on the card screen so it stops working for now",
	},
	"unfreeze_card": {
		"I've lifted the hold we put on it earlier, so purchases should go through again, give it another go.",
		"hi again! 😊 the snowflake toggle under ur card is still on, flip it back off and you're good to pay",
		"ok the card was paused by the security check last night that's taken off now so it should work at the till",
	},
	"reset_password": {
		"Macro PW-01: Please tap 'Forgot?' on the sign-in page; we will email you a link to choose a new one. The link expires after 30 minutes.",
		"Since the old one isn't being accepted, the quickest route is to pick a brand new login secret using the link I've just emailed you.",
		"so what you want to do is on the log in page just hit forgot and it'll let you set a new one",
	},
	"check_card_expiry": {
		"Before we go any further, could you look at the front of the card and tell me the month and year printed under the long number?",
		"quick q 🤔 what's the valid-thru date on it? if it's this month or earlier that's ur answer",
		"Payments like this are usually refused when a card has run past its end date, so please look at the date printed on it and let me know whether it has passed.",
	},
	"contact_issuer": {
		"I'm afraid that decline came from the other bank, not from us, so there's nothing I can lift from here. The people to ring are on the number on the back of that card.",
		"We have reviewed the transaction and can confirm it was refused by the card provider; we would kindly ask that you get in touch with them directly to have it authorised.",
		"yeah so that's their side stopping it unfortunately you'd have to phone them up and ask them to let it through",
	},
	"update_app": {
		"This was a known bug in an older build and it's fixed in the newest one, so head to the App Store or Google Play and grab the latest version.",
		"Macro APP-VER: Please make sure you are running version 8.4 or later. You can check under Settings > About and install any pending release from your app store.",
		"u on the newest version? 📲 pop into the store n hit the button, that bug was patched last wk",
	},
	"reinstall_app": {
		"ok so the next thing I'd try is delete it off your phone completely then go back to the store and download it again fresh and log back in",
		"Sometimes files on the phone get corrupted during an upgrade, so removing the app entirely and downloading it again from scratch usually clears it. Your account and money are safe while you do that.",
		"could u remove it from the phone and then download it anew? 🙏 log in after and lmk",
	},
	"verify_identity": {
		"Macro KYC-01: To meet our regulatory obligations we need to confirm who you are. Please open the app, go to Profile > Documents and photograph your passport or driving licence, followed by a short selfie.",
		"the reason it's on hold is that we've not finished the checks on who you are yet so if you can snap your passport and a selfie in the app that'll release it",
		"Dear customer, we must kindly request a copy of a government-issued photo document in order to confirm that you are the account holder.",
	},
	"wait_processing": {
		"Transfers like this one go through a clearing cycle overnight, so it should show on your side by this time tomorrow; if it hasn't by then, just write back.",
		"everything looks normal on my end it's just still going through the system so give it till tomorrow and it should be there",
		"I've looked at it and nothing is stuck, it's simply in the queue ⏳ hang tight for another day or so pls",
	},
	"reenter_card_details": {
		"The merchant's system is rejecting what's stored for that card, which usually means one number or the date is off by a digit. Please delete it from the checkout and key everything in fresh.",
		"could you type it all out one more time like the number on the front the date and the code on the back one of them might've gone in wrong",
		"🔁 pls remove the saved card at checkout & add it again manually, typo somewhere prob",
	},
	"check_recipient_details": {
		"Transfers bounce back when the sort code or account number doesn't match the name, so could you compare what you entered against what your payee gave you?",
		"Macro TRF-CHK: Please confirm the payee's full name, sort code and account number exactly as they appear on their own bank statement.",
		"can you have another look at who you sent it to like the account number and sort code cause if one digit's wrong it'll just come back",
	},
	"raise_refund": {
		"I've put in a request for that money to be returned to you; it usually shows up in 3-5 working days.",
		"Dear customer, following our review, we have initiated a reimbursement of the full amount to your original payment method.",
		"ok so i've gone ahead and asked for your money back on that one 💸 should be with you in a few days",
	},
	"dispute_charge": {
		"As the merchant hasn't responded to you, I've formally challenged that payment on your behalf; they now have 14 days to reply.",
		"so what you can do is tap on that transaction and there's an option near the bottom that says something's wrong and you can raise it from there",
		"Macro DSP-OPEN: We have lodged a formal claim against this transaction with the card network. We will contact you should we need further evidence.",
	},
	"top_up_balance": {
		"The payment failed because there's only £3.20 available, so please load some funds from your linked bank card and try once more.",
		"ur wallet's a bit short atm 😅 add a few quid and retry",
		"right so looking at it there's not enough in there to cover it if you put some money in first from your other account it should go through fine",
	},
	"clear_cache": {
		"The app keeps some temporary files that can go stale after an upgrade; please go to Settings > Apps > our app > Storage, tap the button that empties them, then open it again.",
		"could u wipe the app's temp data from ur phone settings (not the account, just the storage bit) and reopen it? 🧹",
		"so on your phone if you go into settings then apps then find us there's a storage option and you want to hit clear on the temporary stuff",
	},
	"enable_online_payments": {
		"Internet purchases are switched off on new cards by default, so under Card > Security you'll need to toggle on e-commerce before the website will accept it.",
		"Macro SEC-WEB: Your card currently blocks card-not-present transactions. Please activate internet shopping from the Security section of the card menu.",
		"ah that's why, the toggle for paying on websites is off 🙈 flip it on in card security and retry",
	},
	"update_address": {
		"Since the parcel went to your previous home, please put your new postal details into Profile > Personal info so the next one goes to the right place.",
		"Dear customer, we have amended the residential details on file in accordance with the proof of residence you supplied.",
		"just go into your profile and change where you live to the new place and that'll sort it for anything we post out",
	},
	"resend_verification_email": {
		"I've triggered another confirmation message to your inbox; if it isn't there in 10 minutes, please check your spam folder.",
		"Macro EMV-02: A new activation link has been sent to the email address on file. Please click it within 24 hours.",
		"ok i've sent that link through again to your email so have a look in your inbox and junk too",
	},
	"unlock_account": {
		"Because there were too many wrong attempts, the system shut you out for safety; I've lifted that now so you can sign in straight away.",
		"ur login was blocked after the failed tries, i've released it 🔓 go ahead",
		"Dear customer, access to your profile has now been restored following the security suspension.",
	},
	"update_phone_number": {
		"The codes are going to your old mobile, so please change the number under Profile > Contact details and we'll send them to the new one.",
		"Dear customer, we have amended the telephone contact held on your account as requested.",
		"so what you need to do is just pop the new mobile into your profile and then the text codes will go to that one instead",
	},
	"send_statement": {
		"I've emailed over a PDF of last month's account activity, it should be in your inbox in a few minutes.",
		"Macro DOC-STM: You can export your monthly transaction history from Documents > Statements; choose the month and tap Download.",
		"Dear customer, please find attached a summary of your account for the requested period.",
	},
	"cancel_pending_payment": {
		"Because the payment hasn't been collected yet, I was able to stop it, so it won't leave your account.",
		"u can still call it off while it says pending, just tap it n hit cancel ❌",
		"ok so that one hadn't actually gone out yet so I've pulled it back and it won't come out of your balance",
	},
	"raise_limit": {
		"Your spend ceiling is set at £500 a day, which is why the purchase was refused. I've taken it up to £2,000 for you.",
		"u can bump the daily max yourself in card settings 👍 just slide it up",
		"Dear customer, following your request we have approved an increase to your daily withdrawal allowance, effective immediately.",
	},
	"change_pin": {
		"As the current number may have been seen, please pick a new four-digit code; you can do it at any cash machine under 'PIN services'.",
		"so if you go into the app under card and then view or change your code you can choose new four digits there",
		"Macro SEC-CODE: For security, please choose a new four-digit code via Card > Security. You will be asked for the current one first.",
	},
	"reset_security_questions": {
		"Since you can't remember the answers you set up originally, I've wiped them so you'll be prompted to choose fresh ones next time you log in.",
		"Macro SEC-QA: Please choose new memorable-word prompts from Profile > Security. Previous answers will no longer be accepted.",
		"ok so in your profile there's a bit for the memorable answers just pick new ones there and save it",
	},
	"send_document": {
		"I've attached the letter you asked for to an email, it's on its way to you now.",
		"Dear customer, please find enclosed the requested confirmation letter for your records.",
		"u can grab the paperwork urself under Documents in the app 📄 it's a PDF",
	},
	"book_appointment": {
		"I've reserved a slot for you with one of our advisers on Thursday at 2pm; you'll get a calendar invite by email.",
		"so the best thing is to sit down with someone face to face so if you go on the website you can pick a time that suits you at your nearest branch",
		"Macro APPT-01: You can arrange a consultation with an adviser online via Contact us > Meet us. Please bring photo ID.",
	},
	"escalate_specialist": {
		"This is outside what I'm able to decide on, so I've referred it to a colleague with more authority, who will reply within two working days.",
		"Dear customer, your case has been referred to our specialist department, who will contact you directly.",
		"ok so i'm not able to sort that one myself i'm going to pass you over to the team that deals with this and they'll call you back",
	},
	"escalate_fraud_team": {
		"Because those payments look like they weren't made by you, I've handed the case to our security investigators; they'll call you from a withheld number within the hour.",
		"Macro FRD-ESC: Your report has been passed to our financial crime unit. Please do not use the card until they contact you.",
		"right i'm gonna put you through to the people who deal with suspicious transactions now so just stay on the line",
	},
	"escalate_technical": {
		"I can see the error on my side too, so it looks like a bug rather than anything on your phone; I've logged it with our developers and they'll update you.",
		"Macro TECH-ESC: Your issue has been logged with our IT department under reference INC-20931. You will be notified when it is resolved.",
		"ok so that's a fault on our system so i'm handing it over to the IT people and they'll be in touch once it's fixed",
	},
	"resend_tracking_link": {
		"I've emailed you a fresh link where you can follow the parcel, it should arrive in a couple of minutes.",
		"Macro SHIP-TRK: A new shipment-status link has been sent to your registered email address.",
		"ok so i've popped the courier link through to you again so you can see where your parcel is 📦",
	},
	"cancel_order": {
		"Since it hadn't left the warehouse yet, I've stopped the order and you won't be billed for it.",
		"you can still call it off from My orders before it's dispatched just hit the button at the bottom",
		"Dear customer, we confirm that your purchase has been withdrawn and no payment will be taken.",
	},
	"offer_exchange": {
		"Rather than a refund, I can swap it for the next size up; just send this one back and we'll post the new one as soon as it's scanned.",
		"no worries 👟 we can do a straight swap for another size if u want",
		"Macro RTN-SWAP: We are happy to replace the item with a different size or colour. Please return the original using the enclosed slip.",
	},
	"send_return_label": {
		"I've emailed you a free postage slip to stick on the parcel, just print it and drop it at any post office.",
		"so what you do is go into your order and there's a return option and it'll give you a sticker to print off",
		"Macro RTN-LBL: A freepost returns form is attached. Please print it and affix it to the outside of the package.",
	},
	"apply_promo_code": {
		"I've added the 15% off voucher to your basket by hand, so the total should now show the discount.",
		"the voucher didn't take cos it was typed with a space 🙃 try it again at checkout",
		"Dear customer, we have applied the discount to your order as a goodwill gesture.",
	},
	"clear_browser_cookies": {
		"Old login data kept in your browser can confuse the checkout, so please delete the site data for our shop in your browser settings and sign in again.",
		"could u wipe ur browser's stored site data & history then reopen the page? 🍪",
		"so in chrome if you go into settings then privacy there's a clear browsing data button tick the site data one and clear it",
	},
}

// wayfarerTalk is the pool's small talk, as many wordings of each kind as
// the develop pool has.
var wayfarerTalk = talk{
	success: []string{
		"sorry had to grab the kids from school... just tried it and yes it went through 👍",
		"Well, only took three days, but it's working now.",
		"ok thats gone through fine now thank you",
		"Oh by the way your hold music is awful. But yes, that did the trick.",
		"Confirmed: the issue is resolved. Thank you for your assistance.",
		"yesss finally 🎉 it works",
		"Give me a sec... right, payment accepted. Thanks.",
		"ok so i did what you said and its all working now cheers",
	},
	failure: []string{
		"nope 🙄 same thing",
		"Oh great, it still fails. Very helpful.",
		"sorry was driving, just tried it and it's still giving me the same message",
		"I have followed your instructions; unfortunately the problem persists.",
		"did that its still not letting me",
		"Before I forget, the chat window keeps jumping around. Anyway, no, that didn't fix it.",
		"Tried twice now. Still broken.",
		"Wow, thanks, still doesn't work 👏",
	},
	hedgedSuccess: []string{
		"hmm give me a minute... it's loading... ok I think that's actually gone through?? yes it has",
		"Not sure, the screen went white for a bit. Oh, there it is, it worked.",
		"maybe... hang on... yeah ok looks like it's sorted",
	},
	hedgedFailure: []string{
		"I think so? No wait, it's just spinning again and then the same error.",
		"hmm possibly... nah, it's come back with the error again",
		"It seemed to go through for a second but then it bounced, so I don't think so.",
	},
	handedOver: []string{
		"fine, I suppose I'll wait for them to call then",
		"Thank you, I will await their response.",
	},
	greetings: []string{
		"Good afternoon and thank you for contacting us. My name is Priya and I will be handling your enquiry today.",
		"hey 👋 sorry you're having trouble, let's get it sorted",
		"hi there thanks for calling you're through to the support team how can I help",
	},
	asks: []string{
		"Just so I can find you on the system, what's the postcode on the account?",
		"could u send me a screenshot of the error pls? 📸",
		"For security purposes, please state the first line of your registered address.",
		"roughly how much was the payment for and who was it to",
	},
	answers: []string{
		"it should be LS6 3QJ",
		"sent it just now, it says error 402",
		"It is 14 Harbour Road.",
		"about forty quid to a shop called Nordwick",
	},
	closings: []string{
		"Brilliant, glad that's sorted! Is there anything else I can help with today? 😊",
		"Please do not hesitate to contact us should you require any further assistance.",
	},
	farewells: []string{
		"nah that's it ta",
		"No thank you, that will be all. Good day.",
	},
}
