/**
 * docstore's JMX console: the command line ({@link dev.docstore.console.ConsoleMain}), its options, the export and
 * import commands for scripts ({@link dev.docstore.console.TransferCommand}), and the
 * {@link dev.docstore.console.Console} state shared by the web and JMX sides.
 */
package dev.docstore.console;
