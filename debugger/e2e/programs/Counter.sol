// SPDX-License-Identifier: MIT
pragma solidity ^0.8.0;

// Counter is the debugger test's Solidity contract: add writes two slots,
// take reverts when the sender lacks credit.
contract Counter {
    uint256 public count;
    mapping(address => uint256) public credit;

    function add(uint256 x) external returns (uint256) {
        uint256 doubled = x * 2;
        count += doubled;
        credit[msg.sender] = count;
        return count;
    }

    function take(uint256 amount) external {
        uint256 have = credit[msg.sender];
        require(have >= amount, "not enough credit");
        credit[msg.sender] = have - amount;
    }
}
