package attempt

// keyTable groups assistant turns that propose or perform the same action,
// phrased the ways agents and simulated evaluations vary them. It was written
// before the synonym tables. Every phrasing of a group should yield the
// group's key, and different groups different keys.
var keyTable = []struct {
	key       string
	phrasings []string
}{
	{"check_card_expiry", []string{
		"Can you check whether your card has expired?",
		"Please verify the expiry date on your card.",
		"Could you confirm your card is still valid?",
		"Let's make sure your card hasn't expired.",
		"Can you check if your card is expired?",
		"Please verify your card's expiration date.",
	}},
	{"clear_cache", []string{
		"Try clearing your browser cache.",
		"Could you clear the app's cache and try again?",
		"Please delete the cached data in your browser.",
		"Let's try removing the cache first.",
		"Can you clear your cache and cookies?",
	}},
	{"reset_password", []string{
		"I've reset your password.",
		"Please reset your password using the link on the login page.",
		"I have gone ahead and re-set your password.",
		"Your password has been reset.",
		"Could you try doing a password reset?",
	}},
	{"reinstall_app", []string{
		"Please reinstall the app.",
		"Try uninstalling and reinstalling the app.",
		"Could you delete the app and install it again?",
		"Can you remove the application and reinstall it?",
	}},
	{"restart_device", []string{
		"Please restart your phone.",
		"Can you reboot your device?",
		"Try turning your phone off and on again.",
		"Could you restart your device and try again?",
	}},
	{"update_card", []string{
		"Please update your card details.",
		"Could you change the card on file?",
		"Can you replace the card on your account with a new one?",
		"You may want to update the payment card in your wallet.",
	}},
	{"contact_bank", []string{
		"Please contact your bank.",
		"Could you call your bank to check if they're blocking the payment?",
		"I'd suggest reaching out to your bank.",
		"Can you get in touch with your card issuer?",
		"You might want to speak to your bank about it.",
	}},
	{"wait", []string{
		"Please wait 24 hours and try again.",
		"Could you give it a few hours?",
		"Let's wait until tomorrow and see if it clears.",
		"Please allow up to 3 business days for it to arrive.",
	}},
	{"send_email_verification", []string{
		"I re-sent the verification email.",
		"I've sent you a new verification link.",
		"I'll resend the confirmation email now.",
		"Let me send the verification email again.",
	}},
	{"refund_fee", []string{
		"I have refunded the fee.",
		"I've issued a refund for the fee.",
		"I refunded the charge to your account.",
		"The fee has been refunded.",
	}},
	{"update_app", []string{
		"Please update the app to the latest version.",
		"Could you upgrade the app?",
		"Try updating your app from the app store.",
		"Can you update to the newest version of the app?",
	}},
	{"disable_vpn", []string{
		"Please turn off your VPN.",
		"Could you disable the VPN and try again?",
		"Try switching off your VPN.",
		"Can you disconnect from the VPN?",
	}},
	{"check_spam", []string{
		"Can you check your spam folder?",
		"Please look in your junk folder.",
		"Could you check the spam folder for the email?",
		"Have a look in your spam.",
	}},
	{"unblock_card", []string{
		"I've unblocked your card.",
		"Please unfreeze your card in the app.",
		"Can you unlock your card from the security settings?",
		"Your card has been unblocked.",
	}},
}
