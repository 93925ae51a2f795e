/** Test support shared by the store's tests: fake time and other fixtures. */
package dev.docstore.testing;
