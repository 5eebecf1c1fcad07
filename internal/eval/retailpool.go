package eval

// The actions of the retail domain (abcd, an online clothing shop). The
// banking actions read oddly for a shop, so abcd's intents draw their
// candidates from these: six retail fixes worded in every pool, six of
// the banking fixes that a shop's agents do too, and two escalations.
// The existing domains keep drawing from simActions alone, so their
// simulated conversations are unchanged (TestExistingDomainsSimulateUnchanged).

// retailOnly are the fixes that only the retail domain uses.
var retailOnly = []Action{
	{ID: "resend_tracking_link",
		Develop:  []string{"I have resent the tracking link to your email.", "Please use the tracking link in your shipping confirmation email.", "I've sent you a new link to track your order."},
		Report:   []string{"A fresh tracking link is in your inbox now.", "You can follow the parcel from the Track order button on the order page.", "I've emailed the courier's tracking page for your order again."},
		Fresh:    []string{"i've sent the tracking details again, they should be in your inbox in a minute", "Could you open the shipping email and click Track package? It shows where the parcel is.", "The courier tracking number has been texted to your phone."},
		Blind:    []string{"Let me send the tracking link once more so you can see where the parcel is.", "Would you mind checking the order history page? The tracking number is listed next to the order.", "Another copy of the shipment tracking email has just been sent."},
		Holdout:  []string{"Since the first shipping email seems to have gone missing, I've resent the tracking link; it'll show you the courier's latest scan and the expected delivery day.", "tracking link re-sent to cust email", "would you be able to look in your spam folder? i have sent the tracking mail again just now"},
		Outsider: []string{"I've sent the delivery company's link again so you can see where the box is right now.", "check ur email in a min, just re-sent the 'where's my order' message with the live updates", "Dispatch notification w/ consignment no. re-sent to cust."}},
	{ID: "cancel_order",
		Develop:  []string{"I have cancelled your order.", "Please cancel the order from your order history before it ships.", "I've cancelled that order for you, you won't be charged."},
		Report:   []string{"That order is now cancelled and nothing will be taken from your card.", "You can stop the order yourself with the Cancel button while it is still processing.", "I've withdrawn the order before it left the warehouse."},
		Fresh:    []string{"the order's been canceled on our end, no charge will go through", "Could you hit Cancel order on the order page? It's still early enough.", "Your purchase has been called off and the payment hold released."},
		Blind:    []string{"I've gone into the system and canceled the order, so it won't be shipped.", "Would you like to cancel it from My orders? The option is there until dispatch.", "The order has been voided and the authorisation on your card dropped."},
		Holdout:  []string{"As the parcel hasn't been packed yet, I've been able to cancel the whole order for you, so there won't be any charge on your card.", "order cxl'd pre-dispatch, no charge", "the order is cancel now, you will not pay anything for it"},
		Outsider: []string{"Done - I've called off that order before it shipped, and the money goes back automatically.", "if it isn't boxed up you can scrap it from My Purchases", "Order killed prior to fulfilment, auth dropped."}},
	{ID: "offer_exchange",
		Develop:  []string{"I can exchange the item for a different size.", "Please send the item back and we will send you the right one.", "I've arranged an exchange for you."},
		Report:   []string{"We'll swap it for the size or colour you want at no cost.", "Return it with the exchange form and the replacement goes out when it arrives.", "I've set up a straight swap for another one."},
		Fresh:    []string{"happy to switch it for another size, i'll send the new one out today", "Could you pick the size you want on the exchange page? We'll ship it as soon as the old one is scanned.", "A replacement item in the color you asked for has been reserved for you."},
		Blind:    []string{"I can offer you an exchange instead, so you get the one you wanted without paying again.", "Would an exchange work for you? Just choose the new size when you start the return.", "The item has been swapped on your order and the new one will ship tomorrow."},
		Holdout:  []string{"Since it's the wrong size rather than faulty, I've set up an exchange: the medium goes out today, and you can send the large back whenever suits you.", "exchange arranged, new size dispatched", "we can change it to other size for you if you want, no extra cost"},
		Outsider: []string{"Glad to trade it for an M instead - send the L back and the M heads out the moment it reaches us.", "we can switch it for a different shade or size, free of charge", "Size switch set up: 10 -> 12, same style."}},
	{ID: "send_return_label",
		Develop:  []string{"I have emailed you a return label.", "Please print the return label from your order page.", "I've sent you a prepaid shipping label for the return."},
		Report:   []string{"A free return label is in your email, just print it and stick it on the box.", "Download the returns label under Orders, then Return item.", "I've generated a postage-paid label so you can send it back."},
		Fresh:    []string{"i just emailed you a return slip, drop it at any post office", "Could you print the label that's attached to the returns email? Postage is already paid.", "Your returns QR code has been sent, the courier will scan it at drop-off."},
		Blind:    []string{"I'll email you a prepaid label so you can ship the item back to us for free.", "Would you print the return label from the link I sent and attach it to the parcel?", "A return authorization and label have been created for the item."},
		Holdout:  []string{"Because the item arrived damaged, I've emailed you a prepaid returns label, so you just need to pop it on the parcel and drop it at any collection point.", "RMA + label emailed to cust", "would you be able to print out the label from your email? it's free to send back, no need to pay postage"},
		Outsider: []string{"I've mailed you a no-charge shipping sticker - print it, tape it to the package and hand it in at any newsagent that takes returns.", "You can print the free-of-charge returns form from your account under that order, then just leave it at a locker.", "Returns QR sent to cust (no printer needed)."}},
	{ID: "apply_promo_code",
		Develop:  []string{"I have applied the promo code to your order.", "Please enter the promo code at checkout again.", "I've added a discount code to your account."},
		Report:   []string{"The discount is now taken off your order total.", "Type the voucher code in the Promotions box on the payment page.", "I've credited the promotion to your order by hand."},
		Fresh:    []string{"i've put the coupon on your order manually, the price is updated", "Could you paste the code into the discount field before paying?", "A new voucher code has been emailed to replace the expired one."},
		Blind:    []string{"Let me apply that discount for you, the new total should show straight away.", "Would you try the code again in the basket? Make sure there are no spaces.", "The promotional price has been honored and the difference taken off."},
		Holdout:  []string{"Since the code ran out only yesterday, I've made an exception and applied the 20% off to your order myself, so the new total should show when you refresh.", "promo applied manually, total adjusted", "the discount code is now put on your account, you can use it in the checkout"},
		Outsider: []string{"I've knocked the 15% off by hand using that code from the email, so your total now reflects the reduction.", "try pasting the code again in your bag, no blank at the end - it's case sensitive", "Offer SPRING15 added to ord after payment."}},
	{ID: "clear_browser_cookies",
		Develop:  []string{"Please clear your browser cookies and try again.", "Could you log out, clear the cookies and log back in?", "Try clearing your browser's cookies and cache."},
		Report:   []string{"Delete the site data in your browser and reload the page.", "Sign out, wipe the cookies for our site, then sign in again.", "Empty the browser cache and give the page another try."},
		Fresh:    []string{"could you clear the cookies in your browser settings and refresh?", "Please try a private window, it skips the saved cookies.", "The stored site data is probably stale, wiping the cookies should fix the page."},
		Blind:    []string{"Would you mind clearing your browsing data and then opening the site again?", "Let's try removing the saved cookies for the website and signing in once more.", "Please reset the browser's stored data for our shop and reload."},
		Holdout:  []string{"The basket often gets stuck like this when an old session is stored in the browser, so could you clear your cookies, close the browser completely and then log in again?", "advised clear cookies + relog", "can you please to delete the cookies in your browser and open our website again? it should load normal after"},
		Outsider: []string{"It's likely leftover site data sitting in your browser - erase what it keeps for our domain, quit the browser and sign in again.", "try an incognito tab first, if that works then remove our stored site data from your usual browser", "Asked cust to purge browser site data + retry on desktop."}},
}

// retailShared are the banking actions a shop's agents do too.
var retailShared = []string{"reset_password", "update_address", "update_phone_number", "raise_refund", "reenter_card_details", "verify_identity", "escalate_specialist", "escalate_technical"}

// retailActions are what abcd's intents draw their candidates from, in a
// fixed order (the draw depends on it).
var retailActions = func() []Action {
	out := append([]Action{}, retailOnly...)
	for _, id := range retailShared {
		for _, a := range simActions {
			if a.ID == id {
				out = append(out, a)
			}
		}
	}
	return out
}()
