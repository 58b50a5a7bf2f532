// What changed between runs: releases new, changed and gone, with the field-level changes of their
// orders, and orders new, changed and removed. Public entry of the diff stage; it reads the history
// the store keeps (src/store/queries/diff.ts) and never writes.
export * from './diff.ts';
