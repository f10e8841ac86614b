// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// Fails in each of the ways a client must decode: a reason string
/// (Error(string)), a custom error with arguments, and panics
/// (Panic(uint256): 0x12 division by zero, 0x01 assert).
contract Reverter {
    error Unauthorized(address caller, uint256 needed, string why);

    uint256 public counter;

    function withReason() external pure {
        revert("Reverter: no way");
    }

    function withCustomError(uint256 needed) external view {
        revert Unauthorized(msg.sender, needed, "not the owner");
    }

    function divide(uint256 a, uint256 b) external pure returns (uint256) {
        return a / b;
    }

    function withAssert() external pure {
        assert(false);
    }

    /// State-changing variants, so a mined transaction can fail.
    function bumpOrRevert(bool fail) external {
        counter += 1;
        require(!fail, "Reverter: bump refused");
    }

    function bumpOrCustom(bool fail) external {
        counter += 1;
        if (fail) revert Unauthorized(msg.sender, counter, "bump");
    }

    function bumpOrPanic(uint256 d) external {
        counter += 1;
        counter = counter / d;
    }
}
