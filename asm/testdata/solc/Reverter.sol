// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

// Fails in the ways revert-reason decoding must explain.
contract Reverter {
    uint256[] private items;

    function fail() external pure {
        revert("something went wrong");
    }

    function divide(uint256 a, uint256 b) external pure returns (uint256) {
        return a / b; // Panic(0x12) when b == 0
    }

    function add(uint256 a, uint256 b) external pure returns (uint256) {
        return a + b; // Panic(0x11) on overflow
    }

    function item(uint256 i) external view returns (uint256) {
        return items[i]; // Panic(0x32) out of bounds
    }
}
