// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// Emits events with indexed topics of several kinds (address, uint256,
/// bytes32, and an indexed string, which is stored as its keccak256).
contract Emitter {
    event Ping(address indexed from, uint256 indexed id, bytes32 indexed tag, string note);
    event Named(string indexed name, uint256 value);
    event Anon(uint256 indexed a, uint256 b) anonymous;

    uint256 public pings;

    function ping(uint256 id, bytes32 tag, string calldata note) external {
        pings += 1;
        emit Ping(msg.sender, id, tag, note);
    }

    function pingMany(uint256 firstId, uint256 n, bytes32 tag) external {
        for (uint256 i = 0; i < n; i++) {
            emit Ping(msg.sender, firstId + i, tag, "many");
        }
        pings += n;
    }

    function named(string calldata name, uint256 value) external {
        emit Named(name, value);
    }

    function anon(uint256 a, uint256 b) external {
        emit Anon(a, b);
    }
}
