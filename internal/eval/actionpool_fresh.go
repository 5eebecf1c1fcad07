package eval

// The fresh pool of the action-item evaluation, the third after develop and
// report. It was written blind from the shape file (actionpool.go) and two
// QMSum transcripts only, before any run: its writer read neither the
// extractor, nor the scoring, nor the develop or report pools, and saw no
// result. It runs on the report split, like the report pool, and only to
// report.
//
// Templates are the ways people commit to work or ask for it in meetings:
// promises by the speaker with and without naming {A}, requests put to {A}
// (questions, polite and indirect forms, imperatives), delegations naming {A}
// to the room, and spoken, hedged, British, American and non-native wordings.
// Tasks come from many kinds of teams; about a third name a recipient {R}.
// Due phrases are only those whose date is plain from the meeting's day.
var freshTemplates = []ActionTemplate{
	// The speaker promises, naming no one.
	{Text: "I'll {task} {due}.", Owner: "speaker"},
	{Text: "Okay, I can {task}.", Owner: "speaker"},
	{Text: "Right, leave that with me, I'll {task} {due}.", Owner: "speaker"},
	{Text: "Um, yeah, I guess I'll {task} then.", Owner: "speaker"},
	{Text: "Yeah, so I'm going to {task} {due}.", Owner: "speaker"},
	{Text: "I'll take that one. I'll {task}.", Owner: "speaker"},
	{Text: "Let me {task} {due}.", Owner: "speaker"},
	{Text: "Put me down to {task} {due}.", Owner: "speaker"},
	{Text: "I'm happy to {task}, no problem.", Owner: "speaker"},
	{Text: "Fine, I will {task} {due}, I promise.", Owner: "speaker"},
	{Text: "I can go ahead and {task} {due}.", Owner: "speaker"},
	{Text: "I'll make sure to {task} {due}.", Owner: "speaker"},
	{Text: "For this I will {task} {due}.", Owner: "speaker"},
	{Text: "I've got it, I'll {task}.", Owner: "speaker"},
	{Text: "I promised {A} I'd {task} {due}, so that's on me.", Owner: "speaker"},

	// The speaker promises {A}, speaking to them.
	{Text: "{A}, I'll {task} {due}.", Owner: "speaker", Recipient: "you"},
	{Text: "Don't worry {A}, I'll {task}.", Owner: "speaker", Recipient: "you"},
	{Text: "Sure {A}, I can {task} {due}.", Owner: "speaker", Recipient: "you"},
	{Text: "{A}, leave it with me, I'll {task}.", Owner: "speaker", Recipient: "you"},
	{Text: "Okay {A}, so I'm gonna {task} {due}, alright?", Owner: "speaker", Recipient: "you"},
	{Text: "{A}, I promise I'll {task} {due}.", Owner: "speaker", Recipient: "you"},
	{Text: "No problem {A}, let me {task}.", Owner: "speaker", Recipient: "you"},
	{Text: "{A}, I will {task} {due}, is that okay for you?", Owner: "speaker", Recipient: "you"},
	{Text: "Yeah, {A}, I'll, um, I'll {task} {due}.", Owner: "speaker", Recipient: "you"},

	// Requests put to {A}.
	{Text: "{A}, could you {task} {due}?", Owner: "named", Recipient: "me"},
	{Text: "{A}, can you please {task}?", Owner: "named", Recipient: "me"},
	{Text: "{A}, would you be able to {task} {due}?", Owner: "named", Recipient: "me"},
	{Text: "{A}, please {task} {due}.", Owner: "named", Recipient: "me"},
	{Text: "{A}, I'd like you to {task} {due}.", Owner: "named", Recipient: "me"},
	{Text: "{A}, do you think you could {task} {due}?", Owner: "named", Recipient: "me"},
	{Text: "{A}, I was wondering if you could {task}.", Owner: "named", Recipient: "me"},
	{Text: "{A}, it would be great if you could {task} {due}.", Owner: "named", Recipient: "me"},
	{Text: "{A}, you'll {task}, yeah?", Owner: "named", Recipient: "me"},
	{Text: "{A}, I need you to {task} {due}.", Owner: "named", Recipient: "me"},
	{Text: "{A}, go ahead and {task}.", Owner: "named", Recipient: "me"},
	{Text: "{A}, can you {task} {due}, please?", Owner: "named", Recipient: "me"},
	{Text: "And {A}, if you could {task} {due}, that'd be brilliant.", Owner: "named", Recipient: "me"},
	{Text: "{A}, you will {task} {due}, yes?", Owner: "named", Recipient: "me"},
	{Text: "{A}, make sure you {task} {due}.", Owner: "named", Recipient: "me"},
	{Text: "{A}, kindly {task} {due}.", Owner: "named", Recipient: "me"},
	{Text: "Is it possible for you to {task} {due}, {A}?", Owner: "named", Recipient: "me"},
	{Text: "{A}, please can you {task}?", Owner: "named", Recipient: "me"},
	{Text: "Right, {A}, over to you to {task} {due}.", Owner: "named", Recipient: "me"},

	// Work handed to {A}, said to the room.
	{Text: "{A} is going to {task} {due}.", Owner: "named", Recipient: "me"},
	{Text: "So {A} will {task}.", Owner: "named", Recipient: "me"},
	{Text: "Let's have {A} {task} {due}.", Owner: "named", Recipient: "me"},
	{Text: "{A} should {task} {due}, I think.", Owner: "named", Recipient: "me"},
	{Text: "Uh, {A} is gonna {task}, right?", Owner: "named", Recipient: "me"},
	{Text: "Okay, so that's on {A}: {task} {due}.", Owner: "named", Recipient: "me"},
	{Text: "Action item for {A}: {task} {due}.", Owner: "named", Recipient: "me"},
	{Text: "{A} has agreed to {task} {due}.", Owner: "named", Recipient: "me"},
	{Text: "{A} offered to {task}, so that's settled.", Owner: "named", Recipient: "me"},
	{Text: "Can we get {A} to {task} {due}?", Owner: "named", Recipient: "me"},
	{Text: "We'll ask {A} to {task} {due}.", Owner: "named", Recipient: "me"},
}

var freshTasks = []ActionTask{
	// Legal.
	{Text: "redline the supplier contract"},
	{Text: "send {R} the signed NDA"},
	{Text: "check the indemnity clause with outside counsel"},
	// People and hiring.
	{Text: "post the job ad for the night shift"},
	{Text: "set up interviews for the two shortlisted candidates"},
	{Text: "walk {R} through the new leave policy"},
	{Text: "update the onboarding checklist"},
	// Operations.
	{Text: "book the forklift inspection"},
	{Text: "reorder pallets for the Leeds warehouse"},
	{Text: "send {R} the updated shift rota"},
	{Text: "get three quotes for the roof repair"},
	// Marketing.
	{Text: "draft the newsletter for the spring launch"},
	{Text: "share the campaign brief with {R}"},
	{Text: "pull the click-through numbers for the banner ads"},
	{Text: "brief the agency on the new tagline"},
	// Data.
	{Text: "rerun the churn model on last quarter's data"},
	{Text: "give {R} read access to the analytics warehouse"},
	{Text: "clean up the duplicate customer records"},
	{Text: "write a short note on the sampling bias"},
	// Hardware.
	{Text: "order two more prototype boards"},
	{Text: "solder the replacement connector onto the test rig"},
	{Text: "send {R} the thermal test results"},
	{Text: "ask the supplier about the battery lead times"},
	// Customer success.
	{Text: "call the client about the renewal"},
	{Text: "forward {R} the complaint from the hospital account"},
	{Text: "schedule a check-in call with the Berlin customer"},
	{Text: "write up the escalation for the billing bug"},
	// Finance.
	{Text: "approve the travel expenses"},
	{Text: "email {R} the budget spreadsheet"},
	{Text: "reconcile the March invoices"},
	// Engineering and IT.
	{Text: "rotate the API keys on the staging server"},
	{Text: "fix the broken link in the footer"},
	{Text: "review the pull request for the login page"},
	{Text: "show {R} how the deployment script works"},
	// Product design.
	{Text: "mock up two versions of the button layout"},
	{Text: "send {R} the colour samples"},
	{Text: "print the foam models for the user test"},
	// Research.
	{Text: "transcribe the last three interviews"},
	{Text: "send {R} a summary of the user survey"},
	{Text: "book the meeting room for the workshop"},
	// Facilities and events.
	{Text: "confirm the catering numbers with the hotel"},
	{Text: "get {R} a copy of the floor plan"},
	{Text: "remind {R} about the fire drill"},
	{Text: "check the fire extinguishers on the second floor"},
	// Sales.
	{Text: "update the pipeline figures in the CRM"},
	{Text: "put together a quote for the school district"},
	{Text: "loop {R} in on the pricing discussion"},
	// Procurement, security, compliance.
	{Text: "renew the SSL certificate"},
	{Text: "chase the courier about the missing parcel"},
	{Text: "introduce {R} to the new account manager"},
	{Text: "set up a call between {R} and the auditors"},
	{Text: "translate the safety leaflet into Polish"},
}

var freshDues = []ActionDue{
	{Text: "by Thursday", Spec: "weekday:thursday"},
	{Text: "by Friday", Spec: "weekday:friday"},
	{Text: "by Monday", Spec: "weekday:monday"},
	{Text: "on Tuesday", Spec: "weekday:tuesday"},
	{Text: "by Wednesday lunchtime", Spec: "weekday:wednesday"},
	{Text: "no later than Friday", Spec: "weekday:friday"},
	{Text: "by COB Thursday", Spec: "weekday:thursday"},
	{Text: "on Monday morning", Spec: "weekday:monday"},
	{Text: "by Tuesday at the latest", Spec: "weekday:tuesday"},
	{Text: "tomorrow", Spec: "days:1"},
	{Text: "first thing tomorrow", Spec: "days:1"},
	{Text: "by tomorrow afternoon", Spec: "days:1"},
	{Text: "today", Spec: "days:0"},
	{Text: "by the end of the day", Spec: "days:0"},
	{Text: "by close of play today", Spec: "days:0"},
	{Text: "the day after tomorrow", Spec: "days:2"},
	{Text: "a week from today", Spec: "days:7"},
}
