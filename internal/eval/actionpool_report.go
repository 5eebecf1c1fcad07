package eval

// The report pool of the action-item evaluation. It was written blind: from
// the shape file (actionpool.go) and two QMSum transcripts only, before any
// run of the evaluation, by someone who read neither the extractor nor the
// develop pool. Do not tune it to results; add a new pool instead.
//
// Fitting rules the pool keeps (checked by actionpool_test.go):
//   - a template owned by the speaker takes {R} as "you" only when it
//     addresses {A} by name, never as "me" ("I'll send me" is not English);
//   - a template owned by {A} takes {R} as "me" (the speaker), never as
//     "you";
//   - no task holds a date, a time or a pronoun that would change meaning
//     between "I'll …" and "could you …" (my, your).

var reportActionTemplates = []ActionTemplate{
	// The speaker commits, to the room.
	{Text: "I'll {task} {due}.", Owner: "speaker"},
	{Text: "Okay, leave that one with me and I'll {task} {due}.", Owner: "speaker"},
	{Text: "Um, yeah, so I'll {task}.", Owner: "speaker"},
	{Text: "I guess I could {task} {due}, if nobody else wants it.", Owner: "speaker"},
	{Text: "Right, I'm going to {task} {due}.", Owner: "speaker"},
	{Text: "I can do that. I'll {task} {due}.", Owner: "speaker"},
	{Text: "Let me {task} {due}.", Owner: "speaker"},
	{Text: "I'll make sure to {task} {due}.", Owner: "speaker"},
	{Text: "Uh, I should be able to {task} {due}.", Owner: "speaker"},
	{Text: "Put me down to {task} {due}.", Owner: "speaker"},
	{Text: "I'll try to {task} {due}, no promises though.", Owner: "speaker"},
	{Text: "Yeah, that's on me, I'll {task}.", Owner: "speaker"},
	{Text: "So, action item for me: I need to {task} {due}.", Owner: "speaker"},
	{Text: "I'll go ahead and {task} {due}.", Owner: "speaker"},
	{Text: "I was going to {task} anyway, so I'll do it {due}.", Owner: "speaker"},
	{Text: "Mm, I think I can {task} {due}.", Owner: "speaker"},
	{Text: "Okay, I'll {task} and then report back to everyone.", Owner: "speaker"},
	{Text: "Sure, I'm happy to {task}.", Owner: "speaker"},

	// The speaker commits, to {A} by name.
	{Text: "{A}, I'll {task} {due}.", Owner: "speaker", Recipient: "you"},
	{Text: "Sure, {A}, I can {task} {due}.", Owner: "speaker", Recipient: "you"},
	{Text: "No problem, {A}. I'll {task} {due}.", Owner: "speaker", Recipient: "you"},
	{Text: "{A}, just leave it to me and I'll {task}.", Owner: "speaker", Recipient: "you"},
	{Text: "Don't worry about it, {A}, I'll {task} {due}.", Owner: "speaker", Recipient: "you"},
	{Text: "{A}, let me {task} {due}.", Owner: "speaker", Recipient: "you"},
	{Text: "Okay {A}, I promise I'll {task} {due}.", Owner: "speaker", Recipient: "you"},
	{Text: "{A}, I can take that one. I'll {task}.", Owner: "speaker", Recipient: "you"},
	{Text: "Yeah {A}, I'll be sure to {task} {due}.", Owner: "speaker", Recipient: "you"},
	{Text: "{A}, um, I could probably {task} {due} if that helps.", Owner: "speaker", Recipient: "you"},

	// The speaker asks {A}.
	{Text: "{A}, could you {task} {due}?", Owner: "named", Recipient: "me"},
	{Text: "{A}, would you be able to {task} {due}?", Owner: "named", Recipient: "me"},
	{Text: "{A}, can I get you to {task} {due}?", Owner: "named", Recipient: "me"},
	{Text: "{A}, please {task} {due}.", Owner: "named", Recipient: "me"},
	{Text: "{A}, are you okay to {task} {due}?", Owner: "named", Recipient: "me"},
	{Text: "{A}, I need you to {task} {due}.", Owner: "named", Recipient: "me"},
	{Text: "{A}, would it be possible for you to {task} {due}?", Owner: "named", Recipient: "me"},
	{Text: "So {A}, you'll {task} {due}, right?", Owner: "named", Recipient: "me"},
	{Text: "{A}, do you think you could {task} {due}?", Owner: "named", Recipient: "me"},
	{Text: "{A}, you're going to {task} {due}, yeah?", Owner: "named", Recipient: "me"},
	{Text: "Um, {A}, if you could {task} {due}, that would be great.", Owner: "named", Recipient: "me"},
	{Text: "{A}, can you {task}?", Owner: "named", Recipient: "me"},
	{Text: "{A}, your action is to {task} {due}.", Owner: "named", Recipient: "me"},
	{Text: "{A}, when you get a chance, could you {task}?", Owner: "named", Recipient: "me"},
	{Text: "{A}, would you be willing to {task} {due}?", Owner: "named", Recipient: "me"},
	{Text: "{A}, it'd be great if you could {task} {due}.", Owner: "named", Recipient: "me"},
	{Text: "{A}, are you able to {task} {due}?", Owner: "named", Recipient: "me"},

	// The speaker names {A} to the room.
	{Text: "Let's have {A} {task} {due}.", Owner: "named", Recipient: "me"},
	{Text: "{A} is going to {task} {due}.", Owner: "named", Recipient: "me"},
	{Text: "{A} will {task} {due}.", Owner: "named", Recipient: "me"},
	{Text: "Maybe {A} can {task}.", Owner: "named", Recipient: "me"},
	{Text: "I'd like {A} to {task} {due}.", Owner: "named", Recipient: "me"},
	{Text: "{A} has agreed to {task} {due}.", Owner: "named", Recipient: "me"},
	{Text: "I'll get {A} to {task} {due}.", Owner: "named", Recipient: "me"},
	{Text: "I think {A} should {task} {due}.", Owner: "named", Recipient: "me"},
}

var reportActionTasks = []ActionTask{
	// Received by someone: {R}.
	{Text: "send {R} the countersigned order form"},
	{Text: "walk {R} through the new onboarding flow"},
	{Text: "forward {R} the customer's original complaint"},
	{Text: "give {R} access to the staging database"},
	{Text: "share the quarterly forecast spreadsheet with {R}"},
	{Text: "email {R} the notes from the vendor call"},
	{Text: "show {R} the refund workflow in the admin panel"},
	{Text: "get {R} a quote for the extra licences"},
	{Text: "send {R} the final mockups for the landing page"},
	{Text: "set {R} up with a sandbox account"},
	{Text: "copy {R} on the reply to the distributor"},
	{Text: "pass {R} the login details for the test account"},
	{Text: "give {R} a rundown of the support backlog"},
	{Text: "introduce {R} to the new account manager at Brightwell"},
	{Text: "send {R} a summary of the interview findings"},
	{Text: "give {R} the final headcount for the offsite"},
	{Text: "confirm the delivery address with {R}"},

	// No one in particular receives it.
	{Text: "draft the renewal proposal for Halvorsen Logistics"},
	{Text: "fix the timeout in the export job"},
	{Text: "update the pricing page with the new tiers"},
	{Text: "reconcile the travel expense reports"},
	{Text: "run the load test against the new cache"},
	{Text: "write up the incident review for the outage"},
	{Text: "review the pull request for the search filters"},
	{Text: "call the client about the delayed shipment"},
	{Text: "order samples of the rubber casing"},
	{Text: "prepare the slides for the board presentation"},
	{Text: "sketch two alternative layouts for the settings screen"},
	{Text: "chase the unpaid invoices from the Denver office"},
	{Text: "clean up the duplicate records in the CRM"},
	{Text: "schedule usability sessions with five customers"},
	{Text: "ask legal to review the data processing agreement"},
	{Text: "look into the failing backup job"},
	{Text: "put together a budget for the trade show"},
	{Text: "compare the two survey tools and pick one"},
	{Text: "write the release notes for the mobile app"},
	{Text: "migrate the old tickets to the new helpdesk"},
	{Text: "rerun the regression analysis with the cleaned data"},
	{Text: "test the remote control prototype with a few users"},
	{Text: "get a price for the battery in the prototype"},
	{Text: "rewrite the FAQ section on returns"},
	{Text: "get sign-off from procurement on the laptop order"},
	{Text: "check the contrast of the colour palette"},
	{Text: "update the onboarding checklist for new hires"},
	{Text: "close out the open tickets from the Acme migration"},
	{Text: "collect feedback from the pilot customers"},
	{Text: "pull the churn numbers for the enterprise accounts"},
	{Text: "set up the analytics dashboard for the campaign"},
	{Text: "book the big meeting room for the workshop"},
	{Text: "renegotiate the shipping rates with the courier"},
	{Text: "finish the literature review for the grant application"},
	{Text: "document the new deployment process"},
}

// Only phrases whose date does not depend on the listener: no "next
// Monday", no "early next week", no "in a couple of days".
var reportActionDues = []ActionDue{
	{Text: "by Thursday", Spec: "weekday:thursday"},
	{Text: "tomorrow", Spec: "days:1"},
	{Text: "by end of day", Spec: "days:0"},
	{Text: "before Monday", Spec: "weekday:monday"},
	{Text: "by the end of the week", Spec: "weekday:friday"},
	{Text: "in two days", Spec: "days:2"},
	{Text: "by Wednesday", Spec: "weekday:wednesday"},
	{Text: "by tomorrow morning", Spec: "days:1"},
	{Text: "today", Spec: "days:0"},
	{Text: "by Friday", Spec: "weekday:friday"},
	{Text: "first thing tomorrow", Spec: "days:1"},
	{Text: "by Tuesday", Spec: "weekday:tuesday"},
	{Text: "in three days", Spec: "days:3"},
	{Text: "a week from today", Spec: "days:7"},
	{Text: "before the end of the day", Spec: "days:0"},
	{Text: "on Monday", Spec: "weekday:monday"},
}
