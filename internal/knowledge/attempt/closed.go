package attempt

// Every table in this file holds closed-class English only: pronouns,
// determiners, auxiliaries and modals, prepositions and conjunctions,
// negation, light verbs, discourse fillers, and the small class of verbs of
// communication and of hand-over. None names a domain thing or lists
// synonyms: what an action is about, and which phrasings mean the same
// action, is learned from each tenant's conversations (package solution).

// frameKind says how a clause puts its action.
type frameKind int

const (
	noFrame   frameKind = iota
	request             // the user is asked to act: "can you", "please", "have you tried"
	performed           // the agent acts, did or offers to: "I've", "let me", "shall I"
)

// requestFrames and performedFrames open a clause and are stripped from the
// action as said; they are built from pronouns, modals and auxiliaries.
var requestFrames = []string{
	"can you please", "could you please", "would you please", "would you mind",
	"can you", "could you", "would you", "will you", "please", "kindly",
	"i'd suggest", "i would suggest", "i suggest", "i'd recommend", "i would recommend",
	"i recommend", "we recommend", "you may want to", "you might want to",
	"you'll want to", "you will want to", "you should", "you need to", "you'll need to",
	"you will need to", "you must", "you can", "you could", "you may", "let's", "lets", "let us",
	"how about", "what about", "why don't you", "maybe", "perhaps",
	"i'd like you to", "i need you to", "have you tried", "did you try", "have you",
	"did you", "would you like to", "do you want to", "do you wish to", "be sure to",
	"make sure to", "go ahead and", "try to", "try and", "try",
	// Questions of ability put a proposal politely, advice in the
	// conditional says what the agent would do in the user's place.
	"would you be able to", "could you be able to", "are you able to", "would it be possible to",
	"i'd", "i would", "it's worth", "it is worth", "it might be worth", "it may be worth",
	"it would be worth", "it'd be worth",
	// Obligation put as a modal periphrasis ("you'd have to ring them"),
	// and a proposal asked as whether the user found the moment or the
	// means to do it ("have you had a chance to update the app?").
	"you'd have to", "you would have to", "you have to", "you'll have to", "you will have to",
	"you'd need to", "you would need to", "you want to", "you'd want to", "you would want to",
	"please you", "kindly you",
	// Courtesy formulas around the request.
	"would you be so kind as to", "could you be so kind as to", "be so kind as to",
	"would you kindly", "could you kindly",
	"have you had a chance to", "have you had time to", "did you have a chance to",
	"did you get a chance to", "have you been able to", "were you able to",
}

var performedFrames = []string{
	"i've gone ahead and", "i have gone ahead and", "i went ahead and", "i've just",
	"i have just", "i just", "i've also", "i've now", "i've", "i have", "we've", "we have",
	"i'll", "i will", "we'll", "we will", "let me", "i'm going to", "i am going to",
	"we're going to", "we are going to", "i can", "we can", "can i", "could i", "shall i",
	"should i", "may i", "shall we", "should we", "would you like me to",
	"do you want me to", "want me to", "i'd be happy to", "i would be happy to", "i'll be happy to",
	"i'd like to", "i would like to",
	// Ability and intention as periphrases of the modals: "I was able to
	// stop it", "I'm gonna send you a new one".
	"i was able to", "we were able to", "i've been able to", "i have been able to",
	"we've been able to", "we have been able to", "i managed to", "i've managed to",
	"we managed to", "we've managed to", "i'm gonna", "im gonna", "i am gonna", "we're gonna",
	"i'm about to", "we're about to",
}

// fillers are discourse markers before a frame or verb: "OK, so first, ...".
var fillers = set("ok", "okay", "alright", "so", "also", "and", "then", "now", "next",
	"first", "firstly", "secondly", "finally", "lastly", "great", "sure", "meanwhile",
	"otherwise", "alternatively", "or", "just", "additionally", "again", "well", "right",
	"yes", "yeah", "excellent", "fantastic", "perfect", "certainly", "absolutely", "hi",
	"hello", "thanks", "instead", "quickly", "simply", "but", "um", "uh", "erm", "er", "hmm")

// determiners, pronouns and quantifiers never head an object phrase.
var determiners = set("a", "an", "the", "your", "my", "our", "their", "his", "her",
	"its", "this", "that", "these", "those", "some", "any", "all", "each", "every",
	"both", "another", "other", "such", "no", "few", "more", "most", "much", "many",
	"several", "own", "same", "which", "what", "whose", "less", "least", "fewer")

var pronouns = set("you", "it", "me", "them", "us", "him", "her", "yourself",
	"yourselves", "i", "we", "they", "he", "she", "one", "something", "anything",
	"everything", "nothing", "this", "that", "those", "these", "there", "here", "whoever",
	"whatever", "whichever")

// auxiliaries and modals: a clause headed by one ("can you be more
// specific", "I'll be happy to help") proposes nothing.
var auxiliaries = set("be", "am", "is", "are", "was", "were", "been", "being", "do",
	"does", "did", "have", "has", "had", "having", "can", "could", "will", "would",
	"shall", "should", "may", "might", "must", "i'm", "it's", "that's", "there's",
	"you're", "we're", "isn't", "aren't", "wasn't", "weren't")

// stops end an object phrase: prepositions, conjunctions and
// complementisers ("update your card in Settings", "call your bank to ask").
var stops = set("in", "on", "from", "using", "via", "with", "within", "at", "by", "to",
	"for", "through", "under", "before", "after", "until", "about", "regarding", "if",
	"whether", "so", "because", "when", "while", "once", "since", "and", "or", "then",
	"as", "but", "into", "onto", "of", "than", "like", "unless", "that", "which", "who",
	"where", "during", "without", "again", "too", "please", "now", "right", "away", "per",
	"vs", "versus", "against", "across", "along", "around", "behind", "between", "beyond",
	"toward", "towards", "upon", "among", "amongst", "throughout", "despite", "except",
	"alongside", "beneath", "beside")

// particles join their verb ("turn off", "log out", "sign in"): the action
// changes with them.
var particles = set("up", "out", "off", "on", "down", "back", "over", "in", "away")

// negations before the head turn a clause into advice not to act.
var negations = set("not", "don't", "dont", "never", "no", "can't", "cannot",
	"won't", "shouldn't", "didn't", "doesn't", "wouldn't", "couldn't", "haven't", "hasn't",
	"hadn't", "mustn't", "needn't", "shan't")

// lightVerbs carry their meaning in a noun: "give your bank a call" is
// calling the bank, "take a look at the logs" is looking at them.
var lightVerbs = set("give", "take", "have", "do", "make")

// lightGerunds are the light verbs' -ing forms, to their base forms.
var lightGerunds = map[string]string{"giving": "give", "taking": "take", "having": "have", "doing": "do", "making": "make"}

// subjects are the nominative pronouns: after a noun one opens a relative
// clause on it ("the account number you sent the money to").
var subjects = set("i", "you", "we", "they", "he", "she")

// infoVerbs are verbs of communication: a request headed by one asks for
// information ("could you tell me your name?"), it proposes no action.
var infoVerbs = set("tell", "share", "provide", "confirm", "specify", "describe",
	"explain", "clarify", "mention", "spell", "remind", "repeat", "know", "say", "state",
	"advise", "inform", "answer")

// handOverVerbs, said by the agent about the conversation, hand it over to
// another team or level: an escalation, not a fix. Like light verbs they
// are a small class fixed by the language (verbs of transfer of
// responsibility), not by any domain.
var handOverVerbs = stemSet("transfer", "escalate", "hand", "pass", "forward", "connect",
	"refer", "route", "redirect", "put", "report")

// requestVerbs, in an agent's note, report what the user was asked or
// advised to do ("cust advised to top up"): verbs of communication, like
// infoVerbs.
var requestVerbs = stemSet("ask", "advise", "tell", "remind", "request", "recommend", "suggest", "urge", "instruct")

// conditionWords open a stated condition ("if you still have the card",
// "once you have your ID"), which becomes a prerequisite when its subject is
// the user.
var conditionWords = set("if", "once", "provided", "assuming", "when", "after")

// volition verbs after a condition's subject make it politeness, not a
// prerequisite ("if you like", "if you want").
var volition = set("want", "like", "wish", "prefer", "need", "please", "would")

// interjections open politeness, never an imperative: "Sorry about that",
// "Thanks for waiting".
var interjections = set("sorry", "thank", "thanks", "welcome", "glad", "happy",
	"unfortunately", "apologies", "oh", "hey", "hi", "hello", "goodbye", "bye", "please")

// wh-words and auxiliaries open questions that ask for information when no
// frame made them a suggestion.
var whWords = set("what", "what's", "when", "which", "where", "who", "why", "how", "whose")

func set(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// closedClass reports whether w belongs to one of the closed classes.
func closedClass(w string) bool {
	return determiners[w] || pronouns[w] || auxiliaries[w] || stops[w] || negations[w] ||
		whWords[w] || fillers[w]
}

// stemSet is set over the words' stems, for verbs met inflected
// ("escalated").
func stemSet(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[Stem(w)] = true
	}
	return m
}

// irregular maps the past forms of English irregular verbs that agents
// use of their own acts to the base form: "I have sent a new link" is
// sending a link. English morphology, a list fixed by the language, not by
// any domain.
var irregular = map[string]string{
	"sent": "send", "made": "make", "got": "get", "gotten": "get", "found": "find",
	"told": "tell", "gave": "give", "given": "give", "took": "take", "taken": "take",
	"left": "leave", "brought": "bring", "bought": "buy", "paid": "pay", "held": "hold",
	"kept": "keep", "built": "build", "spent": "spend", "lent": "lend", "done": "do",
	"did": "do", "wrote": "write", "written": "write", "set": "set", "put": "put",
	"reset": "reset", "shut": "shut", "cut": "cut", "froze": "freeze", "frozen": "freeze",
	"unfroze": "unfreeze", "unfrozen": "unfreeze", "chose": "choose", "chosen": "choose",
	"began": "begin", "begun": "begin", "ran": "run", "rerun": "rerun", "rebuilt": "rebuild",
	"resent": "resend", "withdrew": "withdraw", "withdrawn": "withdraw", "forgot": "forget",
	"forgotten": "forget", "sold": "sell", "sought": "seek", "caught": "catch",
	"taught": "teach", "thought": "think", "understood": "understand", "undid": "undo",
	"undone": "undo", "redid": "redo", "redone": "redo", "overrode": "override",
	"overridden": "override", "upheld": "uphold", "met": "meet", "led": "lead",
	"fed": "feed", "read": "read", "gone": "go", "went": "go",
}

// IrregularBase returns the base form of an irregular past form ("sent" →
// "send") and whether w is one.
func IrregularBase(w string) (string, bool) {
	b, ok := irregular[w]
	return b, ok
}
