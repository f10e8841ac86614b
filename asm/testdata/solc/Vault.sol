// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

// Takes constructor arguments, one stored as an immutable (patched into the
// runtime code by the constructor) and one in storage.
contract Vault {
    address public immutable owner;
    uint256 public limit;

    constructor(address owner_, uint256 limit_) {
        owner = owner_;
        limit = limit_;
    }

    function setLimit(uint256 limit_) external {
        require(msg.sender == owner, "not owner");
        limit = limit_;
    }
}
