// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// A child created by Factory with CREATE2; it remembers its creator and a
/// value given at construction.
contract Child {
    address public immutable factory;
    uint256 public value;

    constructor(uint256 v) {
        factory = msg.sender;
        value = v;
    }

    function setValue(uint256 v) external {
        value = v;
    }
}

contract Factory {
    event Created(address indexed child, bytes32 indexed salt, uint256 value);

    function create(bytes32 salt, uint256 v) external returns (address child) {
        child = address(new Child{salt: salt}(v));
        emit Created(child, salt, v);
    }

    /// The address create(salt, v) deploys to, computed as EIP-1014 defines.
    function predict(bytes32 salt, uint256 v) external view returns (address) {
        bytes32 initHash = keccak256(abi.encodePacked(type(Child).creationCode, abi.encode(v)));
        return address(uint160(uint256(keccak256(abi.encodePacked(bytes1(0xff), address(this), salt, initHash)))));
    }
}
