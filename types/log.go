package types

// Log is an event emitted by LOG0..LOG4.
type Log struct {
	Address Address `json:"address"`
	Topics  []Hash  `json:"topics"`
	Data    Bytes   `json:"data"`
}
