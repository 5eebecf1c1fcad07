package eval

// The newcomer pool (--pool newcomer) is a fourth pool of wordings for the
// action-item evaluation, written blind, before any run, by an engineer who
// read only the shape of a pool (actionpool.go), the harness (actions.go),
// the issue and the harness's description in docs/evaluation.md: neither
// the extractor, nor the develop, report or fresh pools, nor any list of
// lines the extractor missed. It is run on the report split, to report
// only: nothing may be tuned on it.
//
// Templates are meeting speech as people say it: fillers and false starts,
// vocatives at either end, offers, promises, indirect and blunt requests,
// tag questions, hedges, delegations to a named colleague, minutes style,
// and wordings of speakers whose first language is not English. Every one
// is a commitment or a request that a reader of the minutes would list as
// an action item, with the owner its Owner says. Tasks come from many kinds
// of work (finance, facilities, people, legal, engineering, research,
// events, procurement, support, marketing, operations); none holds a date
// or a day, so the only due date in a line is its due phrase.
var newcomerTemplates = []ActionTemplate{
	// The speaker promises {A} the work; a task's {R} is {A}, said "you".
	{"{A}, I'll {task} {due}.", "speaker", "you"},
	{"Uh, {A}, leave that with me, I'll {task} {due}.", "speaker", "you"},
	{"Okay so {A}, what I'll do is I'll {task} {due}.", "speaker", "you"},
	{"No worries {A}, I can {task} {due}, that's fine.", "speaker", "you"},
	{"{A}, I will {task} {due}, I promise.", "speaker", "you"},
	{"Right, {A}, I'm going to {task} {due}, okay?", "speaker", "you"},
	{"{A}, let me {task} {due}.", "speaker", "you"},
	{"Sure {A}, I — I'll {task}, um, {due}.", "speaker", "you"},
	{"{A}, I will take care to {task} {due}.", "speaker", "you"},
	{"Don't worry {A}, I'll {task}.", "speaker", "you"},
	{"Fine, fine. {A}, I'll {task} then.", "speaker", "you"},
	{"Yeah, {A}, I'm on it, I'll {task}.", "speaker", "you"},

	// The speaker takes the work on, naming {A} or nobody.
	{"Action on me: {task} {due}.", "speaker", ""},
	{"So, um, I'll — I'll {task} {due}.", "speaker", ""},
	{"Okay, that one's mine, I'll {task} {due}.", "speaker", ""},
	{"I think I should {task} {due}, yeah, I'll do it.", "speaker", ""},
	{"Put me down to {task} {due}.", "speaker", ""},
	{"Me, I will {task} {due}.", "speaker", ""},
	{"As I said to {A}, I'll {task} {due}.", "speaker", ""},
	{"I can {task} if nobody else wants it.", "speaker", ""},
	{"Like {A} suggested, I'll go ahead and {task}.", "speaker", ""},

	// The speaker asks {A}; a task's {R} is the speaker, said "me".
	{"{A}, could you {task} {due}?", "named", "me"},
	{"{A}, can you please {task} {due}?", "named", "me"},
	{"{A}, would you be able to {task} {due}?", "named", "me"},
	{"Um, {A}, is possible you {task} {due}?", "named", "me"},
	{"{A}, please {task} {due}.", "named", "me"},
	{"{A}, I need you to {task} {due}.", "named", "me"},
	{"{A}, you'll {task} {due}, yeah?", "named", "me"},
	{"{A}, you can {task} {due}, right?", "named", "me"},
	{"Could you maybe {task} {due}, {A}?", "named", "me"},
	{"{A} — sorry — {A}, can you {task}?", "named", "me"},
	{"{A}, just {task} {due}, okay?", "named", "me"},
	{"{A}, I'd really appreciate it if you could {task} {due}.", "named", "me"},
	{"{A}, if you have a moment, please {task} {due}.", "named", "me"},
	{"{A}, you must {task} {due}.", "named", "me"},
	{"{A}, do me a favour and {task} {due}.", "named", "me"},
	{"{A}, don't forget to {task} {due}.", "named", "me"},
	{"Can I ask you to {task} {due}, {A}?", "named", "me"},
	{"{A}, please to {task} {due}.", "named", "me"},
	{"{A}, when you get a chance, {task}, thanks.", "named", "me"},

	// The work is given to {A} in front of the room, or written as minutes.
	{"{A} to {task} {due}.", "named", ""},
	{"Action: {A} to {task}.", "named", ""},
	{"Let's have {A} {task} {due}.", "named", ""},
	{"So {A} is going to {task} {due}, that's agreed.", "named", ""},
	{"{A} will {task} {due}, since it's their area.", "named", ""},
	{"Okay, so the plan is {A} will {task} {due}.", "named", ""},
	{"{A} is gonna {task}, right, {A}?", "named", ""},
	{"{A} offered to {task} {due}.", "named", ""},
	{"Why don't we get {A} to {task} {due}?", "named", ""},
	{"Mm, I'd say {A} should {task} {due}, they know it best.", "named", ""},
}

var newcomerTasks = []ActionTask{
	// With a recipient {R}.
	{"walk {R} through the new billing flow"},
	{"give {R} access to the staging cluster"},
	{"forward {R} the signed NDA from the distributor"},
	{"book {R} a meeting room for the design workshop"},
	{"share the interview scorecards with {R}"},
	{"copy {R} on the reply to the auditors"},
	{"get {R} a quote for the replacement laptops"},
	{"brief {R} on the escalation from the Lisbon office"},
	{"set up a call between {R} and the logistics vendor"},
	{"email {R} the minutes of the safety review"},
	{"loop {R} into the thread with the lawyers"},
	{"show {R} how to run the payroll export"},
	{"put together a shortlist of venues for {R}"},
	{"order {R} a new headset"},
	{"send {R} the raw survey data"},
	{"introduce {R} to the new account manager at the bank"},

	// Without one.
	{"renew the SSL certificates on the mail server"},
	{"draft the job description for the junior analyst role"},
	{"reconcile the expense reports from the sales trip"},
	{"fix the flaky login test"},
	{"update the onboarding checklist"},
	{"call the landlord about the broken heating"},
	{"chase the supplier for the missing pallets"},
	{"migrate the customer database to the new cluster"},
	{"run the churn numbers for the last quarter"},
	{"translate the user guide into Spanish"},
	{"organise the team offsite"},
	{"clean up the shared drive"},
	{"write the release notes for version 2.4"},
	{"prepare the slides for the investor update"},
	{"check the fire extinguishers on the third floor"},
	{"test the new checkout page on older phones"},
	{"sort out the VAT registration for the German entity"},
	{"interview the two candidates for the support lead"},
	{"replace the broken projector in the boardroom"},
	{"redo the packaging mock-ups"},
	{"set up the stand for the trade fair"},
	{"negotiate a discount with the print shop"},
	{"back up the finance server"},
	{"book the flights for the Berlin workshop"},
	{"pull the usage logs for the outage"},
	{"rewrite the privacy notice in plain English"},
	{"audit the admin accounts on the billing system"},
	{"label the samples from the pilot study"},
	{"answer the open tickets from the hospital customer"},
	{"file the insurance claim for the water damage"},
}

// newcomerDues are due phrases whose date is exact: a weekday named is the
// first such day after the meeting's, a count of days from the meeting's
// day. Phrases whose day a reader could doubt ("within the week", "next
// Monday", "before the weekend") are left out.
var newcomerDues = []ActionDue{
	{"first thing tomorrow", "days:1"},
	{"tomorrow before lunch", "days:1"},
	{"by end of day tomorrow", "days:1"},
	{"by close of business today", "days:0"},
	{"tonight", "days:0"},
	{"in a couple of days", "days:2"},
	{"within forty-eight hours", "days:2"},
	{"in three days", "days:3"},
	{"by this time next week", "days:7"},
	{"in ten days", "days:10"},
	{"in a fortnight", "days:14"},
	{"on Monday morning", "weekday:monday"},
	{"by Tuesday lunchtime", "weekday:tuesday"},
	{"latest on Wednesday", "weekday:wednesday"},
	{"no later than Thursday", "weekday:thursday"},
	{"before Thursday's stand-up", "weekday:thursday"},
	{"by end of play Friday", "weekday:friday"},
	{"till Friday", "weekday:friday"},
	{"by Sunday evening", "weekday:sunday"},
}
