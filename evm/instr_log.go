package evm

import "github.com/goevm/goevm/types"

// LOG0..LOG4(offset, size, topics...).
func registerLogs(t *[256]behaviour) {
	for n := 0; n <= 4; n++ {
		topics := n
		t[LOG0+OpCode(n)].execute = func(pc *uint64, e *EVM, f *frame) ([]byte, error) {
			if f.static {
				return nil, ErrWriteProtection
			}
			off, size := f.stack.pop(), f.stack.pop()
			log := &types.Log{Address: f.address, Data: f.mem.copyOut(off.Uint64(), size.Uint64())}
			if log.Data == nil {
				log.Data = []byte{}
			}
			if topics > 0 {
				log.Topics = make([]types.Hash, topics)
				for i := range log.Topics {
					log.Topics[i] = types.Hash(f.stack.popPtr().Bytes32())
				}
			}
			e.db.AddLog(log)
			return nil, nil
		}
		t[LOG0+OpCode(n)].dynamicGas = func(e *EVM, f *frame, _ uint64) (uint64, error) {
			size := f.stack.back(1)
			if !size.IsUint64() {
				return 0, ErrGasUintOverflow
			}
			data, overflow := safeMul(size.Uint64(), logDataGas)
			if overflow {
				return 0, ErrGasUintOverflow
			}
			c, overflow := safeAdd(data, uint64(topics)*logTopicGas)
			if overflow {
				return 0, ErrGasUintOverflow
			}
			return c, nil
		}
	}
}
