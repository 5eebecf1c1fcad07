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
// merge across verbs; the survivor keeps each absorbed verb's phrasings so
// that later proposals with that verb find it.
//
// A solution's key is the verb–object phrase of its first member in base
// form ("order_replacement_card"), unique per tenant and never changed:
// keys are addresses. When a consolidation merges two solutions the larger
// one's key survives and the other becomes an alias of it. The description
// is the most central member phrasing.
//
// It is a library: no storage, no I/O. A Model is safe for concurrent use.
package solution
