package main

import (
	"io"
	"reflect"
	"testing"
)

func TestSplitDebugFlags(t *testing.T) {
	o, rest, err := splitDebugFlags([]string{"--port", "8123", "--code", "0x00", "-no-open", "--sources=a.json",
		"--rpc", "http://x", "--tx=0xab", "--gas", "5", "6001"})
	if err != nil {
		t.Fatal(err)
	}
	want := debugOpts{port: 8123, noOpen: true, rpc: "http://x", tx: "0xab", sources: "a.json"}
	if o != want {
		t.Fatalf("opts %+v", o)
	}
	if !reflect.DeepEqual(rest, []string{"--code", "0x00", "--gas", "5", "6001"}) {
		t.Fatalf("rest %q", rest)
	}
	for _, bad := range [][]string{{"--port"}, {"--port", "x"}, {"--port", "70000"}} {
		if _, _, err := splitDebugFlags(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// TestDebugCode records what goevm run would run, with its flags.
func TestDebugCode(t *testing.T) {
	env, _, err := parseRunFlags([]string{"--code", "0x600660070160005260206000f3", "--gas", "100000"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	sess, err := debugCode(env)
	if err != nil {
		t.Fatal(err)
	}
	tr := sess.Trace
	if tr.Len() != 8 || tr.Result.GasUsed != 24 || tr.Result.Error != "" {
		t.Fatalf("%d steps, result %+v", tr.Len(), tr.Result)
	}
	if v := tr.View(2, 0); v.Op != "ADD" || v.Gas != "99994" || len(v.Stack) != 2 || v.Stack[0] != "0x7" {
		t.Fatalf("step 2: %+v", v)
	}
	if code := debugMain([]string{"--tx", "0xab"}, io.Discard, io.Discard); code != 2 {
		t.Fatalf("--tx without --rpc: exit %d", code)
	}
}
