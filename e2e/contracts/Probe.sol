// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// Reads the block environment, for eth_call semantics and time travel.
contract Probe {
    function env()
        external
        view
        returns (uint256 number, uint256 timestamp, uint256 basefee, uint256 chainid, address coinbase, uint256 gaslimit)
    {
        return (block.number, block.timestamp, block.basefee, block.chainid, block.coinbase, block.gaslimit);
    }

    uint256 public stamped;

    /// Records the timestamp of the block it runs in.
    function stamp() external {
        stamped = block.timestamp;
    }
}
