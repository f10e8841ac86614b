// Package difftest compares goevm with go-ethereum's core/vm, trace line by
// trace line. It is a module of its own so that go-ethereum never enters
// goevm's dependencies.
//
// The test assembles every program in corpus/ (goevm's asm syntax; a
// ";! gas N" or ";! input 0x..." line sets the run's gas and call data),
// runs it with "goevm run --trace" and with geth's core/vm/runtime and JSON
// logger in-process (what geth's "evm --json run" does), under Frontier,
// Berlin, Cancun and Osaka, and requires the EIP-3155 traces to be
// byte-identical, line by line: every step, every fault (error texts
// included), every frame's summary line. TestStateTracesAgree does the same
// for "goevm statetest --trace" against geth's state-test runner on a few
// fixtures, the {"stateRoot": ...} line after each case included.
package difftest
