package eval

// The latecomer pool: a fifth pool of wordings for the action-item
// evaluation, REPORT ONLY. It was written blind and committed before any run
// of `fathom eval actions --pool latecomer`: its author read only the shape
// of a pool (actionpool.go) and the harness (actions.go), and neither the
// extractor (internal/summary) nor any other pool's wordings nor the lists
// of missed forms in docs/evaluation.md. Nothing may be tuned on it; it runs
// on the report split.
//
// It is meant as meetings sound: fillers and false starts, vocatives at the
// front or the end, indirect and softened requests, offers, minutes-style
// assignments, tag questions, hedges, blunt and polite registers, and the
// English of people for whom it is a second language. Every template is a
// commitment or a request a reader would write down as an action item, with
// the owner its Owner says.

// latecomerTemplates: the speaker commits (Owner "speaker"), or {A} is asked
// or assigned (Owner "named").
var latecomerTemplates = []ActionTemplate{
	// The speaker takes the work.
	{Text: "Yeah, um, I can {task} {due}, that's no problem.", Owner: "speaker"},
	{Text: "So I'll — sorry, yeah — I'll {task}, that one's mine.", Owner: "speaker"},
	{Text: "I'm happy to {task} {due} if nobody else wants to.", Owner: "speaker"},
	{Text: "Okay, action on me: {task} {due}.", Owner: "speaker"},
	{Text: "{A}, I will {task} {due}, you can count on it.", Owner: "speaker", Recipient: "you"},
	{Text: "Put me down to {task} {due}.", Owner: "speaker"},
	{Text: "I should be able to {task} {due}, I think, yeah.", Owner: "speaker"},
	{Text: "No worries, {A} — I'll {task} {due} and get back to you.", Owner: "speaker", Recipient: "you"},
	{Text: "Tell you what, {A}: I'll {task} {due}, and we'll take it from there.", Owner: "speaker", Recipient: "you"},
	{Text: "Sure thing. I'm going to {task} {due}.", Owner: "speaker"},
	{Text: "I'll take the action to {task}.", Owner: "speaker"},
	{Text: "If it helps, {A}, I can {task} {due}.", Owner: "speaker", Recipient: "you"},
	{Text: "Don't worry about it, {A}, I'll {task} myself.", Owner: "speaker", Recipient: "you"},
	{Text: "We said I'd {task} {due}, didn't we? Yeah, I'll do that.", Owner: "speaker"},
	{Text: "Okay so {due}, {A}, I'll {task}.", Owner: "speaker", Recipient: "you"},
	{Text: "My team can {task} {due}; I'll make sure it happens.", Owner: "speaker"},
	{Text: "Right, I'll get on that — I'll {task} {due}.", Owner: "speaker"},
	{Text: "Mm, okay. Let me {task}, {A}, and I'll ping you when it's done.", Owner: "speaker", Recipient: "you"},
	{Text: "As discussed I will {task} {due}, {A}.", Owner: "speaker", Recipient: "you"},
	{Text: "I can probably {task} {due} — actually no, I definitely will.", Owner: "speaker"},
	{Text: "That's on me. I'll {task} {due}, {A}, promise.", Owner: "speaker", Recipient: "you"},
	{Text: "{A} asked me to {task}, so I'll do that {due}.", Owner: "speaker"},
	{Text: "Yeah, go on then, I'll {task}.", Owner: "speaker"},
	{Text: "{A}, you've got enough on your plate, so I'll {task} {due}.", Owner: "speaker", Recipient: "you"},

	// {A} is asked or assigned.
	{Text: "{A}, could you {task} {due}?", Owner: "named", Recipient: "me"},
	{Text: "{A}, would you mind if I asked you to {task} {due}?", Owner: "named", Recipient: "me"},
	{Text: "{A} to {task} {due}.", Owner: "named"},
	{Text: "Action for {A}: {task} {due}.", Owner: "named"},
	{Text: "Can we get {A} to {task} {due}?", Owner: "named", Recipient: "me"},
	{Text: "Let's have {A} {task} {due}.", Owner: "named"},
	{Text: "{A}, you're going to {task} {due}, yeah?", Owner: "named", Recipient: "me"},
	{Text: "So {A} will {task}, right?", Owner: "named"},
	{Text: "I'd really appreciate it if you could {task} {due}, {A}.", Owner: "named", Recipient: "me"},
	{Text: "{A}, just {task} {due}, please.", Owner: "named", Recipient: "me"},
	{Text: "Could someone — {A}, actually, can you {task}?", Owner: "named", Recipient: "me"},
	{Text: "{A}, you please {task} {due}, okay?", Owner: "named", Recipient: "me"},
	{Text: "It would be good if {A} could {task} {due}.", Owner: "named"},
	{Text: "Maybe {A} can {task}? {A}, is that okay for you?", Owner: "named"},
	{Text: "{A}, I need you to {task} {due}.", Owner: "named", Recipient: "me"},
	{Text: "I was wondering, {A}, if you could {task} {due}.", Owner: "named", Recipient: "me"},
	{Text: "Okay, so {A}'s going to {task} {due}.", Owner: "named"},
	{Text: "{A}, do you think you could maybe {task} {due}?", Owner: "named", Recipient: "me"},
	{Text: "Can I ask you to {task} {due}, {A}?", Owner: "named", Recipient: "me"},
	{Text: "Uh, {A}, before I forget — please {task} {due}.", Owner: "named", Recipient: "me"},
	{Text: "Next step is for {A} to {task} {due}.", Owner: "named"},
	{Text: "Homework for {A}: {task}.", Owner: "named"},
	{Text: "{A}, are you able to {task} {due}? That would help a lot.", Owner: "named", Recipient: "me"},
	{Text: "Let's say {A} will {task} {due}. Everyone okay with that?", Owner: "named"},
	{Text: "Don't forget to {task} {due}, {A}.", Owner: "named", Recipient: "me"},
	{Text: "If you get a chance, {A}, {task} {due}.", Owner: "named", Recipient: "me"},
	{Text: "{A}'s team will {task} {due} — {A}, you own that one.", Owner: "named"},
	{Text: "{A}, is it possible for you to {task} {due}? For me it would be very helpful.", Owner: "named", Recipient: "me"},
	{Text: "We need somebody to {task} {due}... {A}, would you?", Owner: "named", Recipient: "me"},
	{Text: "Hey {A}, quick one — can you {task}? No rush.", Owner: "named", Recipient: "me"},
	{Text: "{A}, make sure you {task} {due}, otherwise we're stuck.", Owner: "named", Recipient: "me"},
	{Text: "{A}, you'll {task} {due}, won't you?", Owner: "named", Recipient: "me"},
	{Text: "Right. {A}, over to you: {task} {due}.", Owner: "named", Recipient: "me"},
	{Text: "I was going to {task} myself, but {A}, you know it better — can you do it {due}?", Owner: "named"},
	{Text: "{A}, would you be able to {task} at some point?", Owner: "named", Recipient: "me"},
}

// latecomerTasks: office, engineering, facilities, finance, hiring and
// customer work; about a third hand something to {R}.
var latecomerTasks = []ActionTask{
	{Text: "send {R} the updated floor plan"},
	{Text: "forward {R} the invoice from the caterer"},
	{Text: "walk {R} through the new expense tool"},
	{Text: "give {R} a call about the contract renewal"},
	{Text: "get {R} a quote for the replacement laptops"},
	{Text: "share the interview notes with {R}"},
	{Text: "book a room for {R} and the auditors"},
	{Text: "introduce {R} to the payroll contact at the bank"},
	{Text: "show {R} how the release checklist works"},
	{Text: "pass the customer's crash logs on to {R}"},
	{Text: "copy {R} on the email to legal"},
	{Text: "dig out last year's budget figures for {R}"},
	{Text: "set up a meeting between {R} and the new supplier"},
	{Text: "write {R} a short note on the migration risks"},
	{Text: "print the handouts for {R}"},
	{Text: "update the onboarding checklist"},
	{Text: "fix the broken link on the pricing page"},
	{Text: "renew the SSL certificate for the staging site"},
	{Text: "draft the agenda for the team offsite"},
	{Text: "chase the supplier about the late delivery"},
	{Text: "clean up the duplicate contacts in the CRM"},
	{Text: "translate the user guide into Spanish"},
	{Text: "order new badges for the contractors"},
	{Text: "run the load test against the new build"},
	{Text: "reconcile the expense reports from the trade fair"},
	{Text: "call the landlord about the heating"},
	{Text: "rewrite the opening paragraph of the grant application"},
	{Text: "check the warranty on the projector"},
	{Text: "post the job ad for the junior designer"},
	{Text: "back up the shared drive before the move"},
	{Text: "collect the signed consent forms"},
	{Text: "restart the nightly export job"},
	{Text: "sort out parking permits for the visitors"},
	{Text: "measure the storage room for the new shelves"},
	{Text: "test the checkout flow on older phones"},
	{Text: "prepare a one-page summary for the board"},
	{Text: "set up a shared calendar for the support rota"},
	{Text: "tidy up the backlog in Jira"},
	{Text: "close out the open tickets from the outage"},
	{Text: "confirm the venue for the customer workshop"},
	{Text: "archive the old project folders"},
	{Text: "rename the test servers to match the new naming scheme"},
	{Text: "file the insurance claim for the water damage"},
	{Text: "label the cables in the server cupboard"},
	{Text: "get three quotes for the office cleaning"},
	{Text: "write up the minutes of this meeting"},
	{Text: "plan the seating for the all-hands"},
	{Text: "proofread the press release"},
	{Text: "migrate the old wiki pages to Confluence"},
	{Text: "replace the batteries in the meeting room microphones"},
}

// latecomerDues: only phrases whose day is exact. "weekday:X" is the first
// X after the meeting's day, "days:N" N days after it.
var latecomerDues = []ActionDue{
	{Text: "by end of play Friday", Spec: "weekday:friday"},
	{Text: "before Thursday's stand-up", Spec: "weekday:thursday"},
	{Text: "in a couple of days", Spec: "days:2"},
	{Text: "first thing tomorrow", Spec: "days:1"},
	{Text: "by tomorrow lunchtime", Spec: "days:1"},
	{Text: "before the end of today", Spec: "days:0"},
	{Text: "this afternoon", Spec: "days:0"},
	{Text: "by Monday at the latest", Spec: "weekday:monday"},
	{Text: "ahead of Tuesday's call with the client", Spec: "weekday:tuesday"},
	{Text: "by Wednesday morning", Spec: "weekday:wednesday"},
	{Text: "the day after tomorrow", Spec: "days:2"},
	{Text: "this time next week", Spec: "days:7"},
	{Text: "within the next 24 hours", Spec: "days:1"},
	{Text: "in three days' time", Spec: "days:3"},
	{Text: "in a fortnight", Spec: "days:14"},
	{Text: "no later than Thursday", Spec: "weekday:thursday"},
	{Text: "by Sunday night", Spec: "weekday:sunday"},
}
