package summary

import (
	"testing"
	"time"
)

// Forms a team uses to give and take work, read by structure: tag
// questions after a promise, a vocative after an acknowledgement, offers
// after an acceptance, work handed over ("over to you", "that's on X:"),
// delegations as questions and through "ask/have/get/remind X to", reported
// promises, and due phrases with a time of day or a deadline word.
func TestActionItemsForms(t *testing.T) {
	t.Parallel()
	checkItems(t, []itemCase{
		// A tag question does not make a promise a question.
		{utt{"Dana Kowalski", "Right Raj, so I'm going to rewrite the onboarding email by Wednesday, okay?"}, "Rewrite the onboarding email by Wednesday", "Dana Kowalski", day(9)},
		{utt{"Dana Kowalski", "Priya, I will archive the old invoices tomorrow, does that work for you?"}, "Archive the old invoices tomorrow", "Dana Kowalski", day(8)},
		{utt{"Dana Kowalski", "So Raj is going to patch the staging server, isn't he?"}, "Patch the staging server", "Raj Mehta", time.Time{}},
		{utt{"Dana Kowalski", "Priya will chase the missing receipts on Thursday, yeah?"}, "Chase the missing receipts on Thursday", "Priya Nair", day(10)},
		// A vocative after an acknowledgement.
		{utt{"Raj Mehta", "Thanks Dana, let me dig out the old test plan for you."}, "Dig out the old test plan for Dana", "Raj Mehta", time.Time{}},
		{utt{"Raj Mehta", "Good point Priya, let me add you to the release channel."}, "Add Priya to the release channel", "Raj Mehta", time.Time{}},
		// An offer after an acceptance.
		{utt{"Raj Mehta", "Sure, I can migrate the build scripts to the new runner."}, "Migrate the build scripts to the new runner", "Raj Mehta", time.Time{}},
		// A softened promise of the speaker.
		{utt{"Raj Mehta", "Well, I suppose I'll rebook the flights then."}, "Rebook the flights", "Raj Mehta", time.Time{}},
		// A reported promise.
		{utt{"Raj Mehta", "I told Priya I would dust off the old benchmark suite by Friday."}, "Dust off the old benchmark suite by Friday", "Raj Mehta", day(11)},
		{utt{"Raj Mehta", "I've promised Dana that I'll reissue the refund tomorrow."}, "Reissue the refund tomorrow", "Raj Mehta", day(8)},
		// Work handed over.
		{utt{"Dana Kowalski", "Okay, over to you Raj to clean up the test fixtures."}, "Clean up the test fixtures", "Raj Mehta", time.Time{}},
		{utt{"Dana Kowalski", "Priya, over to you to price the extended warranty by Monday."}, "Price the extended warranty by Monday", "Priya Nair", day(14)},
		{utt{"Dana Kowalski", "Fine, that one's on Raj: renew the domain names before Friday."}, "Renew the domain names before Friday", "Raj Mehta", day(11)},
		{utt{"Raj Mehta", "Then this is on me: reorder the toner cartridges."}, "Reorder the toner cartridges", "Raj Mehta", time.Time{}},
		{utt{"Dana Kowalski", "Priya: collect the signed waivers by Tuesday."}, "Collect the signed waivers by Tuesday", "Priya Nair", day(8)},
		// Go ahead.
		{utt{"Dana Kowalski", "Raj, go ahead and merge the translation branch."}, "Merge the translation branch", "Raj Mehta", time.Time{}},
		// Delegations as questions, and through a directive verb.
		{utt{"Dana Kowalski", "Could we have Priya draft the FAQ for the portal?"}, "Draft the FAQ for the portal", "Priya Nair", time.Time{}},
		{utt{"Dana Kowalski", "Can we get Raj to rotate the API keys tomorrow?"}, "Rotate the API keys tomorrow", "Raj Mehta", day(8)},
		{utt{"Dana Kowalski", "I'll have Raj reset the demo accounts by Friday."}, "Reset the demo accounts by Friday", "Raj Mehta", day(11)},
		{utt{"Dana Kowalski", "We'll ask Priya to sign off the floor plan."}, "Sign off the floor plan", "Priya Nair", time.Time{}},
		{utt{"Dana Kowalski", "Remind Raj to renew the parking permits by Thursday."}, "Renew the parking permits by Thursday", "Raj Mehta", day(10)},
		{utt{"Dana Kowalski", "Ask Priya to countersign the lease."}, "Countersign the lease", "Priya Nair", time.Time{}},
		// Minutes style.
		{utt{"Dana Kowalski", "Raj to circulate the revised budget by Friday."}, "Circulate the revised budget by Friday", "Raj Mehta", day(11)},
		{utt{"Dana Kowalski", "Action item: Priya to book the venue."}, "Book the venue", "Priya Nair", time.Time{}},
		// Politeness before a request.
		{utt{"Dana Kowalski", "Raj, please could you kindly restart the build agents?"}, "Restart the build agents", "Raj Mehta", time.Time{}},
		{utt{"Dana Kowalski", "Priya, please would you tidy up the shared drive?"}, "Tidy up the shared drive", "Priya Nair", time.Time{}},
		// The -ing form after "mind" and in the progressive.
		{utt{"Dana Kowalski", "Raj, would you mind emailing the auditors tomorrow?"}, "Email the auditors tomorrow", "Raj Mehta", day(8)},
		{utt{"Dana Kowalski", "Do you mind chasing the overdue invoices, Priya?"}, "Chase the overdue invoices", "Priya Nair", time.Time{}},
		{utt{"Raj Mehta", "I'll be writing the test report on Wednesday."}, "Write the test report on Wednesday", "Raj Mehta", day(9)},
		{utt{"Raj Mehta", "I'm meeting the landlord on Thursday."}, "Meet the landlord on Thursday", "Raj Mehta", day(10)},
		{utt{"Dana Kowalski", "Priya is responsible for organising the offsite."}, "Organise the offsite", "Priya Nair", time.Time{}},
		{utt{"Dana Kowalski", "Next steps: Raj finalizes the seating plan."}, "Finalize the seating plan", "Raj Mehta", time.Time{}},
		// Requests put softly, and the one spoken to as the object.
		{utt{"Dana Kowalski", "Raj, is there any way you could expedite the hardware order?"}, "Expedite the hardware order", "Raj Mehta", time.Time{}},
		{utt{"Dana Kowalski", "Priya, why don't you take the lead on the audit?"}, "Take the lead on the audit", "Priya Nair", time.Time{}},
		{utt{"Dana Kowalski", "Raj, could you perhaps rerun the load test?"}, "Rerun the load test", "Raj Mehta", time.Time{}},
		{utt{"Dana Kowalski", "Priya, I'll need you to sign the purchase order."}, "Sign the purchase order", "Priya Nair", time.Time{}},
		{utt{"Dana Kowalski", "Raj — defrost the office fridge by Friday."}, "Defrost the office fridge by Friday", "Raj Mehta", day(11)},
		// Offers and plans of the speaker.
		{utt{"Raj Mehta", "I'd be glad to mentor the new intern."}, "Mentor the new intern", "Raj Mehta", time.Time{}},
		{utt{"Raj Mehta", "I intend to survey the warehouse staff this week."}, "Survey the warehouse staff this week", "Raj Mehta", time.Time{}},
		{utt{"Raj Mehta", "My action is to collate the feedback forms."}, "Collate the feedback forms", "Raj Mehta", time.Time{}},
		{utt{"Dana Kowalski", "Raj has the action to patch the printers."}, "Patch the printers", "Raj Mehta", time.Time{}},
		// A short opener before the subject, without a comma.
		{utt{"Raj Mehta", "On that note I will recalibrate the thermostat."}, "Recalibrate the thermostat", "Raj Mehta", time.Time{}},
		// A due phrase before the name or the subject.
		{utt{"Dana Kowalski", "By Wednesday, Priya, could you vet the new suppliers?"}, "Vet the new suppliers by Wednesday", "Priya Nair", day(9)},
		{utt{"Raj Mehta", "Tomorrow afternoon I'll rewire the meeting room screen."}, "Rewire the meeting room screen tomorrow afternoon", "Raj Mehta", day(8)},
		{utt{"Dana Kowalski", "Raj, on Friday please restock the first aid kits."}, "Restock the first aid kits on Friday", "Raj Mehta", day(11)},
		// Offers as questions, states of the addressee, promises reported.
		{utt{"Raj Mehta", "Shall I draft the press release by Thursday, Dana?"}, "Draft the press release by Thursday", "Raj Mehta", day(10)},
		{utt{"Dana Kowalski", "Priya, are you willing to mentor the graduates?"}, "Mentor the graduates", "Priya Nair", time.Time{}},
		{utt{"Dana Kowalski", "Raj, are you okay covering the support rota?"}, "Cover the support rota", "Raj Mehta", time.Time{}},
		{utt{"Dana Kowalski", "Priya said she'd renegotiate the cleaning contract."}, "Renegotiate the cleaning contract", "Priya Nair", time.Time{}},
		{utt{"Dana Kowalski", "Raj volunteered to digitise the old invoices."}, "Digitise the old invoices", "Raj Mehta", time.Time{}},
		{utt{"Dana Kowalski", "Priya, you said you'd audit the expense claims."}, "Audit the expense claims", "Priya Nair", time.Time{}},
		{utt{"Dana Kowalski", "I'm asking Raj to decommission the old server."}, "Decommission the old server", "Raj Mehta", time.Time{}},
		{utt{"Raj Mehta", "I'll do my best to reconcile the stock count by Friday."}, "Reconcile the stock count by Friday", "Raj Mehta", day(11)},
		// A name without its comma, with a colon, with "'ll"; courtesy at the end.
		{utt{"Dana Kowalski", "Raj could you relabel the spare cables?"}, "Relabel the spare cables", "Raj Mehta", time.Time{}},
		{utt{"Dana Kowalski", "Priya: can you phone the caterers on Tuesday?"}, "Phone the caterers on Tuesday", "Priya Nair", day(8)},
		{utt{"Dana Kowalski", "Raj'll repaint the loading bay."}, "Repaint the loading bay", "Raj Mehta", time.Time{}},
		{utt{"Dana Kowalski", "Priya, water the office plants, if you would."}, "Water the office plants", "Priya Nair", time.Time{}},
		{utt{"Dana Kowalski", "Raj, I'd be grateful if you'd index the archive boxes."}, "Index the archive boxes", "Raj Mehta", time.Time{}},
		{utt{"Dana Kowalski", "Priya, I'll leave it to you to brief the temps."}, "Brief the temps", "Priya Nair", time.Time{}},
		{utt{"Dana Kowalski", "Raj, I'll let you renegotiate the courier rates."}, "Renegotiate the courier rates", "Raj Mehta", time.Time{}},
		// Deadlines with a time of day or a deadline word.
		{utt{"Raj Mehta", "I'll file the expense report by EOD Friday."}, "File the expense report by eod Friday", "Raj Mehta", day(11)},
		{utt{"Raj Mehta", "I'll file the expense report by close of business Wednesday."}, "File the expense report by close of business Wednesday", "Raj Mehta", day(9)},
		{utt{"Raj Mehta", "I'll file the expense report by Tuesday noon at the latest."}, "File the expense report by Tuesday noon at the latest", "Raj Mehta", day(8)},
		{utt{"Raj Mehta", "I'll file the expense report no later than Thursday."}, "File the expense report no later than Thursday", "Raj Mehta", day(10)},
	})
}

// The same forms where they are not work after the meeting.
func TestActionItemsFormsNot(t *testing.T) {
	t.Parallel()
	checkNoItems(t, []string{
		"So I'm going to share my screen, okay?",
		"You'll send it, won't you?",
		"I'm going to go where with this, Raj?",
		"Thanks Raj, let me see.",
		"Thanks Raj, let me just go to the next slide.",
		"With Raj, we discussed the budget.",
		"Sure, I can see it.",
		"Yeah, I can move the logo.",
		"I'll be able to do a better job.",
		"Yeah, I can hear you fine.",
		"Maybe I'll rebook the flights.",
		"I told Priya it was fine.",
		"I promised Dana the numbers were right.",
		"Over to you, Raj.",
		"That's on me, sorry.",
		"Raj: yeah, the remote is fine as it is.",
		"Could we have a break?",
		"Can we get a coffee?",
		"I'll ask about the colours.",
		"Remind me what the budget was?",
		"Raj, go ahead.",
		"So my job is to design a remote control that is easy to use.",
		"I'm sorry to interrupt.",
		"I'm ready to go.",
		"Would you mind if I shared my screen?",
		"Raj is responsible for the budget.",
		"When I'll have the figures I can tell you.",
		"What I will do is the intro.",
		"Because I'll fix the bug anyway, skip it.",
		"Shall I share my screen?",
		"Should I go on?",
		"Okay Raj, will do.",
		"I need to renew my passport, can you help?",
		"I'm desperate to get the policy number of my plan.",
		"I am here to report a billing issue.",
		"Raj said it was fine.",
		"Raj, I'll let you know.",
		"Raj could you hear me?",
		"Priya, the colours, if you would.",
		"Raj'll be fine.",
		"So if you'd be reading a book, the light would flicker.",
	})
}
