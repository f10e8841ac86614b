package base58

import "testing"

func TestEncode(t *testing.T) {
	// Independent vector: base58 of 0x0000ff is "11" + base58(255) = "115Q".
	if got := Encode([]byte{0, 0, 0xff}); got != "115Q" {
		t.Errorf("Encode(0000ff) = %s, want 115Q", got)
	}
	// "Hello World!" in Bitcoin base58 is 2NEpo7TZRRrLZSi2U.
	if got := Encode([]byte("Hello World!")); got != "2NEpo7TZRRrLZSi2U" {
		t.Errorf("Encode(Hello World!) = %s", got)
	}
}
