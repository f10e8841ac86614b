// Package bench compares goevm with go-ethereum on the same inputs. It is a
// separate module so that go-ethereum never enters goevm's own dependencies.
//
//	cd bench && go test -run '^$' -bench . -benchtime 1s
package bench
