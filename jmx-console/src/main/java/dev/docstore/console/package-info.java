/**
 * docstore's JMX console: the command line ({@link dev.docstore.console.ConsoleMain}), its options, and the
 * {@link dev.docstore.console.Console} state shared by the web and JMX sides.
 */
package dev.docstore.console;
