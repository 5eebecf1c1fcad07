package store

// GatewayReader holds the reads of the gateway's tables (connections and
// their encrypted tokens).
type GatewayReader interface{}

// GatewayTx holds the writes of the gateway's tables.
type GatewayTx interface{}
