// n8n loads the node and credential from the paths in package.json's "n8n" section;
// this entry point only lets the package be required as a whole.
module.exports = {};
