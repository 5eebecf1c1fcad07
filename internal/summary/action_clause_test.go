package summary

import (
	"testing"
	"time"
)

// The commitment clause wherever it stands: after a frame ("what we'll
// do is", "the idea is", "I'd reckon"), between vocatives, before a
// trailing tag or name, after a false start corrected between dashes, in
// non-native word order, with due phrases read from a number and a unit.
func TestActionItemsClause(t *testing.T) {
	t.Parallel()
	checkItems(t, []itemCase{
		// Frames before the clause.
		{utt{"Raj Mehta", "Right Priya, what I'm going to do is I'll re-run the load test on Wednesday."}, "Re-run the load test on Wednesday", "Raj Mehta", day(9)},
		{utt{"Raj Mehta", "Alright, the idea is Dana will phone the supplier about the late pallets by Thursday."}, "Phone the supplier about the late pallets by Thursday", "Dana Kowalski", day(10)},
		{utt{"Raj Mehta", "Honestly, I'd say Priya should review the vendor shortlist, she knows them."}, "Review the vendor shortlist", "Priya Nair", time.Time{}},
		{utt{"Raj Mehta", "As we said to Dana, I'll ship the replacement routers on Friday."}, "Ship the replacement routers on Friday", "Raj Mehta", day(11)},
		{utt{"Raj Mehta", "As I told Priya last week, I will renew the insurance policy tomorrow."}, "Renew the insurance policy tomorrow", "Raj Mehta", day(8)},
		{utt{"Raj Mehta", "The way I see it, the plan is Priya is going to audit the staff rota by Wednesday."}, "Audit the staff rota by Wednesday", "Priya Nair", day(9)},
		// A name after the tag, and a tag after the name.
		{utt{"Raj Mehta", "Priya will translate the safety leaflet, won't she, Priya?"}, "Translate the safety leaflet", "Priya Nair", time.Time{}},
		{utt{"Raj Mehta", "Dana is going to repot the lobby plants on Tuesday, yeah, Dana?"}, "Repot the lobby plants on Tuesday", "Dana Kowalski", day(8)},
		{utt{"Raj Mehta", "Dana, just rename the shared folders by Friday, alright?"}, "Rename the shared folders by Friday", "Dana Kowalski", day(11)},
		// A false start corrected between dashes.
		{utt{"Raj Mehta", "Dana — sorry — Priya, can you order the replacement badges?"}, "Order the replacement badges", "Priya Nair", time.Time{}},
		{utt{"Raj Mehta", "Priya — I mean — Priya, could you archive the old tickets?"}, "Archive the old tickets", "Priya Nair", time.Time{}},
		// Non-native order and obligation modals.
		{utt{"Raj Mehta", "Dana, is possible you forward the courier invoice on Thursday?"}, "Forward the courier invoice on Thursday", "Dana Kowalski", day(10)},
		{utt{"Raj Mehta", "Priya, you must sign the delivery note by Wednesday."}, "Sign the delivery note by Wednesday", "Priya Nair", day(9)},
		{utt{"Raj Mehta", "Dana, you ought to renew the firewall licence tomorrow."}, "Renew the firewall licence tomorrow", "Dana Kowalski", day(8)},
		// Delegation put as a suggestion.
		{utt{"Raj Mehta", "Why don't we ask Priya to photograph the damaged crates?"}, "Photograph the damaged crates", "Priya Nair", time.Time{}},
		{utt{"Raj Mehta", "Shall we have Dana call the locksmith tomorrow?"}, "Call the locksmith tomorrow", "Dana Kowalski", day(8)},
		// An offer made by its condition.
		{utt{"Raj Mehta", "I can rewrite the parking policy if no one else wants to."}, "Rewrite the parking policy", "Raj Mehta", time.Time{}},
		// A task put on the speaker by an explicit noun before a colon.
		{utt{"Raj Mehta", "Action on me: restock the first aid kits by Friday."}, "Restock the first aid kits by Friday", "Raj Mehta", day(11)},
		// Vocatives and comments set between commas inside the clause.
		{utt{"Raj Mehta", "Could you, Dana, send the floor plan by Friday?"}, "Send the floor plan by Friday", "Dana Kowalski", day(11)},
		{utt{"Raj Mehta", "I will, Priya, send you the slides tomorrow."}, "Send Priya the slides tomorrow", "Raj Mehta", day(8)},
		{utt{"Raj Mehta", "Dana will, I think, renew the lease by Friday."}, "Renew the lease by Friday", "Dana Kowalski", day(11)},
		{utt{"Raj Mehta", "Right — Dana — can you call the caterers tomorrow?"}, "Call the caterers tomorrow", "Dana Kowalski", day(8)},
		{utt{"Raj Mehta", "Dana, can I ask — sorry — can you renew the lease by Friday?"}, "Renew the lease by Friday", "Dana Kowalski", day(11)},
		// A pseudo-cleft of a request, a task given by a noun phrase.
		{utt{"Raj Mehta", "Priya, what you could do is chase the invoices by Friday."}, "Chase the invoices by Friday", "Priya Nair", day(11)},
		{utt{"Raj Mehta", "The action for Dana is to update the wiki."}, "Update the wiki", "Dana Kowalski", time.Time{}},
		{utt{"Raj Mehta", "Priya's job will be to renew the lease by Friday."}, "Renew the lease by Friday", "Priya Nair", day(11)},
		{utt{"Raj Mehta", "Priya, the next step is for you to renew the lease by Friday."}, "Renew the lease by Friday", "Priya Nair", day(11)},
		// A request of someone named put as a condition, courtesy put on "it".
		{utt{"Raj Mehta", "It would be great if Dana could order the chairs by Friday."}, "Order the chairs by Friday", "Dana Kowalski", day(11)},
		{utt{"Raj Mehta", "Dana, if it's not too much trouble, could you renew the lease?"}, "Renew the lease", "Dana Kowalski", time.Time{}},
		// The imperative with its subject said; a learner's "please to".
		{utt{"Raj Mehta", "Priya, you renew the lease by Friday, okay?"}, "Renew the lease by Friday", "Priya Nair", day(11)},
		{utt{"Raj Mehta", "Dana, kindly you send me the file tomorrow."}, "Send Raj the file tomorrow", "Dana Kowalski", day(8)},
		{utt{"Raj Mehta", "Please Dana to send me the file tomorrow."}, "Send Raj the file tomorrow", "Dana Kowalski", day(8)},
		// "just" before a verb due on a day is not the meeting's own.
		{utt{"Raj Mehta", "So yeah, Priya, I guess what I'll do is I'll just email the landlord tomorrow."}, "Email the landlord tomorrow", "Raj Mehta", day(8)},
		// A restart after a single dash.
		{utt{"Raj Mehta", "So, um, I'll — I'll defrost the office fridge on Friday."}, "Defrost the office fridge on Friday", "Raj Mehta", day(11)},
		{utt{"Raj Mehta", "Sure Priya, I — I'll take care to reprint the badges tomorrow."}, "Reprint the badges tomorrow", "Raj Mehta", day(8)},
		// An event of the day and a part of it belong to the due phrase.
		{utt{"Raj Mehta", "I'll defrost the office fridge before Wednesday's retro."}, "Defrost the office fridge before Wednesday's retro", "Raj Mehta", day(9)},
		{utt{"Raj Mehta", "I'll defrost the office fridge tomorrow after lunch."}, "Defrost the office fridge tomorrow after lunch", "Raj Mehta", day(8)},
		// Comment adverbs, one-word tags, a courtesy set between commas.
		{utt{"Raj Mehta", "Okay Priya, right, so, basically I'm going to redo the floor plan by Monday."}, "Redo the floor plan by Monday", "Raj Mehta", day(14)},
		{utt{"Raj Mehta", "Dana, honestly, could you just fix the kettle by Friday?"}, "Fix the kettle by Friday", "Dana Kowalski", day(11)},
		{utt{"Raj Mehta", "Regarding the audit, Priya is going to pull the ledgers by Friday, correct?"}, "Pull the ledgers by Friday", "Priya Nair", day(11)},
		{utt{"Raj Mehta", "Dana, can you please, when you get a sec, repaint the sign by Friday?"}, "Repaint the sign by Friday", "Dana Kowalski", day(11)},
		{utt{"Raj Mehta", "Do you think, Dana, you could repaint the sign by Friday?"}, "Repaint the sign by Friday", "Dana Kowalski", day(11)},
		{utt{"Raj Mehta", "Dana, you should be able to repaint the sign by Friday, right?"}, "Repaint the sign by Friday", "Dana Kowalski", day(11)},
		{utt{"Raj Mehta", "Priya, you mind repainting the sign by Friday?"}, "Repaint the sign by Friday", "Priya Nair", day(11)},
		{utt{"Raj Mehta", "I'll repaint the sign by a week on Friday."}, "Repaint the sign by a week on Friday", "Raj Mehta", day(18)},
		{utt{"Raj Mehta", "I'll repaint the sign no later than a week from Monday."}, "Repaint the sign no later than a week from Monday", "Raj Mehta", day(21)},
		{utt{"Raj Mehta", "I'll repaint the sign in the next couple of days."}, "Repaint the sign in the next couple of days", "Raj Mehta", day(9)},
		// An attention-getter between commas; the progressive put to the
		// one spoken to; "would X …?" as "can X …?".
		{utt{"Raj Mehta", "Priya, look, I'll book the minibus by Thursday, that's a promise."}, "Book the minibus by Thursday", "Raj Mehta", day(10)},
		{utt{"Raj Mehta", "Dana, you're booking the minibus by Thursday, aren't you?"}, "Book the minibus by Thursday", "Dana Kowalski", day(10)},
		{utt{"Raj Mehta", "Would Dana be able to book the minibus by Thursday?"}, "Book the minibus by Thursday", "Dana Kowalski", day(10)},
		{utt{"Raj Mehta", "Um, Dana, yeah, if you could, like, book the minibus by Thursday, that'd be ace."}, "Book the minibus by Thursday", "Dana Kowalski", day(10)},
		{utt{"Raj Mehta", "I'll sort out the minibus in two or three days."}, "Sort out the minibus in two or three days", "Raj Mehta", day(10)},
		{utt{"Raj Mehta", "I'll book the minibus by the end of the week after next."}, "Book the minibus by the end of the week after next", "Raj Mehta", day(25)},
		{utt{"Raj Mehta", "I'll book the minibus by Thursday week."}, "Book the minibus by Thursday week", "Raj Mehta", day(17)},
		// Due phrases read from a number and a unit.
		{utt{"Raj Mehta", "I'll renew the lease within two working days."}, "Renew the lease within two working days", "Raj Mehta", day(9)},
		{utt{"Raj Mehta", "I'll renew the lease in a week's time."}, "Renew the lease in a week's time", "Raj Mehta", day(14)},
		{utt{"Raj Mehta", "I'll renew the lease within the next ten days."}, "Renew the lease within the next ten days", "Raj Mehta", day(17)},
		{utt{"Raj Mehta", "I'll renew the lease in 48 hours."}, "Renew the lease in 48 hours", "Raj Mehta", day(9)},
		{utt{"Raj Mehta", "I'll patch the kiosk software within seventy-two hours."}, "Patch the kiosk software within seventy-two hours", "Raj Mehta", day(10)},
		{utt{"Raj Mehta", "I'll sort the returns by this time next week."}, "Sort the returns by this time next week", "Raj Mehta", day(14)},
		{utt{"Raj Mehta", "I'll sort the returns in twenty one days."}, "Sort the returns in twenty one days", "Raj Mehta", day(28)},
		{utt{"Raj Mehta", "I'll sort the returns a fortnight from tomorrow."}, "Sort the returns a fortnight from tomorrow", "Raj Mehta", day(22)},
	})
}

// The same frames around talk that is not work after the meeting:
// suppositions, reports of the past, questions about it, the meeting's
// own procedure and jokes.
func TestActionItemsClauseNot(t *testing.T) {
	t.Parallel()
	checkNoItems(t, []string{
		"If the plan is Raj will fix it, we should wait.",
		"The problem is I'll never finish the crossword.",
		"What I did was I sent the invoice yesterday.",
		"As I said, I sent it yesterday.",
		"He said I'll regret buying the blue one.",
		"Did Priya send the contract last week, Priya?",
		"I'd say we should move on to the next item.",
		"The plan is we'll go round the table first.",
		"I think Raj would win a karaoke contest, right, Raj?",
		"Priya — sorry — what was the question?",
		"Is possible you were right about the colours.",
		"You must be joking, Dana.",
		"Why don't we take a break?",
		"I sent the parts list to Dana on Friday.",
		"The idea is that you could charge it wirelessly.",
		"Dana, you must have seen the new logo by now.",
		"I can do it in two hours if nobody else wants it.",
		"The thing is I can never find my keys, right, Raj?",
		"I'd say Raj should be the secretary today.",
		"What I'll do is share my screen.",
		"What I'll do is I'll just go to the next slide.",
		"The plan was Raj would fix it, but he left.",
		"What you could do is just press the red button.",
		"If it's raining, I'll take the bus.",
		"As I said to Raj, the deadline was yesterday.",
		"I'd say the battery will last a week.",
		"Could you, Raj, repeat that?",
		"Will you, Priya, be at the party?",
		"Raj will, I think, be surprised.",
		"Raj — sorry — Priya said that already.",
		"It's possible you misread the figures.",
		"Why don't we ask Raj what he thinks?",
		"Why don't we get Raj to sing, ha ha.",
		"Shall we have lunch?",
		"The action for today is to finish the agenda.",
		"Raj's idea is to make it round.",
		"The next step is for me to show the slides.",
		"I sent Raj the file within two working days last time.",
		"Raj, you look tired, okay?",
		"Raj, you sent the report yesterday, right?",
		"Did you send the invoice on Friday, Raj?",
		"What I did is I emailed the supplier.",
		"Okay, what we'll do is we'll vote now.",
		"Raj, just click next, okay?",
		"I can do it if nobody else wants to, just kidding.",
		"Basically I think it's fine.",
		"Actually I was going to say the same, Raj.",
		"It's blue, correct?",
		"We discussed the budget, agreed?",
		"You should be able to see my screen now, right?",
		"Do you think, Raj, it will rain?",
		"I went there a week on Friday.",
		"Seriously, you must see that film.",
		"If I were Raj, I'd book the minibus by Thursday.",
		"Raj would book the minibus by Thursday if we asked him.",
		"Had I known, I'd have booked the minibus by Thursday.",
		"Raj never books the minibus by Thursday, ha.",
		"Raj booked the minibus by Thursday last time.",
		"Who will book the minibus by Thursday?",
		"Should we book the minibus by Thursday?",
		"Raj, look, the minibus was late.",
		"Would Raj be happy, do you think?",
	})
}
