package attempt

// The synonym tables are hand-made and small on purpose: keys are persisted
// and compared across conversations, so every entry is a decision that two
// phrasings name the same action. Entries are Snowball stems (as
// textproc.Terms gives them) or lower-cased words; either may match.

// verbs folds an action verb to its canonical name.
var verbs = map[string]string{
	"check": "check", "verifi": "check", "confirm": "check", "ensur": "check",
	"inspect": "check", "review": "check", "look": "check", "doublecheck": "check",
	"updat": "update", "chang": "update", "replac": "update", "edit": "update",
	"upgrad": "update", "modifi": "update",
	"clear": "clear", "wipe": "clear", "empti": "clear", "flush": "clear",
	"delet": "delete", "remov": "delete", "eras": "delete",
	"reset": "reset", "reinstal": "reinstall", "uninstal": "uninstall", "instal": "install",
	"restart": "restart", "reboot": "restart", "relaunch": "restart",
	"refresh": "refresh", "reload": "refresh",
	"contact": "contact", "call": "contact", "reach": "contact", "ring": "contact",
	"wait": "wait", "refund": "refund", "reimburs": "refund",
	"send": "send", "sent": "send", "resend": "send", "resent": "send", "forward": "send",
	"enabl": "enable", "activ": "enable", "disabl": "disable", "deactiv": "disable",
	"disconnect": "disable", "unblock": "unblock", "unfreez": "unblock", "unfroze": "unblock", "unfrozen": "unblock", "unlock": "unblock",
	"block": "block", "freez": "block", "froze": "block", "lock": "block", "swap": "update", "upload": "upload", "attach": "upload",
	"submit": "upload", "download": "download", "escal": "escalate", "cancel": "cancel",
	"retri": "retry", "enter": "enter", "type": "enter", "input": "enter", "add": "add",
	"reissu": "reissue", "use": "use", "turn": "turn", "switch": "turn", "give": "give",
	"allow": "allow",
}

// stepVerbs are navigation verbs: they make a clause a step, and name the
// action only when a turn has nothing else ("go to Settings > Billing").
var stepVerbs = map[string]string{
	"go": "go", "open": "open", "tap": "tap", "click": "click", "select": "select",
	"choos": "select", "press": "tap", "navig": "go", "head": "go", "visit": "go",
	"follow": "follow", "scroll": "scroll", "find": "find", "log": "login", "sign": "login",
}

// selfChecks are verbs that, said by the agent about itself ("let me check
// your account"), are investigation rather than a fix.
var selfChecks = map[string]bool{"check": true, "give": true, "use": true, "enter": true}

// objects folds a noun to its canonical name; "" drops it from keys because
// it is filler, a modifier or a time span ("details", "latest", "hours").
var objects = map[string]string{
	"expir": "expiry", "expiri": "expiry", "valid": "expiry",
	"card": "card", "cach": "cache", "cooki": "cache", "phone": "device", "devic": "device",
	"mobil": "device", "iphon": "device", "android": "device", "comput": "device",
	"laptop": "device", "applic": "app", "app": "app", "issuer": "bank", "charg": "fee",
	"fee": "fee", "link": "email", "mail": "email", "confirm": "verification",
	"verif": "verification", "junk": "spam",
	"detail": "", "inform": "", "info": "", "data": "", "thing": "", "way": "",
	"step": "", "new": "", "latest": "", "newest": "", "current": "", "correct": "",
	"right": "", "first": "", "also": "", "quick": "", "one": "", "bit": "",
	"version": "", "just": "", "still": "", "sure": "", "time": "", "moment": "",
	"second": "", "sec": "", "minut": "", "hour": "", "day": "", "week": "",
	"busi": "", "tomorrow": "", "today": "", "later": "", "soon": "", "tri": "",
	"pleas": "", "kind": "", "ahead": "", "back": "", "everyth": "", "anyth": "",
	"someth": "", "file": "", "need": "", "like": "", "want": "", "go": "",
	"do": "", "make": "", "issu": "", "process": "", "perform": "", "run": "",
	"get": "", "help": "", "alreadi": "", "instead": "", "agre": "", "not": "",
	"can": "", "abl": "", "possibl": "", "hasn": "", "quickli": "",
}

// timeWords mark a span of time, which turns "give it" and "allow" into
// waiting.
var timeWords = map[string]bool{"minut": true, "hour": true, "day": true,
	"week": true, "tomorrow": true, "moment": true, "night": true, "morn": true,
	"busi": true, "while": true, "bit": true, "time": true}

// absorbs lists what a concept makes redundant: "browser cache" and "app
// cache" are the same action, as are "spam folder" and "spam".
var absorbs = map[string][]string{
	"cache":  {"browser", "app", "data", "histori", "storag", "set"},
	"expiry": {"date"},
	"spam":   {"folder", "email", "inbox"},
}

// implies adds a concept's head: an expiry is a card's.
var implies = map[string]string{"expiry": "card"}

// phrases rewrite multiword expressions before lookup. A value "v:x" is the
// verb x, "o:x" the object x, "" drops the words. "~" skips zero or one word.
var phrases = []struct{ from, to string }{
	{"make sure", "v:check"}, {"have ~ look", "v:check"}, {"take ~ look", "v:check"},
	{"get in touch", "v:contact"}, {"speak to", "v:contact"}, {"speak with", "v:contact"},
	{"talk to", "v:contact"}, {"talk with", "v:contact"}, {"power cycl", "v:restart"},
	{"log out", "v:logout"}, {"sign out", "v:logout"}, {"log off", "v:logout"},
	{"log back in", "v:login"}, {"sign back in", "v:login"}, {"log in", "v:login"},
	{"sign in", "v:login"}, {"login", "v:login"},
	{"re set", "v:reset"}, {"re sent", "v:send"}, {"re send", "v:send"},
	{"re instal", "v:reinstall"}, {"re enter", "v:enter"}, {"re start", "v:restart"},
	{"expiri date", "o:expiry"}, {"expir date", "o:expiry"}, {"valid until", "o:expiry"},
	{"valid thru", "o:expiry"}, {"email address", "o:address"},
	{"payment method", "o:card"}, {"payment card", "o:card"}, {"credit card", "o:card"},
	{"debit card", "o:card"}, {"bank card", "o:card"}, {"card issuer", "o:bank"},
	{"app store", "o:store"}, {"play store", "o:store"}, {"spam folder", "o:spam"},
	{"junk folder", "o:spam"}, {"cach data", "o:cache"},
}

// stops end an action's object phrase once it has an object: what follows is
// where or why ("update your card in Settings", "call your bank to check").
var stops = map[string]bool{
	"in": true, "on": true, "from": true, "using": true, "via": true, "with": true,
	"within": true, "at": true, "by": true, "to": true, "for": true, "through": true,
	"under": true, "before": true, "after": true, "until": true, "about": true,
	"regarding": true, "if": true, "whether": true, "so": true, "because": true,
	"when": true, "while": true, "once": true, "since": true, "and": true, "or": true,
	"then": true, "as": true, "but": true,
}

// infoObjects are things an agent asks the user to tell rather than to fix:
// "could you confirm your email address?" gathers information.
var infoObjects = map[string]bool{"address": true, "name": true, "number": true,
	"usernam": true, "birth": true, "postcod": true, "zip": true, "screenshot": true,
	"digit": true}

// maxObjects bounds a key's objects: the first two carry the action, more
// only add phrasing noise.
const maxObjects = 2
