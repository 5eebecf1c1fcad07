// Package solution learns a tenant's solutions from the proposals its
// agents make: proposals whose verb–object phrases mean the same action are
// grouped, online as they arrive and again at periodic consolidations, the
// way package issuetype learns issue types.
//
// Nothing here is listed by hand: two proposals meet when they share the
// verb (stemmed, with its particle) and their object phrases are alike
// under tf-idf weights learned from the tenant's own proposals, the head
// noun weighted most. Different verbs on one object ("check card",
// "freeze card") stay apart by construction.
//
// Words alone cannot tell that "order a replacement card" and "send you a
// new card" are one action. How the conversations use them can
// (MergeByUsage, fed by the engine at each consolidation): phrasings of one
// action are chosen for the same issue types, tried before and after the
// same other actions, and almost never both in one conversation, while two
// actions for one issue are tried one after the other. Solutions used so
// are grouped across verbs, and a group reads as one solution under its
// largest member's key (Resolve, Get, Solutions). Unlike a merge by words,
// a usage group is not permanent: it is made afresh from the solutions the
// words made (Base) at every usage merge, on all the use seen so far, so
// that a group formed from the first few conversations parts when more
// say otherwise, and the groups do not depend on how often they were made.
//
// A solution's key is the verb–object phrase of its first member in base
// form ("order_replacement_card"), unique per tenant and never changed:
// keys are addresses. When a consolidation merges two solutions the larger
// one's key survives and the other becomes an alias of it, for good. The description
// is the most central member phrasing.
//
// It is a library: no storage, no I/O. A Model is safe for concurrent use.
package solution
